// SPDX-License-Identifier: MIT
// The 2016 experiment, live: this program is running while you read this.
//
// Presenter notes: try these edits, saving (Ctrl+S) after each one.
//   1. Make m() return something new, e.g.   return s + ' (patched live)';
//      The next line printed uses the new code, and the counter keeps counting.
//   2. Change  'original'  below to  'updated'.  m() still answers 'original':
//      LiveEdit replaces functions but does not run the module again, so the
//      top-level binding keeps its old live value (the Changes dock says so).
//   3. Type a syntax error. The error is shown; the old code keeps running.
"use strict";
let s = 'original';
function m() { return s; }

let counter = 0;
setInterval(() => {
  counter++;
  console.log(counter + ' ' + m());
}, 1000);

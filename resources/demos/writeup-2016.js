// SPDX-License-Identifier: MIT
// The 2016 experiment, live: this runs as you read.
//
// Try these edits, saving (Ctrl+S) after each one:
//  1. Make m() return s + ' (patched live)': the next
//     line printed uses it; the counter keeps counting.
//  2. Change 'original' below to 'updated'. m() still
//     says 'original': top-level code is not run again.
//     Ctrl+Alt+R on that line re-initializes s.
//  3. Type a syntax error: the old code keeps running.
"use strict";
let s = 'original';
function m() { return s; }

let counter = 0;
setInterval(() => {
  counter++;
  console.log(counter + ' ' + m());
}, 1000);

"use strict";
// The demo's shape, faster: m() is edited live while the counter must survive.
let s = 'original';
function m() { return s; }
let counter = 0;
setInterval(() => {
  counter++;
  console.log(counter + ' ' + m());
}, 100);

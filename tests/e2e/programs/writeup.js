"use strict";
// The 2016 write-up's experiment: m() reads a top-level binding; a timer prints
// it with a counter that must survive every patch.
let s = 'original';
let counter = 0;
function m() { return s; }
setInterval(() => { counter++; console.log(counter + ' ' + m()); }, 50);

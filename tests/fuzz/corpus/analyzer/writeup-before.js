"use strict";
let s = 'original';
let counter = 0;
function m() { return s; }
setInterval(() => { counter++; console.log(counter + ' ' + m()); }, 20);

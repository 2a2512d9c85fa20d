"use strict";
// A top-level `total` and a parameter of the same name that hides it.
let total = 0;
function add(total) { return total + 1; }
setInterval(() => {
  total = add(total);
  console.log(total + ' total');
}, 100);

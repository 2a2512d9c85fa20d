"use strict";
// The same uncaught exception every 50 ms: the console counts it, once.
function boom() {
  throw new Error('again');
}
setInterval(boom, 50);

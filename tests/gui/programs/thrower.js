"use strict";
// An uncaught exception with a frame in this file; the program keeps running.
function boom() {
  throw new Error('boom');
}
setTimeout(boom, 100);
setInterval(() => {}, 1000);

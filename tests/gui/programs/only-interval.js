"use strict";
// The program's only interval runs away on its third call: Interrupt must end
// that callback, say what was lost and keep the program (and `ticks`, which the
// exit listener keeps reachable).
let ticks = 0;
process.on('exit', () => console.log('ended after ' + ticks));
setInterval(function tick() {
  ticks++;
  console.log('tick ' + ticks);
  if (ticks === 3)
    while (true) {}
}, 100);

// Interrupt (tst_controls): the program's only interval runs away on its third
// call; ending that callback leaves nothing for the event loop to wait for.
let n = 0;
const kept = { state: 'kept' };
setInterval(function tick() {
  n++;
  console.log(`tick ${n} ${kept.state}`);
  if (n === 3)
    while (true) {}
}, 100);

// The console's module scope (tst_console): bindings that a function uses,
// CommonJS's names, values of every shape.
let s = 'original';
let ticks = 0;
let entered = 0; // counts calls of probe, which only the console could make
const shapes = {
  point: { x: 1, y: [2, 3] },
  list: [1, 'two', { three: 3 }],
  map: new Map([['a', 1], ['b', { c: 2 }]]),
  set: new Set([1, 2]),
  done: Promise.resolve(42),
  waiting: new Promise(() => {}),
};
function probe() {
  entered++;
  return shapes;
}
exports.answer = 42;
setInterval(() => {
  ticks++;
  console.log(`tick ${ticks} ${s}`);
}, 100);

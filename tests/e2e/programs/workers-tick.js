// A worker thread: posts what its functions say, every tick.
const { parentPort } = require('worker_threads');
const shared = require('./workers-shared.js');

function reading() {
  return 'one';
}

setInterval(() => parentPort.postMessage(`${reading()} ${shared.word()}`), 100);

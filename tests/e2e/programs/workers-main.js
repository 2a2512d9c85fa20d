// The main thread of a program with worker threads: each worker's messages are
// printed with its name; the test starts and stops workers through eval.
const path = require('path');
const { Worker } = require('worker_threads');
const shared = require('./workers-shared.js');

const workers = new Map();
globalThis.startWorker = (name) => {
  const worker = new Worker(path.join(__dirname, 'workers-tick.js'));
  worker.on('message', (message) => console.log(`${name}: ${message}`));
  worker.on('exit', () => console.log(`${name} ended`));
  workers.set(name, worker);
  return name;
};
globalThis.stopWorker = (name) => {
  workers.get(name).terminate();
  workers.delete(name);
  return name;
};

startWorker('first');
setInterval(() => console.log(`main: ${shared.word()}`), 100);

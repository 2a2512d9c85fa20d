// SPDX-License-Identifier: MIT
// How long a worker_threads Worker takes to start: from `new Worker` to its first
// message, median of 10. Run it under each runtime to see what Graft adds, e.g.
//   build/release/bin/graft-runtime tests/benchmarks/workerstart.js      (no Graft)
//   build/release/bin/graft --headless tests/benchmarks/workerstart.js  (embedded, with the worker bridge)
//   build/release/bin/graft --headless --node NODE tests/benchmarks/workerstart.js
'use strict';
const { Worker } = require('worker_threads');

const rounds = 10;
const times = [];
function startOne() {
  const started = process.hrtime.bigint();
  const worker = new Worker('require("worker_threads").parentPort.postMessage(1)', { eval: true });
  worker.once('message', () => {
    times.push(Number(process.hrtime.bigint() - started) / 1e6);
    worker.terminate();
    if (times.length < rounds)
      return startOne();
    times.sort((a, b) => a - b);
    console.log(`worker start: median ${times[rounds / 2].toFixed(1)} ms, min ${times[0].toFixed(1)} ms (${rounds} starts)`);
  });
}
startOne();

// SPDX-License-Identifier: MIT
// graft worker bridge, for the embedded runtime (graft-runtime) only: preloaded
// into every thread (--require, which Workers inherit). In a Worker it starts a
// relay thread, a Worker of that Worker, whose inspector.Session.connectToMainThread()
// reaches the Worker's own inspector (Node's agent runs in a Worker's thread even
// though graft-runtime's main thread has none); the relay speaks to graft-runtime
// through the linked binding "graft_workers", which answers the app's NodeWorker
// domain. Then the Worker waits, as under NodeWorker's waitForDebuggerOnStart,
// until the app has enabled its debugger, so a save made now still reaches it.
//
// Invariants: nothing here writes to the program's output; the program's
// execArgv looks as it would without Graft; the relay filters this file out of
// the Worker's script list (graft-runtime does so on the main thread).
'use strict';

(function graftWorkerBridge() {
  const { isMainThread, Worker, threadId } = require('worker_threads');
  delete require.cache[__filename]; // the program's module cache holds only its own
  const preload = '--require=' + __filename;
  const at = process.execArgv.indexOf(preload);
  if (at >= 0)
    process.execArgv.splice(at, 1);
  if (isMainThread)
    return;

  // [0]: 0 while the Worker waits for the app; the relay sets 1.
  const gate = new Int32Array(new SharedArrayBuffer(4));
  const relay = new Worker(require('path').join(__dirname, 'worker-relay.js'), {
    workerData: { gate, workerId: threadId, url: require('url').pathToFileURL(process.argv[1] || '').href,
      bridgeUrl: require('url').pathToFileURL(__filename).href },
    execArgv: [],
    env: {},
    stdout: true,
    stderr: true,
  });
  relay.unref();
  relay.on('error', () => {});

  // A wait of 1 ms at a time: the relay's calls reach this thread by interrupt,
  // which V8 takes between the waits, not during one. Bounded, so that a Worker
  // never hangs on Graft.
  const deadline = Date.now() + 5000;
  while (Atomics.load(gate, 0) === 0 && Date.now() < deadline)
    Atomics.wait(gate, 0, 0, 1);
})();

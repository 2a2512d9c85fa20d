// SPDX-License-Identifier: MIT
// graft agent, main-thread part: preloaded with --require into the user's own node
// (graft --node PATH). It starts the agent worker (agent-worker.js), which drives
// this thread's inspector through inspector.Session.connectToMainThread() and
// speaks Graft's protocol on two inherited pipe descriptors: no inspector port.
// ES module entries need no --import: this preload runs before the ESM loader,
// and the worker's session sees module scripts as V8 compiles them.
//
// Invariants: nothing here writes to the program's stdout or stderr; nothing
// here stays on the program's global object once the program starts; the
// agent's scripts are filtered out of the program's script list by the worker.
'use strict';

(function graftAgent() {
  const { isMainThread, Worker } = require('worker_threads');
  // GRAFT_AGENT carries the pipe descriptors to this process only: its children
  // (child_process.fork inherits execArgv, so --require) find the agent inert.
  const config = process.env.GRAFT_AGENT;
  if (!isMainThread || !config)
    return;
  delete process.env.GRAFT_AGENT;
  const [inFd, outFd] = config.split(',').map(Number);
  const options = new Set(config.split(',').slice(2));

  // The program sees the execArgv it would see without Graft (and forks nothing of ours).
  const ours = new Set(['--expose-internals', '--no-sparkplug', '--inspector-live-edit', '--require', __filename]);
  for (let i = process.execArgv.length - 1; i >= 0; --i) {
    if (ours.has(process.execArgv[i]) || process.execArgv[i] === '--require=' + __filename)
      process.execArgv.splice(i, 1);
  }

  // A stop clears Node's async-id stack inside the runaway callback, then the
  // worker terminates it; a plain termination makes Node exit with "async hook
  // stack has become corrupted" (ENGINE.md). Needs --expose-internals.
  let clearAsyncIdStack = null;
  try {
    ({ clearAsyncIdStack } = require('internal/async_hooks'));
  } catch {
    // the worker reports that a stop cannot be made safe on this node
  }

  // [0]: 0 while the app has not said "run"; the worker sets 1 and notifies.
  // [2]: the swap engine's instrumenting round trip (swap-host.js): 1 when answered.
  const gate = new Int32Array(new SharedArrayBuffer(12));
  const swap = options.has('swap') ? new MessageChannel() : null;
  // ES modules are instrumented on Node's loader thread (swap-hooks.mjs), which
  // asks the worker over a channel of its own.
  const Module = require('module');
  const esm = swap && typeof Module.register === 'function' ? new MessageChannel() : null;
  const worker = new Worker(require('path').join(__dirname, 'agent-worker.js'), {
    workerData: { inFd, outFd, gate, agentDir: __dirname, canClearAsyncIds: !!clearAsyncIdStack,
      swapPort: swap ? swap.port2 : null, esmSwapPort: esm ? esm.port2 : null },
    transferList: [swap && swap.port2, esm && esm.port2].filter(Boolean),
    // Whatever the worker might print stays out of the program's output.
    stdout: true,
    stderr: true,
    execArgv: [],
    env: {},
  });
  worker.unref(); // the agent never keeps a finished program alive
  // The worker never ends while the program runs (its 'exit' does not fire when the
  // program itself ends): if it does, Graft has lost the program, so end it rather
  // than leave an orphan that nobody can see or stop.
  worker.on('error', () => {});
  worker.on('exit', () => process.kill(process.pid, 'SIGKILL'));

  // Called by the worker (Runtime.callFunctionOn) inside an interrupt of this
  // thread: true when JavaScript of the program is on the stack below us (a
  // runaway to stop: its frames), after clearing the async-id stack for its
  // termination; false when nothing of the program runs.
  function stopProbe() {
    const prepare = Error.prepareStackTrace;
    const limit = Error.stackTraceLimit;
    let sites = [];
    try {
      Error.prepareStackTrace = (_, callSites) => callSites;
      Error.stackTraceLimit = 16;
      const holder = {};
      Error.captureStackTrace(holder, stopProbe);
      sites = holder.stack;
    } finally {
      Error.prepareStackTrace = prepare;
      Error.stackTraceLimit = limit;
    }
    // Left: the inspector's own wrapper. Anything more is the program running.
    if (!Array.isArray(sites) || sites.length <= 1)
      return false;
    if (clearAsyncIdStack)
      clearAsyncIdStack();
    // An interrupted callback may have been the last thing the loop waited for
    // (the only interval): the program stays open, so the session lives on.
    worker.ref();
    // What is about to be ended, innermost first, so the app can say what was lost.
    const frames = [];
    for (let i = 1; i < sites.length; i++) {
      frames.push({ functionName: String(sites[i].getFunctionName() || ''),
        url: String(sites[i].getFileName() || ''), lineNumber: (sites[i].getLineNumber() || 1) - 1,
        columnNumber: (sites[i].getColumnNumber() || 1) - 1 });
    }
    return frames;
  }
  const handle = Symbol.for('graft.agent');
  globalThis[handle] = { stop: stopProbe, swap: swap ? startSwapEngine(swap.port1) : null };

  // The swap engine: each of the program's CommonJS modules is instrumented by
  // the worker as it loads, this thread waiting for the answer (the parser
  // never runs in the program's own isolate).
  function startSwapEngine(port) {
    const { receiveMessageOnPort } = require('worker_threads');
    const { installSwapHost } = require('./swap-host.js');
    port.unref();
    return installSwapHost((filename, source) => {
      Atomics.store(gate, 2, 0);
      port.postMessage({ filename, source });
      // Bounded: a worker that never answers leaves the module as it is.
      Atomics.wait(gate, 2, 0, 10000);
      const answer = receiveMessageOnPort(port);
      return answer && typeof answer.message.code === 'string' ? answer.message.code : null;
    });
  }

  process.on('uncaughtException', (error, origin) => {
    let description;
    try {
      description = error && typeof error.stack === 'string' ? error.stack : String(error);
    } catch {
      description = 'an exception that cannot be printed';
    }
    if (origin === 'unhandledRejection')
      description = 'Unhandled promise rejection: ' + description;
    worker.postMessage({ type: 'exception', description });
    if (options.has('exit-on-uncaught')) {
      // Let the worker send the report before the process ends.
      Atomics.wait(gate, 1, 0, 2000);
      process.stderr.write(description + '\n');
      process.exit(1);
    }
  });

  if (esm) {
    const hooks = require('url').pathToFileURL(require('path').join(__dirname, 'swap-hooks.mjs'));
    Module.register(hooks, { data: { port: esm.port1 }, transferList: [esm.port1] });
  }

  // Files require() loads without compiling them never appear as scripts: tell
  // the app, so a save of one is answered with why it cannot reach the program.
  for (const [extension, kind] of [['.json', 'json'], ['.node', 'addon']]) {
    const load = Module._extensions[extension];
    if (typeof load !== 'function')
      continue;
    Module._extensions[extension] = function (module, filename) {
      const result = Reflect.apply(load, this, arguments);
      try {
        worker.postMessage({ type: 'fileLoaded', path: String(filename), kind });
      } catch {
        // telling the app must never break the program's require()
      }
      return result;
    };
  }

  // Wait until the app has enabled the inspector (Runtime.runIfWaitingForDebugger),
  // so it sees every script from the entry on. The worker's session reaches this
  // thread through V8 interrupts, which run during Atomics.wait.
  while (Atomics.load(gate, 0) === 0)
    Atomics.wait(gate, 0, 0, 1000);
  delete globalThis[handle];
})();

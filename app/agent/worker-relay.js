// SPDX-License-Identifier: MIT
// graft worker relay: the thread worker-bridge.js starts in each Worker of the
// embedded runtime. It carries the app's NodeWorker messages to the Worker's
// inspector and the inspector's answers and events back, through graft-runtime's
// "graft_workers" binding. It lives until its Worker ends, which ends it.
'use strict';

const { workerData } = require('worker_threads');
const { ThreadSession } = require('./thread-session.js');

const { gate, workerId, url, bridgeUrl } = workerData;
const release = () => {
  Atomics.store(gate, 0, 1);
  Atomics.notify(gate, 0);
};

let binding;
try {
  binding = process._linkedBinding('graft_workers');
} catch {
  release(); // not graft-runtime: nothing to relay
}

if (binding) {
  const session = new ThreadSession();
  let sessionId = null;
  const send = (message) => binding.send(sessionId, JSON.stringify(message));
  session.on('inspectorNotification', (message) => {
    if (message.method === 'Debugger.scriptParsed' && message.params.url === bridgeUrl)
      return;
    send(message);
  });
  const attached = binding.attach(String(workerId), url, (json) => {
    let message;
    try {
      message = JSON.parse(json);
    } catch {
      return;
    }
    if (message.method === 'Runtime.runIfWaitingForDebugger')
      setImmediate(release); // after the calls the app sent before it
    session.post(message.method, message.params, (error, result) =>
      send(error ? { id: message.id, error } : { id: message.id, result })); // a bad message: its error, the relay lives on
  });
  sessionId = attached.sessionId;
  if (!attached.wait)
    release();
}

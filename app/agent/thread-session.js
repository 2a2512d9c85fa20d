// SPDX-License-Identifier: MIT
// The session of Graft's helper threads with the inspector of the thread that
// started them (inspector.Session.connectToMainThread): the agent worker's with
// the program's main thread, the relay's with its Worker. One guard on top.
//
// Node hands every message of such a session (answers and notifications) to
// this thread by a V8 interrupt, and the interrupt queues a microtask that
// delivers it (lib/inspector.js). When the interrupt lands at the very end of
// one of this thread's turns, after that turn's last microtask checkpoint, the
// message waits for the thread's next turn; a thread with nothing else to do
// waits for ever. Measured on Node 26.12.1 (docs/RELIABILITY.md): in three runs
// of four programs patched side by side under the swap engine, 300 saves each
// (its check asks the program again at once after each answer), 11 of the 12
// programs stuck, most within 100 saves, on an answer never delivered while
// both threads sat idle; a 100 ms timer in this thread delivered each such
// answer at its next tick. So this thread gets a next turn soon
// whenever a message may be waiting: a 1 ms timer while an answer is due, and
// one more turn 1 ms after each turn that did anything (a message delivered, or
// one of the thread's own handlers: they call lookAgainSoon()), since another
// message may have come in at its end. An idle thread has no timer: an idle
// heartbeat cost an idle program 0.65% of a core.
'use strict';

const inspector = require('inspector');

const kAnswerPollMs = 1;
const kLookAgainMs = 1;

// Node wraps protocol errors as "Inspector error CODE: MESSAGE"; the app wants them back.
function protocolError(error) {
  const match = /^Inspector error (-?\d+): ([\s\S]*)$/.exec(error && error.message);
  return match ? { code: Number(match[1]), message: match[2] } : { code: -32000, message: String(error && error.message) };
}

class ThreadSession {
  constructor() {
    this.session = new inspector.Session();
    this.session.connectToMainThread();
    this.due = 0; // answers not yet delivered
    this.poll = null;
    this.again = null;
    this.session.on('inspectorNotification', () => this.lookAgainSoon());
  }

  // A turn with nothing in it soon: its microtask checkpoint delivers what waits.
  lookAgainSoon() {
    if (this.again === null)
      this.again = setTimeout(() => {
        this.again = null;
      }, kLookAgainMs);
  }

  on(event, listener) {
    this.session.on(event, listener);
  }

  // As Session.post, the callback always called once: (error, result), with
  // `error` as {code, message}.
  post(method, params, callback) {
    if (this.due++ === 0)
      this.poll = setInterval(() => {}, kAnswerPollMs);
    const answered = (error, result) => {
      if (--this.due === 0)
        clearInterval(this.poll);
      this.lookAgainSoon();
      callback(error ? protocolError(error) : null, result);
    };
    try {
      this.session.post(method, params, answered);
    } catch (error) {
      answered({ message: `Inspector error -32600: ${error.message}` }); // e.g. no method
    }
  }

  // The same, as a promise of the result.
  request(method, params) {
    return new Promise((resolve, reject) => this.post(method, params, (error, result) => (error ? reject(error) : resolve(result))));
  }
}

module.exports = { ThreadSession };

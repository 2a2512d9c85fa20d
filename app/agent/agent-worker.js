// SPDX-License-Identifier: MIT
// graft agent, worker part (see agent.js): a protocol bridge between Graft on two
// pipes and the main thread's inspector. It forwards CDP both ways, answers
// Graft's own methods (Graft.analyze, Graft.callFunctionOn, Graft.terminate),
// and keeps the agent out of what the app sees (its scripts, the console events
// it does not use). Runs in its own isolate, so the program cannot reach it.
'use strict';

const { workerData, parentPort, threadId } = require('worker_threads');
const inspector = require('inspector');
const net = require('net');
const path = require('path');
const { FrameDecoder, encodeFrame } = require('./framing.js');
const { Analysis } = require('./analysis-host.js');

const { inFd, outFd, gate, agentDir, canClearAsyncIds } = workerData;
// Scripts of ours that the inspector reports: the preload (a file), and the
// helpers and probes we evaluate (named with a sourceURL comment).
const kToolingUrl = 'graft-agent:tooling';
const toolingSuffix = `\n//# sourceURL=${kToolingUrl}\n`;
const agentFiles = new Set([path.join(agentDir, 'agent.js')]);
const isAgentScript = (url) => url === kToolingUrl || agentFiles.has(url) || agentFiles.has(url.replace(/^file:\/\//, ''));

const output = new net.Socket({ fd: outFd, readable: false, writable: true });
const send = (message) => output.write(encodeFrame(JSON.stringify(message)));
const sendError = (id, code, message) => send({ id, error: { code, message } });

const session = new inspector.Session();
session.connectToMainThread();

// Node wraps protocol errors as "Inspector error CODE: MESSAGE"; the app wants them back.
function protocolError(error) {
  const match = /^Inspector error (-?\d+): ([\s\S]*)$/.exec(error && error.message);
  return match ? { code: Number(match[1]), message: match[2] } : { code: -32000, message: String(error && error.message) };
}

function post(method, params) {
  return new Promise((resolve, reject) => {
    session.post(method, params, (error, result) => (error ? reject(protocolError(error)) : resolve(result)));
  });
}

function forward(id, method, params) {
  session.post(method, params, (error, result) => {
    if (error)
      send({ id, error: protocolError(error) });
    else
      send({ id, result });
  });
}

// This thread is a worker too: with NodeWorker enabled the main thread reports
// it; it stays out of the program's threads (by its session, once attached).
let ownWorkerSession = null;
function isAgentWorker(message) {
  if (message.method === 'NodeWorker.attachedToWorker' && message.params.workerInfo.workerId === String(threadId))
    ownWorkerSession = message.params.sessionId;
  return message.method.startsWith('NodeWorker.') && message.params.sessionId === ownWorkerSession;
}

session.on('inspectorNotification', (message) => {
  if (message.method === 'Debugger.scriptParsed' && isAgentScript(message.params.url || ''))
    return;
  if (isAgentWorker(message))
    return;
  // Graft reads the program's output from its stdout and stderr, not from here.
  if (message.method === 'Runtime.consoleAPICalled')
    return;
  send(message);
});

// --- Graft's own methods --------------------------------------------------------

let stopProbeId = null;
async function findStopProbe() {
  const { result } = await post('Runtime.evaluate', {
    expression: `globalThis[Symbol.for('graft.agent')]${toolingSuffix}`,
    objectGroup: 'graft-agent',
  });
  stopProbeId = result && result.objectId;
}

async function runIfWaiting(id) {
  try {
    await findStopProbe();
  } catch {
    stopProbeId = null; // Graft.terminate says why it cannot stop
  }
  forward(id, 'Runtime.runIfWaitingForDebugger', {});
  Atomics.store(gate, 0, 1);
  Atomics.notify(gate, 0);
}

// Same params and result as Runtime.callFunctionOn. Without an object the helper
// runs at global scope. Every helper is named as ours, so it stays out of the
// program's script list.
function callFunctionOn(id, params) {
  const declaration = String(params.functionDeclaration || '');
  if (params.objectId) {
    forward(id, 'Runtime.callFunctionOn', { ...params, functionDeclaration: declaration + toolingSuffix });
    return;
  }
  const evaluate = { expression: `(${declaration}\n)()${toolingSuffix}` };
  for (const key of ['objectGroup', 'returnByValue', 'generatePreview'])
    if (key in params)
      evaluate[key] = params[key];
  forward(id, 'Runtime.evaluate', evaluate);
}

const kNothingRunning = 'No JavaScript was running.';
let stopping = false;
// Ends a runaway callback of the main thread, keeping the program alive: the probe
// runs inside V8's interrupt on top of the runaway and clears Node's async-id
// stack; then the termination. Between the two the runaway keeps running; were it
// to finish by itself in that instant, Node would see the cleared stack (a race
// of well under a millisecond against code that runs until stopped).
async function terminate(id) {
  if (!canClearAsyncIds || !stopProbeId) {
    send({ id, result: { terminated: false, message: 'This node cannot be stopped safely (no internal/async_hooks).' } });
    return;
  }
  if (stopping) {
    send({ id, result: { terminated: false, message: 'A stop is already under way.' } });
    return;
  }
  stopping = true;
  try {
    const { result } = await post('Runtime.callFunctionOn', {
      objectId: stopProbeId,
      functionDeclaration: `function () { return this(); }${toolingSuffix}`,
      returnByValue: true,
    });
    if (!result || !Array.isArray(result.value)) {
      send({ id, result: { terminated: false, message: kNothingRunning } });
      return;
    }
    await post('Runtime.terminateExecution', {});
    send({ method: 'Graft.scriptTerminated', params: { reason: 'stop' } });
    send({ id, result: { terminated: true, message: 'The running script was stopped.', interrupted: result.value } });
  } catch (error) {
    send({ id, result: { terminated: false, message: error.message || String(error) } });
  } finally {
    stopping = false;
  }
}

// Node hands our messages to the main thread by interrupt as well as between
// callbacks, so a patch may land inside a short callback that runs a changed
// function. The embedded runtime waits up to 25 ms for the idle path; here the
// same patch is tried again a few times over that span, and only a function that
// stays on the stack is answered as blocked.
const kBlockedRetries = 5;
const kBlockedRetryMs = 6;
function setScriptSource(id, params, attempt = 0) {
  session.post('Debugger.setScriptSource', params, (error, result) => {
    if (error)
      send({ id, error: protocolError(error) });
    else if (result && result.status === 'BlockedByActiveFunction' && attempt < kBlockedRetries)
      setTimeout(() => setScriptSource(id, params, attempt + 1), kBlockedRetryMs);
    else
      send({ id, result });
  });
}

const analysis = new Analysis(path.join(agentDir, 'analysis.js'));

function route(payload) {
  let message;
  try {
    message = JSON.parse(payload);
  } catch {
    sendError(null, -32700, 'Message is not a JSON object');
    return;
  }
  if (!message || typeof message !== 'object' || Array.isArray(message)) {
    sendError(null, -32700, 'Message is not a JSON object');
    return;
  }
  const { id, method } = message;
  const params = message.params && typeof message.params === 'object' ? message.params : {};
  if (!Number.isInteger(id) || typeof method !== 'string') {
    sendError(id === undefined ? null : id, -32600, "Message must have an integer 'id' and a string 'method'");
    return;
  }
  switch (method) {
  case 'Graft.analyze':
    send({ id, ...analysis.run(params, (setScriptSource) => {
      // The edit may go to V8 now: this worker sends it to the program itself.
      send({ method: 'Graft.analysisSafe', params: { id, sent: typeof setScriptSource === 'string' } });
      if (typeof setScriptSource === 'string') route(setScriptSource);
    }) });
    setImmediate(() => analysis.idle());
    return;
  case 'Graft.callFunctionOn':
    callFunctionOn(id, params);
    return;
  case 'Graft.terminate':
    terminate(id);
    return;
  case 'Runtime.runIfWaitingForDebugger':
    runIfWaiting(id);
    return;
  case 'Debugger.setScriptSource':
    setScriptSource(id, params);
    return;
  case 'Runtime.callFunctionOn':
    forward(id, method, { ...params, functionDeclaration: String(params.functionDeclaration || '') + toolingSuffix });
    return;
  }
  if (method.startsWith('Graft.')) {
    sendError(id, -32601, `'${method}' wasn't found`);
    return;
  }
  forward(id, method, params);
}

// --- what the main thread tells us ------------------------------------------------

// An uncaught exception's frames, from its printed stack (the error object stays
// on the main thread); the agent's own frames are left out.
function framesOf(description) {
  const frames = [];
  for (const line of description.split('\n')) {
    const match = /^\s+at (?:async )?(?:(.*?) \()?(.+?):(\d+):(\d+)\)?$/.exec(line);
    if (!match || isAgentScript(match[2]))
      continue;
    frames.push({ functionName: match[1] || '', url: match[2], lineNumber: Number(match[3]) - 1,
      columnNumber: Number(match[4]) - 1, scriptId: '0' });
  }
  return frames;
}

parentPort.on('message', (message) => {
  if (message.type === 'exception') {
    const description = message.description
      .split('\n')
      .filter((line) => !isAgentScript((/\((.+?):\d+:\d+\)$/.exec(line) || [])[1] || ''))
      .join('\n');
    const top = framesOf(description)[0];
    send({ method: 'Runtime.exceptionThrown', params: { timestamp: Date.now(), exceptionDetails: {
      exceptionId: 0, text: 'Uncaught', lineNumber: top ? top.lineNumber : 0, columnNumber: top ? top.columnNumber : 0,
      url: top ? top.url : '', exception: { type: 'object', subtype: 'error', description },
      stackTrace: { callFrames: framesOf(description) } } } });
    // The main thread may be about to exit (--exit-on-uncaught): say when it is out.
    output.write('', () => {
      Atomics.store(gate, 1, 1);
      Atomics.notify(gate, 1);
    });
  } else if (message.type === 'fileLoaded') {
    send({ method: 'Graft.fileLoaded', params: { path: message.path, kind: message.kind } });
  }
});

// --- the app's pipe ----------------------------------------------------------------

send({ method: 'Graft.hostReady', params: { node: process.version, v8: process.versions.v8, pid: process.pid,
  runtime: 'node' } });

const decoder = new FrameDecoder();
const input = new net.Socket({ fd: inFd, readable: true, writable: false });
input.on('data', (chunk) => {
  decoder.feed(chunk);
  for (let frame; (frame = decoder.next()) !== null;) {
    if (frame.error)
      sendError(null, -32600, frame.error);
    else
      route(frame.payload);
  }
});
// The app is gone (its end of either pipe closed): end the program, as the
// embedded runtime does; SIGKILL if it is stuck (paused, or in a runaway loop).
let ending = false;
function appGone() {
  if (ending)
    return;
  ending = true;
  process.kill(process.pid, 'SIGTERM');
  setTimeout(() => process.kill(process.pid, 'SIGKILL'), 2000);
}
input.on('end', appGone);
input.on('close', appGone);
input.on('error', appGone);
output.on('error', appGone); // EPIPE: an unhandled error here would end only this worker

// SPDX-License-Identifier: MIT
// graft agent, worker part (see agent.js): a protocol bridge between Graft on two
// pipes and the main thread's inspector. It forwards CDP both ways, answers
// Graft's own methods (Graft.analyze, Graft.callFunctionOn, Graft.terminate),
// and keeps the agent out of what the app sees (its scripts, the console events
// it does not use). Runs in its own isolate, so the program cannot reach it.
'use strict';

const { workerData, parentPort } = require('worker_threads');
const net = require('net');
const path = require('path');
const { FrameDecoder, encodeFrame } = require('./framing.js');
const { Analysis } = require('./analysis-host.js');
const { ThreadSession } = require('./thread-session.js');
const { startSwapWorker } = require('./swap-worker.js');

const { inFd, outFd, gate, agentDir, canClearAsyncIds, swapPort, esmSwapPort } = workerData;
// Scripts of ours that the inspector reports: the preload (a file), and the
// helpers and probes we evaluate (named with a sourceURL comment).
const kToolingUrl = 'graft-agent:tooling';
const toolingSuffix = `\n//# sourceURL=${kToolingUrl}\n`;
const agentFiles = new Set(['agent.js', 'swap-host.js', 'swap-hooks.mjs'].map((file) => path.join(agentDir, file)));
const isAgentScript = (url) => url === kToolingUrl || agentFiles.has(url) || agentFiles.has(url.replace(/^file:\/\//, ''));

const output = new net.Socket({ fd: outFd, readable: false, writable: true });
const send = (message) => output.write(encodeFrame(JSON.stringify(message)));
const sendError = (id, code, message) => send({ id, error: { code, message } });

const session = new ThreadSession();
const post = (method, params) => session.request(method, params);

function forward(id, method, params) {
  session.post(method, params, (error, result) => send(error ? { id, error } : { id, result }));
}

// This thread is a worker too: with NodeWorker enabled the main thread reports
// it; it stays out of the program's threads (by its session, once attached), as
// does Node's own loader-hooks thread (the swap engine's ES module hooks run there).
const hiddenWorkerSessions = new Set();
function isAgentWorker(message) {
  if (message.method === 'NodeWorker.attachedToWorker') {
    const info = message.params.workerInfo;
    // By url: the inspector numbers workers in the order it attaches to them, not by threadId.
    const url = String(info.url);
    if (url === require('url').pathToFileURL(__filename).href || url.startsWith('node:internal/'))
      hiddenWorkerSessions.add(message.params.sessionId);
  }
  return message.method.startsWith('NodeWorker.') && hiddenWorkerSessions.has(message.params.sessionId);
}

// A Worker inherits the agent's --require: its copy of agent.js (inert there) is
// Graft's, not the program's, and stays out of the Worker's script list too.
function isAgentScriptOfWorker(message) {
  if (message.method !== 'NodeWorker.receivedMessageFromWorker' || !message.params.message.includes('"Debugger.scriptParsed"'))
    return false;
  try {
    const inner = JSON.parse(message.params.message);
    return inner.method === 'Debugger.scriptParsed' && isAgentScript(inner.params.url || '');
  } catch {
    return false;
  }
}

// Script ids of the main thread by url: the swap engine's modules are found by
// their file, and their compiled saves (named after it) stay out of the list.
const scriptUrls = new Map();
const fileOf = (url) => (url.startsWith('file://') ? require('url').fileURLToPath(url) : url);
const swapSourceOf = (url) => (swapPort && url ? analysis.swapSource(fileOf(url)) : null);

session.on('inspectorNotification', (message) => {
  if (message.method === 'Debugger.scriptParsed') {
    const url = message.params.url || '';
    if (isAgentScript(url))
      return;
    if (swapSourceOf(url) !== null)
      swapScripts.add(message.params.scriptId);
    if (message.params.hasSourceURL && swapSourceOf(url) !== null)
      return;
    scriptUrls.set(message.params.scriptId, url);
  }
  if (isAgentWorker(message) || isAgentScriptOfWorker(message))
    return;
  // Graft reads the program's output from its stdout and stderr, not from here.
  if (message.method === 'Runtime.consoleAPICalled')
    return;
  if (message.method === 'Debugger.paused' && message.params.reason === 'OOM') {
    endHeapHog();
    return;
  }
  passOn(message);
});

// V8's inspector pauses a program that nears its heap limit (reason OOM), the
// limit raised for the pause. Resumed as it is, the program would go on
// allocating and die of Node's fatal out-of-memory error, with all its state.
// The embedded runtime's guard, here: the script that ran out is ended as a
// stop ends a runaway (the async-id stack cleared inside it first), its garbage
// goes, the program lives on. V8 arms this pause once per Debugger.enable, so a
// second exhaustion in the same session is Node's fatal error again.
async function endHeapHog() {
  try {
    if (canClearAsyncIds && stopProbeId) {
      await post('Runtime.callFunctionOn', {
        objectId: stopProbeId,
        functionDeclaration: `function () { return this(); }${toolingSuffix}`,
        returnByValue: true,
      });
    }
    // V8 answers a termination once it is done, which is after the resume.
    post('Runtime.terminateExecution', {}).catch(() => {});
    send({ method: 'Graft.scriptTerminated', params: { reason: 'heap-limit' } });
  } catch {
    // Resumed below either way: a paused program would hang.
  }
  post('Debugger.resume', {}).catch(() => {});
}

// --- pauses in the swap engine's own code ---------------------------------------
// A step into a function stops first on its slot check, and a step out of a
// swapped function on the call in the check that forwarded to it: neither is
// the user's code, so the worker steps on, and Graft sees the pause on the
// user's next line. While a pause is looked at, later events wait their turn.
const swapScripts = new Set(); // the main thread's swap modules and their compiled saves
const checkRanges = new Map(); // script id -> Promise of { lineStarts, ranges: [[start, end]] }
const kSwapCode = require('./swap-host.js').swapCodePatterns;
let queue = Promise.resolve();
let queued = 0; // events waiting behind a pause being looked at
let skippedPauses = 0;
let skippedBreakpoints = null; // a breakpoint's pause the worker stepped on from: the next pause is it

function passOn(message) {
  if (!swapPort || !(message.method === 'Debugger.paused' || queued > 0 || skippedPauses > 0)) {
    send(message);
    return;
  }
  queued++;
  queue = queue.then(async () => {
    try {
      if (message.method === 'Debugger.resumed' && skippedPauses > 0) {
        skippedPauses--; // the resume of a step the worker took
        return;
      }
      if (message.method === 'Debugger.paused' && (await inSwapCode(message.params.callFrames[0]))) {
        const { reason, hitBreakpoints } = message.params;
        if (hitBreakpoints && hitBreakpoints.length)
          skippedBreakpoints = { reason, hitBreakpoints };
        skippedPauses++;
        await post('Debugger.stepInto', {});
        return;
      }
      if (message.method === 'Debugger.paused' && skippedBreakpoints) {
        Object.assign(message.params, skippedBreakpoints);
        skippedBreakpoints = null;
      }
      send(message);
    } catch {
      send(message);
    } finally {
      queued--;
    }
  });
}

async function inSwapCode(frame) {
  const scriptId = frame && frame.location && frame.location.scriptId;
  if (!swapScripts.has(scriptId))
    return false;
  if (!checkRanges.has(scriptId))
    checkRanges.set(scriptId, post('Debugger.getScriptSource', { scriptId }).then(({ scriptSource }) => swapCodeOf(scriptSource)));
  const { lineStarts, ranges } = await checkRanges.get(scriptId);
  const offset = lineStarts[frame.location.lineNumber] + (frame.location.columnNumber || 0);
  return ranges.some(([start, end]) => offset >= start && offset < end);
}

function swapCodeOf(code) {
  const lineStarts = [0];
  for (let i = code.indexOf('\n'); i !== -1; i = code.indexOf('\n', i + 1))
    lineStarts.push(i + 1);
  const ranges = [];
  for (const pattern of kSwapCode)
    for (const match of code.matchAll(pattern))
      ranges.push([match.index, match.index + match[0].length]);
  return { lineStarts, ranges };
}

// --- Graft's own methods --------------------------------------------------------

// The main thread's handles (agent.js): its stop probe and the swap engine's host.
let stopProbeId = null;
let swapHostId = null;
async function findHandle(name) {
  const { result } = await post('Runtime.evaluate', {
    expression: `globalThis[Symbol.for('graft.agent')].${name}${toolingSuffix}`,
    objectGroup: 'graft-agent',
  });
  return result && result.type === 'function' ? result.objectId : null;
}

async function runIfWaiting(id) {
  try {
    stopProbeId = await findHandle('stop');
    swapHostId = swapPort ? await findHandle('swap') : null;
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
      send({ id, error });
    else if (result && result.status === 'BlockedByActiveFunction' && attempt < kBlockedRetries)
      setTimeout(() => setScriptSource(id, params, attempt + 1), kBlockedRetryMs);
    else
      send({ id, result });
  });
}

const analysis = new Analysis(path.join(agentDir, 'analysis.js'));

// --- the swap engine (docs/SWAP.md; swap-worker.js) ------------------------------

// Without --engine swap it has no ports and no host, and refuses Graft.swap.
const swapEngine = startSwapWorker({ analysis, session, post, send, toolingSuffix, agentDir, gate,
  swapPort, esmSwapPort, swapHostId: () => swapHostId,
  fileOfScript: (params) => fileOf(scriptUrls.get(String(params.scriptId)) || String(params.url || '')) });

// The user's text of a swap module, not the instrumented one V8 runs.
function getScriptSource(id, params) {
  const source = swapSourceOf(scriptUrls.get(String(params.scriptId)));
  if (source !== null)
    send({ id, result: { scriptSource: source } });
  else
    forward(id, 'Debugger.getScriptSource', params);
}

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
  case 'Graft.swap':
    swapEngine.swap(id, params);
    return;
  case 'Debugger.getScriptSource':
    getScriptSource(id, params);
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
  session.lookAgainSoon();
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
  session.lookAgainSoon(); // what the main thread sends in this turn's last instant waits for the next
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

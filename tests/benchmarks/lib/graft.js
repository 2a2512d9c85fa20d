// SPDX-License-Identifier: MIT
// One `graft --headless --json --control` session: its events as parsed JSON
// with arrival times, control commands, and the pids of graft and graft-runtime.
'use strict';
const { performance } = require('node:perf_hooks');
const proc = require('./proc');

const parse = (line) => { try { return JSON.parse(line); } catch { return null; } };

class GraftSession {
  constructor(graftBin, entry, extraArgs = []) {
    this.child = proc.start(graftBin, ['--headless', '--json', '--control', ...extraArgs, entry]);
    this.nextId = 1;
  }

  // Resolves with {event, t} for the first event from now on with match(event) true.
  async next(match, timeoutMs, what) {
    const { line, t } = await this.child.out.next((l) => { const e = parse(l); return e && match(e); }, timeoutMs, what);
    return { event: parse(line), t };
  }

  // The first output line of the program whose text contains `token`.
  nextOutput(token, timeoutMs = 30000) {
    return this.next((e) => e.event === 'output' && e.text.includes(token), timeoutMs, `output ${token}`);
  }

  nextPatch(timeoutMs = 30000) {
    return this.next((e) => e.event === 'patch', timeoutMs, 'a patch event');
  }

  async ready(firstOutputToken, timeoutMs = 30000) {
    // Both waits start now: the program's first line can arrive in the same
    // read as `ready`, before a wait started after it would be listening.
    const output = firstOutputToken ? this.nextOutput(firstOutputToken, timeoutMs) : Promise.resolve();
    output.catch(() => {}); // awaited below; a missing `ready` is the error to report
    await this.next((e) => e.event === 'ready', timeoutMs, 'ready');
    await output;
  }

  // Sends a control command; resolves with {event (the result), t, sent}.
  async command(fields, timeoutMs = 60000) {
    const id = this.nextId++;
    const answer = this.next((e) => e.event === 'result' && e.id === id, timeoutMs, `result of ${fields.command}`);
    const sent = performance.now();
    this.child.stdin.write(JSON.stringify({ id, ...fields }) + '\n');
    const { event, t } = await answer;
    return { event, t, sent };
  }

  async eval(expression) {
    const { event } = await this.command({ command: 'eval', expression });
    if (!event.ok) throw new Error(`eval failed: ${event.error}`);
    return event.value;
  }

  // apply with a source: the patch path without the file watcher. Resolves with
  // the patch event, when the command was sent and when the event arrived. A
  // patch that lands while tick() runs is "blocked" (V8 cannot swap a function
  // on the stack): that is the program's timing, not a cost, so try again.
  async apply(file, source) {
    for (let attempt = 1; ; attempt++) {
      const patch = this.nextPatch();
      const sent = performance.now();
      this.child.stdin.write(JSON.stringify({ id: this.nextId++, command: 'apply', file, source }) + '\n');
      const { event, t } = await patch;
      if (event.status === 'applied') return { patch: event, sent, t };
      if (event.status !== 'blocked' || attempt === 3)
        throw new Error(`patch ${event.status}: ${JSON.stringify(event.error || event.message)}`);
    }
  }

  runtimePid() { return proc.childPids(this.child.pid)[0]; }

  async quit() {
    try { this.child.stdin.write('{"command":"quit"}\n'); } catch { /* gone */ }
    const timer = setTimeout(() => proc.killTree(this.child), 5000);
    await this.child.exited;
    clearTimeout(timer);
    proc.killTree(this.child);
  }
}

module.exports = { GraftSession };

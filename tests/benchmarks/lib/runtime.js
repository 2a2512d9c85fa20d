// SPDX-License-Identifier: MIT
// A minimal CDP client that drives graft-runtime directly over its protocol
// descriptors (framed "Content-Length" JSON on fd 3 in, fd 4 out), without the
// graft app. It gives the *raw* cost of Debugger.setScriptSource as seen through
// the same pipes, so "Graft's overhead" can be told apart from V8's LiveEdit.
// graft-runtime's command line is private to Graft: this file is the only place
// the benchmarks depend on it.
'use strict';
const { spawn } = require('node:child_process');
const { performance } = require('node:perf_hooks');
const { pathToFileURL } = require('node:url');
const { waitFor, killTree } = require('./proc');

class RuntimeClient {
  constructor(runtimeBin, entry, nodeOptions = []) {
    this.entry = entry;
    this.nextId = 1;
    this.pending = new Map();
    this.scripts = new Map(); // url -> scriptId
    this.stdout = '';
    this.buffer = Buffer.alloc(0);
    this.child = spawn(runtimeBin, ['--protocol-fds', '3,4', ...nodeOptions, entry], {
      stdio: ['ignore', 'pipe', 'inherit', 'pipe', 'pipe'],
      detached: true, // own process group, so killTree reaches everything
    });
    this.child.stdout.setEncoding('utf8');
    this.child.stdout.on('data', (text) => { this.stdout += text; });
    this.child.stdio[4].on('data', (chunk) => this.onData(chunk));
    this.exited = false;
    this.child.on('exit', () => { this.exited = true; });
  }

  onData(chunk) {
    this.buffer = Buffer.concat([this.buffer, chunk]);
    for (;;) {
      const headerEnd = this.buffer.indexOf('\r\n\r\n');
      if (headerEnd < 0) return;
      const length = Number(/Content-Length: *(\d+)/i.exec(this.buffer.subarray(0, headerEnd).toString())[1]);
      if (this.buffer.length < headerEnd + 4 + length) return;
      const message = JSON.parse(this.buffer.subarray(headerEnd + 4, headerEnd + 4 + length).toString('utf8'));
      this.buffer = this.buffer.subarray(headerEnd + 4 + length);
      if (message.id !== undefined && this.pending.has(message.id)) {
        this.pending.get(message.id)(message);
        this.pending.delete(message.id);
      } else if (message.method === 'Debugger.scriptParsed') {
        this.scripts.set(message.params.url, message.params.scriptId);
      }
    }
  }

  // Resolves with the whole reply; rejects on a protocol error or after timeoutMs.
  call(method, params = {}, timeoutMs = 60000) {
    const id = this.nextId++;
    const payload = Buffer.from(JSON.stringify({ id, method, params }), 'utf8');
    this.child.stdio[3].write(`Content-Length: ${payload.length}\r\n\r\n`);
    this.child.stdio[3].write(payload);
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        this.pending.delete(id);
        reject(new Error(`${method}: no answer after ${timeoutMs} ms`));
      }, timeoutMs);
      this.pending.set(id, (m) => {
        clearTimeout(timer);
        if (m.error) reject(new Error(`${method}: ${m.error.message}`));
        else resolve(m.result);
      });
    });
  }

  async start() {
    await Promise.all([this.call('Runtime.enable'), this.call('Debugger.enable'),
      this.call('Runtime.runIfWaitingForDebugger')]);
  }

  async scriptIdOf(file, timeoutMs = 10000) {
    const url = pathToFileURL(file).href;
    await waitFor(() => this.scripts.has(url) || this.scripts.has(file), timeoutMs, `scriptParsed for ${file}`);
    return this.scripts.get(url) ?? this.scripts.get(file);
  }

  // One setScriptSource round trip; returns milliseconds, throws if V8 refused.
  async setSource(scriptId, source) {
    const t0 = performance.now();
    const result = await this.call('Debugger.setScriptSource', { scriptId, scriptSource: source });
    const ms = performance.now() - t0;
    if (result.exceptionDetails) throw new Error(`setScriptSource: ${result.exceptionDetails.text || 'blocked'}`);
    return ms;
  }

  // Graft's change analysis (acorn, on the runtime's analysis thread), alone:
  // graft runs it beside setScriptSource and waits for both. Milliseconds.
  async analyze(oldSource, newSource) {
    const t0 = performance.now();
    await this.call('Graft.analyze', { oldSource, newSource, isModule: false });
    return performance.now() - t0;
  }

  async evaluate(expression) {
    const result = await this.call('Runtime.evaluate', { expression, returnByValue: true });
    return result.result.value;
  }

  stop() { killTree(this.child); }
}

module.exports = { RuntimeClient };

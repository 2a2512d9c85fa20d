// SPDX-License-Identifier: MIT
// Process helpers: line streams with arrival timestamps, bounded waits, process
// groups, RSS. Every wait has a timeout, so a stuck child fails a measurement
// instead of hanging the run.
'use strict';
const fs = require('node:fs');
const { spawn } = require('node:child_process');
const { performance } = require('node:perf_hooks');

// Splits a readable into lines and stamps each with performance.now() taken in
// the 'data' callback: the earliest moment this process can know the line exists.
class LineStream {
  constructor(readable) {
    this.rest = '';
    this.waiters = [];
    this.observers = [];
    readable.setEncoding('utf8');
    readable.on('data', (text) => {
      const t = performance.now();
      const parts = (this.rest + text).split('\n');
      this.rest = parts.pop();
      for (const line of parts) this.onLine(line, t);
    });
  }

  // Calls fn(line) for every line from now on (before any waiter sees it).
  observe(fn) { this.observers.push(fn); }

  onLine(line, t) {
    for (const fn of this.observers) fn(line);
    for (const w of [...this.waiters]) {
      if (w.match(line)) {
        this.waiters.splice(this.waiters.indexOf(w), 1);
        clearTimeout(w.timer);
        w.resolve({ line, t });
      }
    }
  }

  // The first line from now on for which match(line) is true, with its arrival time.
  next(match, timeoutMs, what) {
    return new Promise((resolve, reject) => {
      const w = { match, resolve };
      w.timer = setTimeout(() => {
        this.waiters.splice(this.waiters.indexOf(w), 1);
        reject(new Error(`timed out after ${timeoutMs} ms waiting for ${what}`));
      }, timeoutMs);
      this.waiters.push(w);
    });
  }
}

// Starts a command in its own process group (so a whole restart tree can be ended).
function start(command, args, options = {}) {
  const child = spawn(command, args, { stdio: ['pipe', 'pipe', 'pipe'], detached: true, ...options });
  child.out = new LineStream(child.stdout);
  child.errText = '';
  child.stderr.setEncoding('utf8');
  child.stderr.on('data', (t) => { if (child.errText.length < 20000) child.errText += t; });
  child.exited = new Promise((resolve) => child.on('exit', (code, signal) => resolve({ code, signal })));
  return child;
}

function killTree(child) {
  try { process.kill(-child.pid, 'SIGKILL'); } catch { /* already gone */ }
}

// Ends a child politely, then by force: bounded either way.
async function stop(child, graceMs = 3000) {
  const timer = setTimeout(() => killTree(child), graceMs);
  try { process.kill(-child.pid, 'SIGTERM'); } catch { /* gone */ }
  await child.exited;
  clearTimeout(timer);
  killTree(child); // stragglers in the group (nodemon's node child)
}

async function waitFor(condition, timeoutMs, what) {
  const end = performance.now() + timeoutMs;
  while (!condition()) {
    if (performance.now() > end) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await sleep(5);
  }
}

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

// Resident set size in MB, from /proc (Linux only, as is Graft).
function rssMb(pid) {
  const m = /VmRSS:\s+(\d+) kB/.exec(fs.readFileSync(`/proc/${pid}/status`, 'utf8'));
  return m ? Number(m[1]) / 1024 : NaN;
}

// Direct children of a process (graft's graft-runtime).
function childPids(pid) {
  try {
    return fs.readFileSync(`/proc/${pid}/task/${pid}/children`, 'utf8').trim().split(/\s+/).filter(Boolean).map(Number);
  } catch { return []; }
}

module.exports = { LineStream, start, stop, killTree, waitFor, sleep, rssMb, childPids };

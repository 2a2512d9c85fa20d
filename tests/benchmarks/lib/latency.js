// SPDX-License-Identifier: MIT
// Save -> the new code's first output, for Graft (live patch, state kept) and
// for the peers that restart the program (nodemon, node --watch).
'use strict';
const path = require('node:path');
const proc = require('./proc');
const { GraftSession } = require('./graft');
const { writeProgram, save } = require('./programs');

// The counter printed after `token` ("@v3 "), or after any token; null if none.
function countOf(text, token = '@v\\d+ ') {
  const m = new RegExp(`${token}(\\d+)`).exec(text || '');
  return m ? Number(m[1]) : null;
}

// Follows the program's counter as it prints, to compare it across a save.
function trackCount(stream, parse) {
  const tracker = { last: null };
  stream.observe((line) => {
    for (const text of parse(line)) {
      for (const m of text.matchAll(/@v\d+ (\d+)/g)) tracker.last = Number(m[1]);
    }
  });
  return tracker;
}
const graftOutputs = (line) => { try { const e = JSON.parse(line); return e.event === 'output' ? [e.text] : []; } catch { return []; } };
const jitter = () => proc.sleep(Math.random() * 10); // de-phase saves from the 10 ms timer
// Unmeasured saves first (the first one is reported apart): the first patches of
// a session are slower (one-time work in V8, the analysis isolate's JIT warming).
const WARM_UP = 3;

// One save measured on Graft: the save's timestamp, the patch event (its `ms`
// dates the patch start), the first output line carrying the new token.
async function graftRun(env, program, reps) {
  const g = new GraftSession(env.graft, program.entry, env.graftArgs || []);
  const samples = [];
  let first = null; // the first save after start (one-time work): reported apart
  const counter = trackCount(g.child.out, graftOutputs);
  try {
    await g.ready('@v0');
    if (env.onReady) env.onReady(g); // a look at the running session (runtimes.js: its node's flags)
    for (let k = 1; k <= reps + WARM_UP; k++) {
      await proc.sleep(60);
      await jitter();
      const token = `@v${k} `;
      const lastOld = counter.last;
      const patch = g.nextPatch();
      const output = g.nextOutput(token);
      const t0 = save(program.entry, program.source(`@v${k}`));
      const [p, o] = await Promise.all([patch, output]);
      if (p.event.status !== 'applied') throw new Error(`patch ${p.event.status}`);
      if (k === 1) first = o.t - t0;
      if (k <= WARM_UP) continue;
      samples.push({
        latencyMs: o.t - t0,
        patchMs: p.event.ms,
        applyMs: p.event.applyMs,
        analysisMs: p.event.analysisMs, // swap: the agent's plan of the save; LiveEdit: Graft's change analysis
        saveToPatchStartMs: p.t - p.event.ms - t0, // inotify + debounce + read
        stateKept: lastOld === null ? null : countOf(o.event.text, token) > lastOld,
      });
    }
  } finally {
    await g.quit();
  }
  return { samples, first };
}

// One save measured on a restarting peer: save -> first line with the new token.
async function peerRun(env, peer, program, reps) {
  const child = proc.start(peer.command, [...peer.args, path.basename(program.entry)],
    { cwd: path.dirname(program.entry) });
  const samples = [];
  let first = null;
  const counter = trackCount(child.out, (line) => [line]);
  try {
    await child.out.next((l) => l.includes('@v0 '), 30000, `${peer.name} first output`);
    for (let k = 1; k <= reps + WARM_UP; k++) {
      await proc.sleep(60);
      await jitter();
      const token = `@v${k} `;
      const lastOld = counter.last;
      const output = child.out.next((l) => l.includes(token), 30000, `${peer.name} output ${token}`);
      const t0 = save(program.entry, program.source(`@v${k}`));
      const o = await output;
      // Let the new process settle (three ticks) before the next save.
      await child.out.next((l) => countOf(l) >= countOf(o.line) + 3, 10000, 'three more ticks');
      if (k === 1) first = o.t - t0;
      if (k <= WARM_UP) continue;
      samples.push({ latencyMs: o.t - t0, stateKept: lastOld === null ? null : countOf(o.line, token) > lastOld });
    }
  } catch (e) {
    e.message += ` (stderr: ${child.errText.slice(-500)})`;
    throw e;
  } finally {
    await proc.stop(child);
  }
  return { samples, first };
}

function peers(env) {
  const list = [];
  if (env.nodemon) list.push({ name: 'nodemon', command: process.execPath, args: [env.nodemon, '--quiet'] });
  list.push({ name: 'node --watch', command: process.execPath, args: ['--watch'] });
  return list;
}

async function saveToOutput(env, { modules, lines, reps }) {
  const rows = [];
  for (const m of modules) {
    for (const l of lines) {
      const program = writeProgram(path.join(env.work, `save-${m}x${l}`), { modules: m, lines: l });
      const row = { modules: m, lines: l, graft: await graftRun(env, program, reps), peers: {} };
      for (const peer of peers(env)) {
        save(program.entry, program.source('@v0')); // every tool starts from the same text
        row.peers[peer.name] = await peerRun(env, peer, program, reps);
      }
      rows.push(row);
      env.log(`save->output ${m} modules x ${l} lines done`);
    }
  }
  return rows;
}

module.exports = { saveToOutput, peers, graftRun, peerRun };

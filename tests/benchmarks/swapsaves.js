#!/usr/bin/env node
// SPDX-License-Identifier: MIT
// The swap engine's first saves of a session, one by one: the benchmark's
// program (1 module, 1,000 lines, a 10 ms timer; lib/programs.js) under
// `graft --engine swap`, saved 13 times 150 ms apart from 1.5 s after its first
// output; prints each patch event's ms / analysisMs / applyMs, then the medians
// over every session and the 1st saves. Not part of run.sh.
//   node tests/benchmarks/swapsaves.js GRAFT NODE [SESSIONS]
//   (e.g. build/dev/bin/graft build/_deps/node-22/bin/node 3)
'use strict';
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const { spawn } = require('node:child_process');
const readline = require('node:readline');
const { writeProgram, save } = require('./lib/programs');

const [graft, node, sessions = '3'] = process.argv.slice(2);
const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));
const median = (xs) => { const s = [...xs].sort((a, b) => a - b); return s.length ? s[s.length >> 1] : NaN; };

async function session(dir) {
  const program = writeProgram(dir, { modules: 1, lines: 1000 });
  const child = spawn(graft, ['--headless', '--json', '--node', node, '--engine', 'swap', program.entry],
    { stdio: ['ignore', 'pipe', 'ignore'] });
  const patches = [];
  let started = null;
  readline.createInterface({ input: child.stdout }).on('line', (line) => {
    let event;
    try { event = JSON.parse(line); } catch { return; }
    if (event.event === 'output' && started === null) started = Date.now();
    if (event.event === 'patch') patches.push(event);
  });
  while (started === null) await sleep(10);
  await sleep(1500);
  for (let k = 1; k <= 13; k++) {
    save(program.entry, program.source(`@v${k}`));
    await sleep(150);
  }
  await sleep(500);
  child.kill();
  return patches;
}

(async () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'graft-swapsaves-'));
  const all = [];
  const firsts = [];
  for (let s = 0; s < Number(sessions); s++) {
    const patches = await session(dir);
    for (const p of patches) console.log(`patch ${p.status} ms ${p.ms} analysisMs ${p.analysisMs} applyMs ${p.applyMs}`);
    if (patches.length) firsts.push(patches[0].ms);
    all.push(...patches);
  }
  fs.rmSync(dir, { recursive: true, force: true });
  const rest = all.map((p) => p.ms - p.analysisMs - p.applyMs);
  console.log(`${all.length} saves: median ms ${median(all.map((p) => p.ms)).toFixed(2)}, analysisMs `
    + `${median(all.map((p) => p.analysisMs)).toFixed(2)}, applyMs ${median(all.map((p) => p.applyMs)).toFixed(2)}, `
    + `the rest ${median(rest).toFixed(2)}; 1st saves ms ${firsts.map((x) => x.toFixed(1)).join(' / ')}`);
})();

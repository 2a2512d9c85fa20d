#!/usr/bin/env node
// SPDX-License-Identifier: MIT
// The swap engine's planner alone, in a plain node loop: the benchmark's
// 1,000-line module (lib/programs.js) instrumented, then REHEARSALS rehearsals
// (as the agent worker runs them, swap-worker.js), then N saves planned and
// committed one after another; prints the first 13 plans' ms and the median.
// Not part of run.sh.
//   node tests/benchmarks/swapplanloop.js ANALYSIS_BUNDLE [N [REHEARSALS]]
//   (e.g. build/dev/bin/graft-agent/analysis.js 300 60)
'use strict';
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const vm = require('node:vm');
const { writeProgram } = require('./lib/programs');

const [bundle, n = '300', rehearsals = '0'] = process.argv.slice(2);
vm.runInThisContext(fs.readFileSync(bundle, 'utf8'), { filename: 'graft:analyzer' });
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'graft-swapplan-'));
const program = writeProgram(dir, { modules: 1, lines: 1000 });
fs.rmSync(dir, { recursive: true, force: true });
const filename = program.entry;
const v8 = process.versions.v8;
globalThis.graftSwapInstrument({ filename, source: program.source('@v0') });
for (let k = 0; k < Number(rehearsals); k++) globalThis.graftSwapRehearse({ filename, step: k, v8 });
const times = [];
for (let k = 1; k <= Number(n); k++) {
  const t = process.hrtime.bigint();
  globalThis.graftSwapPlan({ filename, source: program.source(`@v${k}`), v8 });
  times.push(Number(process.hrtime.bigint() - t) / 1e6);
  globalThis.graftSwapCommit({ filename });
}
const sorted = [...times].sort((a, b) => a - b);
console.log(`plans 1-13: ${times.slice(0, 13).map((x) => x.toFixed(1)).join(' ')} ms; median of ${n}: `
  + `${sorted[sorted.length >> 1].toFixed(2)} ms`);

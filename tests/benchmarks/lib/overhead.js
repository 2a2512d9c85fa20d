// SPDX-License-Identifier: MIT
// Where a patch's time goes: Graft's pipeline vs the raw Debugger.setScriptSource,
// the file watcher's share, and how LiveEdit scales with the heap and with the
// number of functions in the patched script.
'use strict';
const path = require('node:path');
const { performance } = require('node:perf_hooks');
const proc = require('./proc');
const { GraftSession } = require('./graft');
const { RuntimeClient } = require('./runtime');
const { writeProgram, writeScalingProgram, editedFunction } = require('./programs');

// `reps` patches through `graft --control` apply (no watcher), each a new token.
async function graftApplies(env, program, reps, firstOutput) {
  const g = new GraftSession(env.graft, program.entry, env.graftArgs || []);
  const samples = [];
  let heapMb = null;
  let firstMs = null; // the first patch after start: reported apart, it does one-time work
  try {
    await g.ready(firstOutput);
    await proc.sleep(300); // let start-up work (compilation, GC) finish
    heapMb = Number(await g.eval('process.memoryUsage().heapUsed')) / 1048576;
    // Three warm-up patches (the first is reported): graft's analysis runs in an
    // isolate of its own whose JIT needs a few runs to settle.
    const warmUp = 3;
    for (let k = 1; k <= reps + warmUp; k++) {
      await proc.sleep(30 + Math.random() * 10);
      const { patch, sent, t } = await g.apply(program.entry, program.source(`@v${k}`));
      if (k === 1) firstMs = patch.ms;
      if (k > warmUp) samples.push({ ms: patch.ms, applyMs: patch.applyMs, analysisMs: patch.analysisMs, commandToEventMs: t - sent });
    }
  } finally {
    await g.quit();
  }
  return { samples, heapMb, firstMs };
}

// The same edits sent straight to graft-runtime: the raw setScriptSource round
// trip; Graft's analysis of the same edit on its own; both sent together, as
// graft does (they run on two threads, which compete for this machine's cores);
// and an empty round trip (Runtime.evaluate "1") for the transport alone.
async function rawApplies(env, program, reps) {
  const rt = new RuntimeClient(env.runtime, program.entry);
  const samples = [];
  try {
    await rt.start();
    const id = await rt.scriptIdOf(program.entry);
    await proc.sleep(300);
    let v = 0;
    for (let k = 1; k <= reps + 1; k++) {
      await proc.sleep(30 + Math.random() * 10);
      const setMs = await rt.setSource(id, program.source(`@v${++v}`));
      const analyzeMs = await rt.analyze(program.source(`@v${v - 1}`), program.source(`@v${v}`));
      await proc.sleep(30 + Math.random() * 10);
      const t1 = performance.now();
      const [setBesideAnalysisMs] = await Promise.all([rt.setSource(id, program.source(`@v${++v}`)),
        rt.analyze(program.source(`@v${v - 1}`), program.source(`@v${v}`))]);
      const bothMs = performance.now() - t1;
      const t0 = performance.now();
      await rt.evaluate('1');
      if (k > 1) samples.push({ setMs, analyzeMs, setBesideAnalysisMs, bothMs, emptyRoundTripMs: performance.now() - t0 });
    }
  } finally {
    rt.stop();
  }
  return samples;
}

async function overhead(env, { lines, reps }) {
  const rows = [];
  for (const l of lines) {
    const program = writeProgram(path.join(env.work, `overhead-${l}`), { modules: 1, lines: l });
    const graft = await graftApplies(env, program, reps, '@v0');
    const raw = await rawApplies(env, program, reps);
    rows.push({ lines: l, graft: graft.samples, firstMs: graft.firstMs, raw });
    env.log(`overhead ${l} lines done`);
  }
  return rows;
}

// Prototype, not Graft's behaviour: compile only the edited function inside its
// module's scope (a direct-eval hook the program carries) and rebind its name,
// through graft's eval command. No LiveEdit, hence no heap walk; but only
// callers that look the name up get the new code (see docs/PERFORMANCE.md).
async function scopedSwap(env, spec, reps) {
  const program = writeScalingProgram(path.join(env.work, `swap-${spec.heapMb}`), { ...spec, hook: true });
  const g = new GraftSession(env.graft, program.entry);
  const swapMs = [];
  const emptyMs = [];
  try {
    await g.ready('built');
    await proc.sleep(300);
    const name = `f${Math.floor(spec.count / 2)}`;
    for (let k = 1; k <= reps + 1; k++) {
      await proc.sleep(30 + Math.random() * 10);
      const assign = `${name} = ${editedFunction(spec, `@v${k}`)}`;
      const swap = await g.command({ command: 'eval', expression: `__graftScope(${JSON.stringify(assign)}), 'ok'` });
      if (!swap.event.ok) throw new Error(`scoped swap failed: ${swap.event.error}`);
      const empty = await g.command({ command: 'eval', expression: '1' });
      if (k > 1) { swapMs.push(swap.t - swap.sent); emptyMs.push(empty.t - empty.sent); }
    }
    // The timer prints every 500 ms: the last swap must show in the output.
    await g.nextOutput(`@v${reps + 1}`, 5000);
  } finally {
    await g.quit();
  }
  return { swapMs, emptyMs };
}

async function heapScaling(env, { heapsMb, reps }) {
  const rows = [];
  for (const heapMb of heapsMb) {
    const spec = { count: 100, style: 'decl', heapMb };
    const program = writeScalingProgram(path.join(env.work, `heap-${heapMb}`), spec);
    const { samples, heapMb: measured, firstMs } = await graftApplies(env, program, reps, 'built');
    const prototype = await scopedSwap(env, spec, reps);
    rows.push({ retainedMb: heapMb, heapUsedMb: measured, firstMs, samples, prototype });
    env.log(`heap ${heapMb} MB done`);
  }
  return rows;
}

// LiveEdit against the number of functions, straight through graft-runtime:
// graft itself would wait for its change analysis too, which has costs of its
// own at these sizes (measured apart, fewer times, and skipped past ANALYSIS_CAP).
const ANALYSIS_CAP_MS = 3000;
async function functionScaling(env, { counts, reps }) {
  const rows = [];
  for (const style of ['decl', 'methods']) {
    let analysisTooSlow = null;
    for (const count of counts) {
      const program = writeScalingProgram(path.join(env.work, `fn-${style}-${count}`), { count, style, heapMb: 0 });
      const rt = new RuntimeClient(env.runtime, program.entry);
      const row = { style, count, firstMs: null, samples: [], analyzeMs: [], analysisSkipped: analysisTooSlow };
      try {
        await rt.start();
        const id = await rt.scriptIdOf(program.entry);
        await proc.waitFor(() => rt.stdout.includes('built'), 30000, 'the program');
        await proc.sleep(300);
        for (let k = 1; k <= reps + 1; k++) {
          await proc.sleep(30 + Math.random() * 10);
          const ms = await rt.setSource(id, program.source(`@v${k}`));
          if (k === 1) row.firstMs = ms;
          else row.samples.push({ applyMs: ms });
        }
        for (let k = 0; k < 2 && !analysisTooSlow; k++) {
          row.analyzeMs.push(await rt.analyze(program.source(`@v${k}`), program.source(`@v${k + 1}`)));
          if (row.analyzeMs[k] > ANALYSIS_CAP_MS) analysisTooSlow = `over ${ANALYSIS_CAP_MS / 1000} s at ${count}`;
        }
      } finally {
        rt.stop();
      }
      rows.push(row);
      env.log(`functions ${style} ${count} done`);
    }
  }
  return rows;
}

module.exports = { overhead, heapScaling, functionScaling, graftApplies };

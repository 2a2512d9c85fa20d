// SPDX-License-Identifier: MIT
// The printed tables (Markdown, so they paste into docs/PERFORMANCE.md) and the
// targets of issue #6, judged from the results.
'use strict';
const { summary, fmt, fmtSummary, table } = require('./stats');
const { renderEngines, targets16 } = require('./report-engines');

const PEERS = ['nodemon', 'node --watch'];
const med = (values) => summary(values)?.median ?? null;
const ratio = (a, b) => (a && b ? `${(a / b).toFixed(1)}×` : '—');
const kept = (samples) => (samples?.length ? (samples.every((s) => s.stateKept) ? 'kept' : samples.some((s) => s.stateKept) ? 'mixed' : 'reset') : '—');

// Least-squares slope of log(median time) over log(count), from 2,000 functions
// up (below that, fixed costs dominate): 1 is linear, 2 quadratic.
function exponent(rows) {
  let pts = rows.filter((x) => x.samples.length && x.count >= 2000);
  if (pts.length < 2) pts = rows.filter((x) => x.samples.length).slice(-2);
  if (pts.length < 2) return null;
  const xy = pts.map((x) => [Math.log(x.count), Math.log(med(x.samples.map((s) => s.applyMs)))]);
  const mx = xy.reduce((a, [x]) => a + x, 0) / xy.length;
  const my = xy.reduce((a, [, y]) => a + y, 0) / xy.length;
  return xy.reduce((a, [x, y]) => a + (x - mx) * (y - my), 0) / xy.reduce((a, [x]) => a + (x - mx) ** 2, 0);
}

const verdict = (met) => (met === null ? 'not measured' : typeof met === 'string' ? met : met ? 'yes' : 'NO');

function targets(res) {
  const out = [];
  const row = res.saveToOutput.find((r) => r.modules === 1 && r.lines === 1000);
  if (row) {
    const g = med(row.graft.samples.map((s) => s.latencyMs));
    const n = row.peers.nodemon ? med(row.peers.nodemon.samples.map((s) => s.latencyMs)) : null;
    const stateKept = row.graft.samples.every((s) => s.stateKept);
    out.push({ target: '≥10× faster than nodemon (1 module, 1,000 lines), state kept',
      value: n ? `${(n / g).toFixed(1)}× (${fmt(g)} vs ${fmt(n)} ms), state ${stateKept ? 'kept' : 'lost'}` : 'nodemon not measured',
      met: n ? n / g >= 10 && stateKept : null });
  }
  const ov = res.overhead.find((r) => r.lines === 1000);
  if (ov) {
    // Judged end to end, from the driver: `apply` command → patch event through
    // graft, against the bare setScriptSource round trip to graft-runtime. That
    // includes what graft waits for besides LiveEdit (its change analysis) and
    // the CPU the analysis takes from LiveEdit. `ms − applyMs`, taken inside
    // graft, is only the lower bound: the pipeline's own bookkeeping.
    const endToEnd = med(ov.graft.map((s) => s.commandToEventMs)) - med(ov.raw.map((s) => s.setMs));
    const pipeline = med(ov.graft.map((s) => s.ms - s.applyMs));
    out.push({ target: "Graft's overhead over raw setScriptSource ≤ 1 ms (1,000 lines)",
      value: `${fmt(endToEnd, 1)} ms end to end (apply → event ${fmt(med(ov.graft.map((s) => s.commandToEventMs)))} vs raw ${fmt(med(ov.raw.map((s) => s.setMs)))}); pipeline alone (ms − applyMs) ${fmt(pipeline, 2)} ms`,
      met: endToEnd <= 1 });
  }
  const mem = res.memory;
  if (mem.length >= 3) {
    // From the first batch on: the first patches start graft's analysis isolate
    // (a one-time cost, shown in the memory table). Noise: its GC timing moves
    // graft-runtime's RSS by ±3 MB between samples (seen over 600 patches).
    const [a, b] = [mem[1], mem[mem.length - 1]];
    const rssGrowth = b.runtimeMb - a.runtimeMb + b.graftMb - a.graftMb;
    const heapGrowth = b.heapMb - a.heapMb;
    out.push({ target: `No memory growth over ${b.patches - a.patches} patches`,
      value: `RSS ${rssGrowth >= 0 ? '+' : ''}${fmt(rssGrowth, 1)} MB, program's JS heap ${heapGrowth >= 0 ? '+' : ''}${fmt(heapGrowth, 2)} MB (patch ${a.patches} → ${b.patches})`,
      met: rssGrowth <= 3 && heapGrowth <= 0.5 });
  }
  return out;
}

// The whole report as Markdown: printed, and saved beside the JSON.
function render(res) {
  const out = [];
  const m = res.machine;
  out.push(`\n## Graft benchmarks (${res.mode}) — ${m.nproc} cores, ${m.cpu}, ${m.ramGb} GB RAM, ${m.os}; load ${m.loadAtStart[0]}`);
  if (!res.peers.nodemon) out.push(`\nnodemon rows skipped: ${res.peers.nodemonNote || 'not installed'}`);

  out.push(table('Save → first output of the new code (ms: median (min–max); ratios of medians)',
    ['modules', 'lines', 'Graft', ...PEERS, ...PEERS.map((p) => `${p} / Graft`), 'state: Graft / peers', 'Graft 1st save'],
    res.saveToOutput.map((r) => {
      const g = summary(r.graft.samples.map((s) => s.latencyMs));
      const peers = PEERS.map((p) => (r.peers[p] ? summary(r.peers[p].samples.map((s) => s.latencyMs)) : null));
      return [r.modules, r.lines, fmtSummary(g), ...peers.map((p) => fmtSummary(p)),
        ...peers.map((p) => ratio(p?.median, g?.median)),
        `${kept(r.graft.samples)} / ${PEERS.map((p) => kept(r.peers[p]?.samples)).join(', ')}`, fmt(r.graft.first)];
    })));

  out.push(table("Graft's patch, step by step (ms, median (min–max))",
    ['lines', 'save → patch start', 'apply command → event', 'patch `ms`', '`applyMs`', '`ms` − `applyMs`', 'raw setScriptSource', 'analysis alone',
      'raw setScriptSource beside analysis', 'both done', 'empty CDP round trip'],
    res.overhead.map((r) => {
      const save = res.saveToOutput.filter((x) => x.lines === r.lines).flatMap((x) => x.graft.samples.map((s) => s.saveToPatchStartMs));
      const col = (values, digits) => fmtSummary(summary(values), digits);
      return [r.lines, col(save), col(r.graft.map((s) => s.commandToEventMs)), col(r.graft.map((s) => s.ms)),
        col(r.graft.map((s) => s.applyMs)), col(r.graft.map((s) => s.ms - s.applyMs), 2),
        col(r.raw.map((s) => s.setMs)), col(r.raw.map((s) => s.analyzeMs)), col(r.raw.map((s) => s.setBesideAnalysisMs)),
        col(r.raw.map((s) => s.bothMs)), col(r.raw.map((s) => s.emptyRoundTripMs), 2)];
    })));

  out.push(table('Patch time against the live heap (100 one-line functions; ms)',
    ['retained', 'JS heap used', '`applyMs`', 'patch `ms`', 'first patch after start', 'apply command → event',
      'prototype: scoped swap via eval', 'empty eval'],
    res.heap.map((r) => [`${r.retainedMb} MB`, `${fmt(r.heapUsedMb, 0)} MB`,
      fmtSummary(summary(r.samples.map((s) => s.applyMs))), fmtSummary(summary(r.samples.map((s) => s.ms))), fmt(r.firstMs),
      fmtSummary(summary(r.samples.map((s) => s.commandToEventMs))),
      fmtSummary(summary(r.prototype.swapMs), 2), fmtSummary(summary(r.prototype.emptyMs), 2)])));

  const styles = [...new Set(res.functions.map((r) => r.style))];
  const styleName = (s) => (s === 'decl' ? 'declarations' : 'object-literal methods');
  const analysis = (r) => (r.analyzeMs.length ? fmtSummary(summary(r.analyzeMs)) : `skipped (${r.analysisSkipped})`);
  out.push(table('Patch time against the number of one-line functions in the patched file (ms; raw setScriptSource, and Graft\'s analysis of the same edit)',
    ['functions', ...styles.flatMap((s) => [`LiveEdit, ${styleName(s)}`, `analysis, ${styleName(s)}`])],
    [...new Set(res.functions.map((r) => r.count))].map((count) => [count, ...styles.flatMap((style) => {
      const r = res.functions.find((x) => x.count === count && x.style === style);
      return [fmtSummary(summary(r.samples.map((s) => s.applyMs))), analysis(r)];
    })]).concat([['growth exponent (LiveEdit)', ...styles.flatMap((style) => [fmt(exponent(res.functions.filter((r) => r.style === style)), 2), ''])]])));

  out.push(table('Cold start to the program\'s first output (ms)', ['what', 'median (min–max)'],
    res.coldStart.map((r) => [r.name, fmtSummary(summary(r.samples))])));

  out.push(table('Memory (1,000-line program; RSS in MB, JS heap after a full GC)', ['patches', 'graft RSS', 'graft-runtime RSS', 'JS heap'],
    res.memory.map((p) => [p.patches, fmt(p.graftMb), fmt(p.runtimeMb), fmt(p.heapMb, 2)])));

  out.push(...renderEngines(res));

  if (res.targets.length) {
    out.push(table('Targets (issue #6)', ['target', 'measured', 'met'],
      res.targets.map((t) => [t.target, t.value, verdict(t.met)])));
    const t16 = targets16(res);
    if (t16.length) out.push(table('Targets (issue 16, the swap engine)', ['target', 'measured', 'met'], t16.map((t) => [t.target, t.value, verdict(t.met)])));
  } else {
    out.push('\nTargets are judged on the full run only.');
  }
  return out.join('\n') + '\n';
}

module.exports = { render, targets };

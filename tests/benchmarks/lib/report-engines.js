// SPDX-License-Identifier: MIT
// The per-runtime, per-engine tables (issues 13 and 16), the instrumentation's
// CPU cost, and the targets of issue 16, judged from the same run's results.
'use strict';
const { summary, fmt, fmtSummary, table } = require('./stats');

const med = (values) => summary(values)?.median ?? null;
const ratio = (a, b) => (a && b ? `${(a / b).toFixed(1)}×` : '—');
const kept = (samples) => (samples?.length ? (samples.every((s) => s.stateKept) ? 'kept' : samples.some((s) => s.stateKept) ? 'mixed' : 'reset') : '—');
const flag = (f) => (f === null || f === undefined ? '—' : f ? 'passed' : 'not passed');
const heapsOf = (rows) => [...new Set(rows.flatMap((r) => r.heap.map((h) => h.retainedMb)))];
const heapCol = (r, mb, key) => summary((r.heap.find((x) => x.retainedMb === mb)?.samples || []).map((s) => s[key]));

function renderEngines(res) {
  const out = [];
  const rows = res.runtimes || [];
  if (rows.length) {
    out.push(table(`Every runtime and engine: save → first output (1 module, ${rows[0].lines} lines, 10 ms timer) beside nodemon on the same node (ms, median (min–max))`,
      ['runtime', 'engine', 'Graft save → output', 'Graft 1st save', 'patch `ms` / `analysisMs` / `applyMs`', 'nodemon', 'nodemon / Graft', 'state: Graft / nodemon', '`--inspector-live-edit`', 'load'],
      rows.map((r) => {
        const g = summary(r.graft.samples.map((s) => s.latencyMs));
        const n = r.nodemon ? summary(r.nodemon.samples.map((s) => s.latencyMs)) : null;
        const parts = ['patchMs', 'analysisMs', 'applyMs'].map((k) => fmt(med(r.graft.samples.map((s) => s[k])))).join(' / ');
        return [r.runtime, r.engine, fmtSummary(g), fmt(r.graft.first), parts, n ? `${fmtSummary(n)} (${r.nodemonNode})` : '—',
          ratio(n?.median, g?.median), `${kept(r.graft.samples)} / ${kept(r.nodemon?.samples)}`, flag(r.inspectorLiveEdit), r.load ?? '—'];
      })));
    const heaps = heapsOf(rows);
    out.push(table('Every runtime and engine: patch time against the live heap (100 one-line functions; patch `ms` / `applyMs`, ms, median (min–max))',
      ['runtime', 'engine', 'JS heap used', ...heaps.flatMap((h) => [`\`ms\`, ${h} MB`, `\`applyMs\`, ${h} MB`]), `\`analysisMs\`, ${heaps.join(' / ')} MB`, 'first patch `ms`'],
      rows.map((r) => [r.runtime, r.engine, r.heap.map((h) => fmt(h.heapUsedMb, 0)).join(' / ') + ' MB',
        ...heaps.flatMap((h) => [fmtSummary(heapCol(r, h, 'ms')), fmtSummary(heapCol(r, h, 'applyMs'), 2)]),
        heaps.map((h) => fmt(heapCol(r, h, 'analysisMs')?.median)).join(' / '),
        r.heap.map((h) => fmt(h.firstMs)).join(' / ')])));
  }
  const cpu = res.cpuCost || [];
  if (cpu.length) {
    const [plain, swap, live] = ['plain node', 'graft --engine swap', 'graft --engine liveedit'];
    const loop = (r) => r.program.startsWith('hot loop');
    const unit = (r, ms) => (loop(r)
      ? `${fmt(ms * 1e6 / (r.iterations * 3), 2)} ns/call`
      : `${fmt(ms * 1000 / r.requests, 1)} ms/1000 req (${fmt(r.requests / ms * 1000, 0)} req/s)`);
    out.push(table('The swap engine\'s instrumentation: the program\'s own speed (its `elapsed`, ms, median (min–max); ratio of medians to plain node)',
      ['runtime', 'program', plain, swap, live, 'swap / plain', 'liveedit / plain', 'per unit: plain / swap / liveedit', 'load'],
      cpu.map((r) => {
        const m = Object.fromEntries([plain, swap, live].map((k) => [k, summary(r.samples[k])]));
        return [r.runtime, loop(r) ? `${r.program}, ${r.iterations * 3} calls` : `http, ${r.requests} requests`,
          fmtSummary(m[plain]), fmtSummary(m[swap]), fmtSummary(m[live]),
          ratio(m[swap]?.median, m[plain]?.median), ratio(m[live]?.median, m[plain]?.median),
          [plain, swap, live].map((k) => unit(r, m[k]?.median)).join(' / '), r.load];
      })));
  }
  return out;
}

// Issue 16's targets, on Node 22 (the node the issue names) with the others
// quoted beside it.
function targets16(res) {
  const rows = res.runtimes || [];
  const swapRows = rows.filter((r) => r.engine === 'swap');
  const on = (major, engine) => rows.find((r) => r.engine === engine && r.runtime.startsWith(`node ${major}.`));
  const saveRatio = (r) => (r?.nodemon ? med(r.nodemon.samples.map((s) => s.latencyMs)) / med(r.graft.samples.map((s) => s.latencyMs)) : null);
  const out = [];
  const s22 = on(22, 'swap');
  if (s22) {
    const x = saveRatio(s22);
    const others = swapRows.filter((r) => r !== s22).map((r) => `${r.runtime} ${fmt(saveRatio(r))}×`).join(', ');
    const liveX = saveRatio(on(22, 'liveedit'));
    out.push({ target: `≥10× faster than nodemon, swap, Node 22 (1 module, ${s22.lines} lines), state kept`,
      value: x ? `${fmt(x)}× (${fmt(med(s22.graft.samples.map((s) => s.latencyMs)))} vs ${fmt(med(s22.nodemon.samples.map((s) => s.latencyMs)))} ms), state ${kept(s22.graft.samples)}; LiveEdit on Node 22 ${fmt(liveX)}×; swap elsewhere: ${others}` : 'nodemon not measured',
      met: x ? x >= 10 && kept(s22.graft.samples) === 'kept' : null });
    const heaps = heapsOf([s22]);
    const msAt = (r, key) => heaps.map((h) => fmt(heapCol(r, h, key)?.median, key === 'ms' ? 1 : 2)).join(' / ');
    const worst = Math.max(...heaps.map((h) => heapCol(s22, h, 'ms')?.median ?? Infinity));
    out.push({ target: `Patch ≤ 5 ms with swap at ${heaps.join(' / ')} MB retained (Node 22)`,
      value: `patch \`ms\` ${msAt(s22, 'ms')}, \`applyMs\` ${msAt(s22, 'applyMs')}; LiveEdit on Node 22: \`ms\` ${msAt(on(22, 'liveedit'), 'ms')}`,
      met: worst <= 5 });
  }
  const s26 = on(26, 'swap');
  if (s26) {
    const heap0 = heapCol(s26, 0, 'ms');
    out.push({ target: 'Node 26 without `--inspector-live-edit`: swap patches',
      value: `flag ${flag(s26.inspectorLiveEdit)}; save → output ${fmt(med(s26.graft.samples.map((s) => s.latencyMs)))} ms (${fmt(saveRatio(s26))}× nodemon), state ${kept(s26.graft.samples)}; patch \`ms\` at 0 MB ${fmt(heap0?.median)}`,
      met: s26.inspectorLiveEdit === false && kept(s26.graft.samples) === 'kept' });
  }
  const cpu = (res.cpuCost || []).filter((r) => r.runtime.startsWith('node 22.'));
  if (cpu.length) {
    const r = (x, k) => med(x.samples[k]) / med(x.samples['plain node']);
    out.push({ target: 'The instrumentation\'s CPU cost (Node 22; swap / plain node, liveedit / plain node)',
      value: cpu.map((x) => `${x.program} ${fmt(r(x, 'graft --engine swap'), 2)}× / ${fmt(r(x, 'graft --engine liveedit'), 2)}×`).join('; '),
      met: 'reported' });
  }
  return out;
}

module.exports = { renderEngines, targets16 };

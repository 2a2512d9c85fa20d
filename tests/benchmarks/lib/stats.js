// SPDX-License-Identifier: MIT
// Summaries and the printed table.
'use strict';

function summary(values) {
  const v = values.filter((x) => Number.isFinite(x)).sort((a, b) => a - b);
  if (!v.length) return null;
  const mid = Math.floor(v.length / 2);
  const median = v.length % 2 ? v[mid] : (v[mid - 1] + v[mid]) / 2;
  const round = (x) => Math.round(x * 100) / 100;
  return { median: round(median), min: round(v[0]), max: round(v[v.length - 1]), n: v.length };
}

const fmt = (x, digits = 1) => (x === null || x === undefined || !Number.isFinite(x) ? '—' : x.toFixed(digits));
const fmtSummary = (s, digits = 1) => (s ? `${fmt(s.median, digits)} (${fmt(s.min, digits)}–${fmt(s.max, digits)})` : '—');

// Rows (arrays of strings) as an aligned Markdown table under a heading.
function table(title, header, rows) {
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => String(r[i]).length)));
  const line = (cells) => '| ' + cells.map((c, i) => String(c).padEnd(widths[i])).join(' | ') + ' |';
  return [`\n### ${title}\n`, line(header), '|' + widths.map((w) => '-'.repeat(w + 2)).join('|') + '|',
    ...rows.map(line)].join('\n');
}

module.exports = { summary, fmt, fmtSummary, table };

// SPDX-License-Identifier: MIT
// A quick edit's analysis (quickedit.js quickEdit: the save only rewrites the
// inside of literal tokens) describes the new source from the old one instead
// of parsing it (quickanalysis.js). Its answer must be the answer of a fresh
// analysis of the same two sources, character for character: here, for edits
// of every literal token of the truth corpus's programs and of programs with
// the constructs that make a literal more than a literal (keys, assignment
// targets, `if (0)`, static fields, templates), one edit at a time, two at
// once, runs of quick edits (a description shifted from a shifted one), and an
// edit that is not quick after them; on V8 10.2's rule and on this node's V8.
// Then the swap engine's plans of such edits, against plans from parsed sources.
// node quickanalysis.js ANALYSIS_BUNDLE TRUTH_CASES_DIR
'use strict';

const assert = require('assert');
const fs = require('fs');
const path = require('path');
const vm = require('vm');

const bundle = fs.readFileSync(process.argv[2], 'utf8');
const casesDir = process.argv[3];

// An analysis isolate of its own, as the runtime holds one. `quick`: whether the
// edit went the quick way (the analysis said it may go to V8 first).
function analysisContext() {
  const context = vm.createContext({});
  vm.runInContext(bundle, context, { filename: 'graft:analyzer' });
  return {
    acorn: context.acorn,
    analyze(request) {
      let quick = false;
      const answer = context.graftAnalyze(JSON.stringify({ ...request, applyFirst: true }), () => { quick = true; });
      const parsed = JSON.parse(answer);
      return { answer, quick, result: parsed.result, error: parsed.error };
    },
  };
}

const warm = analysisContext(); // sees every source of a run in order, as a session does
const fresh = analysisContext(); // sees each edit once, its sources never described before
let flushes = 0;
function freshAnswer(request) {
  // Three unrelated analyses (six sources) push every description out of the fresh context's cache.
  for (let k = 0; k < 3; k++, flushes++) fresh.analyze({ ...request, oldSource: `void ${flushes};`, newSource: `void ${flushes}.5;`, carried: undefined });
  const answer = fresh.analyze(request);
  assert.ok(!answer.quick, 'the fresh context described both sources');
  return answer;
}

// Programs: the corpus's (every source of every case) and the tricky ones.
function corpusPrograms() {
  const programs = [];
  for (const name of fs.readdirSync(casesDir).filter((n) => n.endsWith('.case')).sort()) {
    const text = fs.readFileSync(path.join(casesDir, name), 'utf8');
    const parts = text.split(/^--- (.*)$/m);
    let isModule = false;
    for (let i = 1; i + 1 < parts.length; i += 2) {
      const section = parts[i].trim();
      if (section.startsWith('program')) isModule = section.endsWith('.mjs');
      if (section.startsWith('program') || section === 'edit') programs.push({ name, isModule, source: parts[i + 1].replace(/^\n/, '') });
    }
  }
  return programs;
}

const tricky = [
  { name: 'keys and targets', isModule: false, source: `'use strict';
const handlers = { 'on-data': function () { return 'data'; }, ['on' + 'End']() { return 'end'; }, 7: () => 'seven' };
const table = {};
table['row-1'] = function () { return 'row'; };
table[\`col-\${2}\`] = () => 'col';
class Shape {
  static 'kind' = 'shape';
  static count = 0;
  'area'() { return 1 * 2; }
  get ['label']() { return 'label'; }
  #secret = 'hidden';
  name = \`shape \${'x'}\`;
}
if (0) { function never() { return 'never'; } }
const pick = 0 ? () => 'yes' : () => 'no';
const either = '' || function fallback() { return 'fallback'; };
function greet(who = 'world') {
  const parts = [\`hello \${who}\`, \`\${who}\${'!'}\`, \`\`, 'é😀'];
  return parts.join(' ') + 0.5;
}
let label = 'original';
setInterval(() => console.log(greet(), 'tick', 10), 1000);
module.exports = { handlers, table, Shape, pick, either, greet, label };
` },
  { name: 'module', isModule: true, source: `import { readFileSync } from 'node:fs';
export const greeting = 'hello';
export function show(name) { return \`\${greeting}, \${name} v1\`; }
export default class Panel { render() { return ['panel', 1, 'v1']; } }
const later = () => show('later');
console.log(later(), 'started');
` },
];

// Each string, number and template-text token of a source (acorn's view).
function literalTokens(acorn, program) {
  const tokens = [];
  for (const t of acorn.tokenizer(program.source, { ecmaVersion: 'latest', sourceType: program.isModule ? 'module' : 'script', allowHashBang: true, allowReturnOutsideFunction: true })) {
    if (t.type.label === 'string' || t.type.label === 'num' || t.type.label === 'template') tokens.push({ start: t.start, end: t.end, kind: t.type.label });
  }
  return tokens;
}

// A new text for a token that keeps it the token it is (what a quick edit is).
let serial = 0;
function editToken(source, token) {
  const text = source.slice(token.start, token.end);
  serial++;
  if (token.kind === 'num') return source.slice(0, token.start) + String((serial * 7) % 1000) + source.slice(token.end);
  const inside = token.kind === 'string' ? token.start + 1 + (serial % Math.max(1, text.length - 1)) : token.start + (serial % (text.length + 1));
  const added = ['v2', ' é', '😀', '', 'x y'][serial % 5];
  const removed = serial % 3 === 0 && inside < (token.kind === 'string' ? token.end - 1 : token.end) ? 1 : 0;
  if (!added && !removed) return source.slice(0, inside) + 'z' + source.slice(inside);
  return source.slice(0, inside) + added + source.slice(inside + removed);
}

let compared = 0, quick = 0;
function compare(request, what) {
  const got = warm.analyze(request);
  const expected = freshAnswer(request);
  assert.strictEqual(got.answer, expected.answer, `${what}: the answer differs from a fresh analysis\n` +
    `old: ${JSON.stringify(request.oldSource.slice(0, 200))}\nnew: ${JSON.stringify(request.newSource.slice(0, 200))}`);
  compared++;
  if (got.quick) quick++;
  return got;
}

const v8Versions = ['10.2.154.26', process.versions.v8];
const programs = corpusPrograms().concat(tricky);
for (const v8 of v8Versions) {
  for (const program of programs) {
    const base = { isModule: program.isModule, v8, holderKnown: true };
    // The warm context describes the program as a first patch would.
    const seed = warm.analyze({ ...base, oldSource: program.source + '\n', newSource: program.source });
    if (seed.error) continue; // the corpus's compile-error case
    const tokens = literalTokens(warm.acorn, program);
    let carried = seed.result.carried;
    // One token at a time, each from the program as it is.
    for (const token of tokens) {
      const request = { ...base, oldSource: program.source, newSource: editToken(program.source, token), carried };
      compare(request, `${program.name}: one token at ${token.start}`);
      warm.analyze({ ...base, oldSource: program.source + '\n', newSource: program.source }); // the program described again
    }
    // A run of edits, each of the last one's source, two tokens at once where there are two.
    let source = program.source;
    for (let k = 0; k < Math.min(6, tokens.length); k++) {
      const now = literalTokens(warm.acorn, { ...program, source });
      const picks = [now[(k * 5) % now.length], now[(k * 5 + 3) % now.length]].filter((t, i, all) => all.indexOf(t) === i).sort((a, b) => b.start - a.start);
      let next = source;
      for (const t of picks.slice(0, k % 2 ? 2 : 1)) next = editToken(next, t);
      const got = compare({ ...base, oldSource: source, newSource: next, carried }, `${program.name}: edit ${k} of a run`);
      if (got.result && !got.result.refuse) { carried = got.result.carried; source = next; }
    }
    // Then an edit that is not quick: a function added at the end.
    compare({ ...base, oldSource: source, newSource: source + '\nfunction addedLater() { return 1; }\n', carried }, `${program.name}: after the run`);
  }
}

// Literals that name a function or decide what V8 compiles are not quick edits.
const keys = tricky[0];
const notQuick = ["'on-data'", '7:', "'row-1'", "'kind'", "'area'", "if (0)", "0 ?", "'' ||"];
for (const marker of notQuick) {
  const at = keys.source.indexOf(marker);
  assert.ok(at >= 0, marker);
  const token = literalTokens(warm.acorn, keys).find((t) => t.start >= at);
  warm.analyze({ isModule: false, v8: process.versions.v8, holderKnown: true, oldSource: keys.source + '\n', newSource: keys.source });
  const got = warm.analyze({ isModule: false, v8: process.versions.v8, holderKnown: true, oldSource: keys.source,
                             newSource: editToken(keys.source, token) });
  assert.ok(!got.quick, `an edit of ${marker} is not a quick edit`);
}
assert.ok(quick >= compared / 2, `most edits are quick (${quick} of ${compared})`);

// The swap engine's planner describes a literal edit's source the same way: each
// save's plan, commit and the module's source must be what they are when every
// source is parsed (`graftDescribeAfresh`), over runs of edits of every program.
function planner(afresh) {
  const context = vm.createContext({ graftDescribeAfresh: afresh });
  vm.runInContext(bundle, context, { filename: 'graft:analyzer' });
  return (step, request) => JSON.stringify(context['graftSwap' + step](request));
}
const shifted = planner(false), parsed = planner(true);
let plans = 0;
for (const program of programs) {
  const file = '/app/' + program.name.replace(/\W+/g, '-') + (program.isModule ? '.mjs' : '.js');
  const both = (step, request, what) => {
    const got = shifted(step, request), expected = parsed(step, request);
    assert.strictEqual(got, expected, `${program.name}: ${what}: the planner's answer differs when the source is parsed`);
    return JSON.parse(got);
  };
  if (both('Instrument', { filename: file, source: program.source, isModule: program.isModule, hostUrl: 'file:///graft/swap-host.js' }, 'instrument').error) continue;
  // Every token of the tricky programs, one plan each (none committed).
  if (tricky.includes(program)) {
    for (const token of literalTokens(warm.acorn, program)) {
      both('Plan', { filename: file, source: editToken(program.source, token), v8: process.versions.v8 }, `token at ${token.start}`);
      plans++;
    }
  }
  let source = program.source;
  for (let k = 0; k < 8; k++) {
    const now = literalTokens(warm.acorn, { ...program, source });
    if (!now.length) break;
    const picks = [now[(k * 7) % now.length], now[(k * 7 + 2) % now.length]].filter((t, i, all) => all.indexOf(t) === i).sort((a, b) => b.start - a.start);
    let next = source;
    for (const t of picks.slice(0, k % 3 === 2 ? 2 : 1)) next = editToken(next, t);
    // A structural edit now and then: the next literal edits start from a parsed description again.
    if (k === 5) next += '\nfunction addedBySave() { return 1; }\n';
    const planned = both('Plan', { filename: file, source: next, v8: process.versions.v8 }, `plan ${k}`);
    plans++;
    if (planned.status !== 'Ok') continue;
    both('Commit', { filename: file }, `commit ${k}`);
    source = next;
  }
}
console.log(`ok: ${compared} analyses the same as fresh ones, ${quick} of them quick, on V8 ${v8Versions.join(' and ')}; ${plans} swap plans the same`);

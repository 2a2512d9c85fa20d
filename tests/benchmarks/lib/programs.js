// SPDX-License-Identifier: MIT
// Generated programs. Every benchmark program is plain CommonJS that any Node
// runs unchanged, so Graft, nodemon and node --watch run the very same files.
'use strict';
const fs = require('node:fs');
const path = require('node:path');
const { performance } = require('node:perf_hooks');

// A ten-line function: ordinary code with a loop, a branch and locals, so the
// patched file is "real" code to V8 (parse, scopes) and not one-line stubs.
function helper(i) {
  return [
    `function helper${i}(a, b) {`,
    `  const x = a * ${i} + b;`,
    '  let y = 0;',
    '  for (let k = 0; k < 3; k++) {',
    '    y += (x + k) % 7;',
    '  }',
    '  if (y > 100) return y - 100;',
    '  return y;',
    '}',
    '',
  ];
}

// The function whose edit the benchmark times. It prints the version token and
// the counter: the token tells new code from old, the counter tells whether the
// program's state survived.
function tickLines(token) {
  return ['function tick() {', '  count++;', `  console.log('${token} ' + count);`, '}', ''];
}

// The patched file: the entry module, `lines` lines long, with tick() in the
// middle so an edit shifts the positions of half of the functions (as an edit in
// the middle of a real file does). `fillers` more modules are required at start.
function entrySource({ lines, fillers, token }) {
  const head = [
    "'use strict';",
    `for (let i = 0; i < ${fillers}; i++) require('./lib/m' + i + '.js');`,
    'let count = 0;',
    '',
  ];
  const tail = ['setInterval(() => tick(), 10);', ''];
  const room = Math.max(0, lines - head.length - tail.length - tickLines(token).length);
  const body = [];
  for (let i = 0; body.length + 10 <= room; i++) body.push(...helper(i));
  while (body.length < room) body.push('// filler');
  const middle = Math.floor(body.length / 20) * 10; // on a function boundary
  return [...head, ...body.slice(0, middle), ...tickLines(token), ...body.slice(middle), ...tail].join('\n');
}

// A filler module: ~40 lines, a class and a few functions, loaded at start.
function fillerSource(i) {
  const out = [`'use strict';`, `class Store${i} {`, '  constructor() { this.items = new Map(); }',
    '  put(key, value) { this.items.set(key, value); return this; }',
    '  get(key) { return this.items.get(key); }', '}', ''];
  for (let k = 0; k < 3; k++) out.push(...helper(i * 10 + k));
  out.push(`module.exports = { Store${i}, helper${i * 10} };`, '');
  return out.join('\n');
}

// Writes a program into dir: entry.js (the patched file) and modules - 1 fillers.
function writeProgram(dir, { modules, lines }) {
  fs.rmSync(dir, { recursive: true, force: true });
  fs.mkdirSync(path.join(dir, 'lib'), { recursive: true });
  for (let i = 0; i < modules - 1; i++) fs.writeFileSync(path.join(dir, 'lib', `m${i}.js`), fillerSource(i));
  const entry = path.join(dir, 'entry.js');
  const spec = { lines, fillers: modules - 1 };
  fs.writeFileSync(entry, entrySource({ ...spec, token: '@v0' }));
  return { entry, source: (token) => entrySource({ ...spec, token }) };
}

// Saves in place (truncate + write, as VS Code and most editors do by default)
// and returns performance.now() taken just before the write: the save moment.
// Not write-temp-then-rename: node 20's --watch loses its watch on the first
// rename (measured: it restarts once and then never again), which would make
// that peer unmeasurable; Graft handles both kinds of save.
function save(file, text) {
  const bytes = Buffer.from(text, 'utf8');
  const t = performance.now();
  fs.writeFileSync(file, bytes);
  return t;
}

// Scaling programs: `count` one-line function declarations (LiveEdit's worst
// case), or as many one-line methods of an object literal, with `heapMb` of live
// objects retained. f${mid} is the one edited.
function scalingSource({ count, style, heapMb, token, hook = false }) {
  const mid = Math.floor(count / 2);
  const out = ["'use strict';"];
  // Retained = reachable: kept on globalThis (a module-local array that nothing
  // captures is garbage once the module body returns, and LiveEdit's heap walk
  // skips garbage). One { i, s } record is ~85 bytes of V8 10.2's heap; the run
  // reports the heap actually used.
  out.push(`const keep = globalThis.keep = []; for (let i = 0; i < ${Math.round(heapMb * 1e6 / 85)}; i++) keep.push({ i, s: 'k' + i });`);
  if (style === 'methods') out.push('const api = {');
  for (let i = 0; i < count; i++) {
    const body = i === mid ? `return '${token}' + x;` : `return x + ${i};`;
    out.push(style === 'methods' ? `  f${i}(x) { ${body} },` : `function f${i}(x) { ${body} }`);
  }
  if (style === 'methods') out.push('};');
  const call = style === 'methods' ? `api.f${mid}` : `f${mid}`;
  // "built" says the heap is in place; then the edited function runs on a timer.
  out.push(`console.log('built ' + keep.length);`, 'let count = 0;',
    `setInterval(() => { count++; if (count % 50 === 0) console.log(${call}(count)); }, 10);`);
  // Prototype only (docs/PERFORMANCE.md, "Patching in time independent of the
  // heap"): a direct eval that can compile code inside this module's scope.
  if (hook) out.push('globalThis.__graftScope = (source) => eval(source);');
  out.push('');
  return out.join('\n');
}

function writeScalingProgram(dir, spec) {
  fs.rmSync(dir, { recursive: true, force: true });
  fs.mkdirSync(dir, { recursive: true });
  const entry = path.join(dir, 'entry.js');
  fs.writeFileSync(entry, scalingSource({ ...spec, token: '@v0' }));
  return { entry, source: (token) => scalingSource({ ...spec, token }) };
}

// The new text of the edited function alone, for the prototype's swap.
const editedFunction = ({ count }, token) => `function f${Math.floor(count / 2)}(x) { return '${token}' + x; }`;

module.exports = { writeProgram, writeScalingProgram, editedFunction, save };

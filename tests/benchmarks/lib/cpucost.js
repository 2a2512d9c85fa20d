// SPDX-License-Identifier: MIT
// What the swap engine's load-time instrumentation costs the program's own
// speed (issue 16): every swappable function starts with a slot check. A hot
// loop in strict and in sloppy code, the same loops after a save, an http
// server: each run as plain `node prog.js`, under `graft --headless --node N
// --engine swap` (instrumented) and `--engine liveedit` (the same agent and
// inspector session, no instrumentation). Each program times its own work and
// prints `elapsed MS`; under graft that line is read from the JSON output events.
'use strict';
const os = require('node:os');
const fs = require('node:fs');
const path = require('node:path');
const proc = require('./proc');

// The loop's functions, with add()'s body as given; then a warm-up and the timed loop.
const loopFunctions = (sum) => `function add(a, b) { return ${sum}; }
function compose(x) { return add(x, 1) * 2 - add(x, -1); }
function run(n) {
  let s = 0;
  for (let i = 0; i < n; i++) s = (s + compose(i)) % 1000003;
  return s;
}`;
const timedLoop = (iterations) => `run(${Math.min(1e6, iterations)});
const t0 = performance.now();
const s = run(${iterations});
const ms = performance.now() - t0;
console.log('elapsed ' + ms.toFixed(3) + ' calls ' + ${iterations * 3} + ' check ' + s);`;

// (a) A hot loop of small calls: compose() calls add() twice, so 3 calls per
// iteration. A warm-up first, so the figure is optimised code, not the tiers.
// In strict code, and in sloppy code (a CommonJS module without 'use strict'),
// where V8 treats a function that mentions `arguments` differently.
const hotLoopIn = (prologue) => (iterations) => `${prologue}
${loopFunctions('a + b')}
${timedLoop(iterations)}
`;
const hotLoop = hotLoopIn("'use strict';");
const hotLoopSloppy = hotLoopIn('// sloppy mode');

// (c) The same loop after a save that changed add() (and version()): the
// program says `ready` and waits; the driver saves the edit; once the program
// sees version 2 it warms up again and times the loop on the new code. Plain
// node runs the edited text from the start (there is nothing to save).
const hotLoopSavedIn = (prologue) => (iterations, edited) => `${prologue}
${loopFunctions(edited ? 'b + a' : 'a + b')}
function version() { return ${edited ? 2 : 1}; }
function timed() {
${timedLoop(iterations)}
}
run(${Math.min(1e6, iterations)});
console.log('ready');
const waiting = setInterval(() => { if (version() === 2) { clearInterval(waiting); timed(); } }, 5);
`;
const hotLoopSaved = hotLoopSavedIn("'use strict';");
const hotLoopSavedSloppy = hotLoopSavedIn('// sloppy mode');

// (b) An http request path: the server's handler runs a few small helpers per
// request (parse, route, compute, render). The client lives under node_modules,
// which the swap engine leaves alone, so only the server's code is instrumented;
// it shares the program's thread, as a load test against a local server would
// share the machine.
const httpServer = (requests) => `'use strict';
const http = require('node:http');
const client = require('bench-client');
function parseQuery(url) {
  const q = {};
  const i = url.indexOf('?');
  if (i < 0) return q;
  for (const part of url.slice(i + 1).split('&')) {
    const [k, v] = part.split('=');
    q[k] = decodeURIComponent(v || '');
  }
  return q;
}
function route(url) { return url.startsWith('/sum') ? 'sum' : 'other'; }
function total(n) { let s = 0; for (let k = 1; k <= n; k++) s += k; return s; }
function render(name, value) { return JSON.stringify({ name, value, at: 'bench' }); }
function handle(req, res) {
  const q = parseQuery(req.url);
  const body = route(req.url) === 'sum' ? render('sum', total(Number(q.n) || 10)) : render('other', 0);
  res.writeHead(200, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) });
  res.end(body);
}
const server = http.createServer(handle);
server.listen(0, '127.0.0.1', async () => {
  const port = server.address().port;
  await client.load(port, 300); // warm-up: connections, optimised handler
  const t0 = performance.now();
  await client.load(port, ${requests});
  const ms = performance.now() - t0;
  console.log('elapsed ' + ms.toFixed(3) + ' requests ' + ${requests});
  client.close();
  server.close();
});
`;

// Keep-alive client, 8 requests in flight, until `count` answers are in.
const httpClient = `'use strict';
const http = require('node:http');
const agent = new http.Agent({ keepAlive: true, maxSockets: 8 });
function one(port, i) {
  return new Promise((resolve, reject) => {
    http.get({ host: '127.0.0.1', port, path: '/sum?n=' + (i % 50) + '&tag=x', agent }, (res) => {
      res.resume();
      res.on('end', resolve);
    }).on('error', reject);
  });
}
async function load(port, count) {
  let next = 0;
  const lane = async () => { while (next < count) await one(port, next++); };
  await Promise.all(Array.from({ length: 8 }, lane));
}
module.exports = { load, close: () => agent.destroy() };
`;

function writePrograms(dir, { iterations, requests }) {
  fs.rmSync(dir, { recursive: true, force: true });
  fs.mkdirSync(path.join(dir, 'node_modules', 'bench-client'), { recursive: true });
  fs.writeFileSync(path.join(dir, 'node_modules', 'bench-client', 'index.js'), httpClient);
  const file = (name, text) => {
    fs.writeFileSync(path.join(dir, name), text);
    return path.join(dir, name);
  };
  return {
    'hot loop': { file: file('hotloop.js', hotLoop(iterations)) },
    'hot loop, sloppy mode': { file: file('hotloop-sloppy.js', hotLoopSloppy(iterations)) },
    'hot loop after a save': { file: path.join(dir, 'hotloop-saved.js'),
      before: hotLoopSaved(iterations, false), after: hotLoopSaved(iterations, true) },
    'hot loop after a save, sloppy mode': { file: path.join(dir, 'hotloop-saved-sloppy.js'),
      before: hotLoopSavedSloppy(iterations, false), after: hotLoopSavedSloppy(iterations, true) },
    http: { file: file('http.js', httpServer(requests)) },
  };
}

const elapsedOf = (text) => { const m = /elapsed ([\d.]+)/.exec(text); return m ? Number(m[1]) : null; };

// One run: the program's own `elapsed`, from its stdout (plain) or from
// graft's output events (JSON lines); then wait for it to exit. A program
// with an edit (`before`, `after`) starts from `before`, and the edit is saved
// when it says `ready`; plain node runs `after`, which does not wait.
async function runOnce(command, args, json, program) {
  const printed = (l, test) => {
    if (!json) return test(l);
    try { const e = JSON.parse(l); return e.event === 'output' && test(e.text); } catch { return false; }
  };
  if (program.after !== undefined) fs.writeFileSync(program.file, json ? program.before : program.after);
  const child = proc.start(command, args);
  try {
    if (json && program.after !== undefined) {
      await child.out.next((l) => printed(l, (t) => /^ready/.test(t)), 120000, `${path.basename(program.file)} ready`);
      fs.writeFileSync(program.file, program.after);
    }
    const { line } = await child.out.next((l) => printed(l, (t) => elapsedOf(t) !== null),
      120000, `${path.basename(program.file)} elapsed`);
    return elapsedOf(json ? JSON.parse(line).text : line);
  } catch (e) {
    e.message += ` (stderr: ${child.errText.slice(-500)})`;
    throw e;
  } finally {
    const timer = setTimeout(() => proc.killTree(child), 10000);
    await child.exited;
    clearTimeout(timer);
  }
}

const MODES = ['plain node', 'graft --engine swap', 'graft --engine liveedit'];

function commandFor(env, mode, node, file) {
  if (mode === 'plain node') return [node, [file], false];
  const engine = mode.split(' ').pop();
  return [env.graft, ['--headless', '--json', '--node', node, '--engine', engine, file], true];
}

// `nodes`: [{name, node}]. The modes take turns within each repetition, so a
// change in the machine's load falls on all three alike.
async function cpuCost(env, { nodes, iterations, requests, reps }) {
  const programs = writePrograms(path.join(env.work, 'cpucost'), { iterations, requests });
  const rows = [];
  for (const n of nodes) {
    for (const [program, spec] of Object.entries(programs)) {
      const samples = Object.fromEntries(MODES.map((m) => [m, []]));
      for (let r = 0; r < reps; r++) {
        for (const mode of MODES) samples[mode].push(await runOnce(...commandFor(env, mode, n.node, spec.file), spec));
      }
      rows.push({ runtime: n.name, program, iterations, requests, samples, load: +os.loadavg()[0].toFixed(2) });
      env.log(`cpu cost ${n.name} ${program} done`);
    }
  }
  return rows;
}

module.exports = { cpuCost, MODES };

#!/usr/bin/env node
// SPDX-License-Identifier: MIT
// Graft's benchmark suite (issue #6). Run it through run.sh, which builds the
// argument list and installs the peers; see docs/PERFORMANCE.md for what each
// figure means. Usage:
//   node bench.js --bin DIR --out FILE [--quick] [--nodemon PATH] [--peer-note TEXT] [--work DIR] [--nodes DIR]
// (--work keeps the generated programs in DIR instead of a temporary folder;
// --nodes: the pinned nodes of cmake/node-versions.txt, build/_deps, for the
// per-runtime figures)
// Everything runs on this machine (loopback, child processes); every wait is
// bounded; the programs it starts are killed by process group at the end.
'use strict';
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const { saveToOutput } = require('./lib/latency');
const { overhead, heapScaling, functionScaling } = require('./lib/overhead');
const { coldStart, memory } = require('./lib/resources');
const { runtimeFigures, pinnedNodes } = require('./lib/runtimes');
const { cpuCost } = require('./lib/cpucost');
const report = require('./lib/report');

const SIZES = {
  // Smoke run (CTest bench_smoke): every code path once or twice, tiny inputs.
  quick: {
    save: { modules: [1, 5], lines: [100], reps: 2 },
    overhead: { lines: [100, 1000], reps: 2 },
    heap: { heapsMb: [0, 10], reps: 2 },
    functions: { counts: [100, 400], reps: 2 },
    cold: { reps: 2 },
    memory: { batch: 10, batches: 2 },
    // The embedded runtime under both engines and Node 22 under swap: the swap path
    // runs on both of its runtimes (Node 22's LiveEdit row is the embedded one's code path, skipped for time).
    runtimes: { lines: 100, reps: 2, heapsMb: [0], heapReps: 2, majors: [22], engines: ['swap'] },
    cpu: { majors: [22], iterations: 1e6, requests: 300, reps: 1 },
  },
  // The figures in docs/PERFORMANCE.md: ~7 minutes on 2 cores.
  full: {
    save: { modules: [1, 50, 500], lines: [100, 1000, 10000], reps: 10 },
    overhead: { lines: [100, 1000, 10000], reps: 20 },
    heap: { heapsMb: [0, 50, 150], reps: 7 },
    functions: { counts: [500, 1000, 2000, 5000, 10000], reps: 5 },
    cold: { reps: 15 },
    memory: { batch: 100, batches: 3 },
    runtimes: { lines: 1000, reps: 10, heapsMb: [0, 50, 150], heapReps: 7 },
    // 2e7 iterations of the hot loop: 6e7 calls, ~70 ms on plain Node 22 here.
    cpu: { iterations: 2e7, requests: 5000, reps: 5 },
  },
};

const NAMES = { '--bin': 'bin', '--out': 'out', '--nodemon': 'nodemon', '--peer-note': 'peerNote', '--work': 'work', '--nodes': 'nodes' };

function parseArgs(argv) {
  const args = { quick: false };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a === '--quick') args.quick = true;
    else if (NAMES[a]) args[NAMES[a]] = argv[++i];
    else throw new Error(`unknown argument ${a}`);
  }
  if (!args.bin || !args.out) throw new Error('usage: bench.js --bin DIR --out FILE [--quick] [--nodemon PATH]');
  return args;
}

// The machine, without host names or paths.
function machine() {
  const cpu = os.cpus()[0]?.model?.trim() || 'unknown';
  let distro = os.type();
  try { distro = /PRETTY_NAME="([^"]+)"/.exec(fs.readFileSync('/etc/os-release', 'utf8'))[1]; } catch { /* keep */ }
  return { nproc: os.availableParallelism(), cpu, ramGb: Math.round(os.totalmem() / 2 ** 30 * 10) / 10,
    os: distro, kernel: os.release(), node: process.version, loadAtStart: os.loadavg().map((x) => +x.toFixed(2)) };
}

async function main() {
  const args = parseArgs(process.argv.slice(2));
  const mode = args.quick ? 'quick' : 'full';
  const size = SIZES[mode];
  const work = args.work || fs.mkdtempSync(path.join(os.tmpdir(), 'graft-bench-'));
  const started = Date.now();
  const env = {
    graft: path.join(args.bin, 'graft'),
    runtime: path.join(args.bin, 'graft-runtime'),
    nodemon: args.nodemon || null,
    nodeDeps: args.nodes || null,
    work,
    log: (text) => process.stderr.write(`[bench ${((Date.now() - started) / 1000).toFixed(0)} s] ${text}\n`),
  };
  for (const bin of [env.graft, env.runtime]) if (!fs.existsSync(bin)) throw new Error(`${bin} not found: build first`);
  const results = { mode, machine: machine(), date: new Date().toISOString(), peers: {}, sizes: size };
  results.peers.nodemon = env.nodemon
    ? JSON.parse(fs.readFileSync(path.join(path.dirname(env.nodemon), '..', 'package.json'), 'utf8')).version
    : null;
  results.peers.nodemonNote = args.peerNote || null;
  results.peers.nodeWatch = process.version;
  if (results.machine.loadAtStart[0] > results.machine.nproc / 2)
    env.log(`warning: load average ${results.machine.loadAtStart[0]} on ${results.machine.nproc} cores; figures will be noisy`);

  try {
    results.saveToOutput = await saveToOutput(env, size.save);
    results.overhead = await overhead(env, size.overhead);
    results.heap = await heapScaling(env, size.heap);
    results.functions = await functionScaling(env, size.functions);
    results.coldStart = await coldStart(env, size.cold);
    results.memory = await memory(env, size.memory);
    results.runtimes = await runtimeFigures(env, size.runtimes);
    const cpuNodes = pinnedNodes(env.nodeDeps, size.cpu.majors);
    results.cpuCost = cpuNodes.length ? await cpuCost(env, { ...size.cpu, nodes: cpuNodes }) : [];
  } finally {
    if (!args.work) fs.rmSync(work, { recursive: true, force: true });
  }
  results.machine.loadAtEnd = os.loadavg().map((x) => +x.toFixed(2));
  results.seconds = Math.round((Date.now() - started) / 1000);
  // Targets are judged on the full run only: the smoke run's two samples say nothing.
  results.targets = args.quick ? [] : report.targets(results);

  const markdown = report.render(results);
  process.stdout.write(markdown);
  fs.mkdirSync(path.dirname(args.out), { recursive: true });
  fs.writeFileSync(args.out, JSON.stringify(results, null, 1) + '\n');
  const tables = args.out.replace(/\.json$/, '.md');
  fs.writeFileSync(tables, markdown);
  console.log(`\nResults: ${args.out} and ${path.basename(tables)} (${results.seconds} s)`);
}

main().catch((error) => {
  console.error(`bench: ${error.stack || error}`);
  process.exit(1);
});

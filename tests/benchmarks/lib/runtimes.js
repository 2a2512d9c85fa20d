// SPDX-License-Identifier: MIT
// The same figures on every runtime and engine Graft patches with (issues 13
// and 16): the embedded runtime under both engines, and each pinned node of
// cmake/node-versions.txt with Graft's agent (graft --node) under both engines,
// --engine liveedit and --engine swap. Per row: save -> the new code's first
// output beside nodemon restarting the program on that same node, and the
// patch time (`ms`, `applyMs`) against the live heap.
'use strict';
const os = require('node:os');
const fs = require('node:fs');
const path = require('node:path');
const proc = require('./proc');
const { graftRun, peerRun } = require('./latency');
const { graftApplies } = require('./overhead');
const { writeProgram, writeScalingProgram, save } = require('./programs');

// The pinned nodes in `nodeDeps` (build/_deps: one node-MAJOR/ each with
// bin/node and VERSION), oldest first; `majors` keeps only those majors.
function pinnedNodes(nodeDeps, majors) {
  const dirs = nodeDeps && fs.existsSync(nodeDeps) ? fs.readdirSync(nodeDeps).filter((d) => /^node-\d+$/.test(d)) : [];
  dirs.sort((a, b) => Number(a.slice(5)) - Number(b.slice(5)));
  const out = [];
  for (const dir of dirs) {
    const major = Number(dir.slice(5));
    const node = path.join(nodeDeps, dir, 'bin', 'node');
    const versionFile = path.join(nodeDeps, dir, 'VERSION');
    if (!fs.existsSync(node) || (majors && !majors.includes(major))) continue;
    const version = fs.existsSync(versionFile) ? fs.readFileSync(versionFile, 'utf8').trim() : String(major);
    out.push({ name: `node ${version}`, major, node });
  }
  return out;
}

// One row per runtime and engine: the embedded runtime always under LiveEdit
// and, with `engines` naming swap, under swap too (graft-runtime then runs as a
// node with Graft's agent).
function runtimesOf(nodeDeps, { majors, engines = ['liveedit', 'swap'] } = {}) {
  const list = [{ name: 'embedded', engine: 'liveedit', graftArgs: [], node: null }];
  if (engines.includes('swap'))
    list.push({ name: 'embedded', engine: 'swap', graftArgs: ['--engine', 'swap'], node: null });
  for (const n of pinnedNodes(nodeDeps, majors)) {
    for (const engine of engines) list.push({ ...n, engine, graftArgs: ['--node', n.node, '--engine', engine] });
  }
  return list;
}

// nodemon restarting the program on the runtime's node; for the embedded
// runtime (Node 18 inside graft-runtime, no such binary) on the machine's node.
function nodemonFor(env, runtime) {
  if (!env.nodemon) return null;
  const node = runtime.node || process.execPath;
  return { name: 'nodemon', command: node, args: [env.nodemon, '--quiet', '--exec', node] };
}

// Whether the node graft started carries --inspector-live-edit (Node 26 needs
// it for LiveEdit; the swap engine must run without it). Read from the
// process's own command line, since the agent hides its flags from execArgv.
function liveEditFlag(session, node) {
  for (const pid of proc.childPids(session.child.pid)) {
    try {
      const argv = fs.readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0');
      if (argv[0] === node || path.basename(argv[0]) === 'node') return argv.includes('--inspector-live-edit');
    } catch { /* gone */ }
  }
  return null;
}

async function runtimeFigures(env, { lines, reps, heapsMb, heapReps, majors, engines }) {
  const rows = [];
  const nodemonByNode = new Map(); // one nodemon run per node, shared by its engines' rows
  for (const runtime of runtimesOf(env.nodeDeps, { majors, engines })) {
    let flag = null;
    const renv = { ...env, graftArgs: runtime.graftArgs,
      onReady: (session) => { if (runtime.node) flag = liveEditFlag(session, runtime.node); } };
    const tag = `${runtime.name}-${runtime.engine}`.replace(/\W+/g, '-');
    const program = writeProgram(path.join(env.work, `rt-${tag}-save`), { modules: 1, lines });
    const row = { runtime: runtime.name, engine: runtime.engine, lines, nodemon: null, heap: [],
      graft: await graftRun(renv, program, reps) };
    row.inspectorLiveEdit = flag;
    const peer = nodemonFor(env, runtime);
    if (peer) {
      const key = runtime.node || 'machine';
      if (!nodemonByNode.has(key)) {
        save(program.entry, program.source('@v0'));
        nodemonByNode.set(key, await peerRun(env, peer, program, reps));
      }
      row.nodemon = nodemonByNode.get(key);
      row.nodemonNode = runtime.node ? runtime.name : `node ${process.version} (the machine's)`;
    }
    for (const heapMb of heapsMb) {
      const scaling = writeScalingProgram(path.join(env.work, `rt-${tag}-heap-${heapMb}`), { count: 100, style: 'decl', heapMb });
      const { samples, heapMb: measured, firstMs } = await graftApplies(renv, scaling, heapReps, 'built');
      row.heap.push({ retainedMb: heapMb, heapUsedMb: measured, firstMs, samples });
    }
    row.load = +os.loadavg()[0].toFixed(2); // the machine is shared: each row says how busy it was
    rows.push(row);
    env.log(`runtime ${runtime.name} (${runtime.engine}) done`);
  }
  return rows;
}

module.exports = { runtimeFigures, runtimesOf, pinnedNodes };

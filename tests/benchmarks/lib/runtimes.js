// SPDX-License-Identifier: MIT
// The same figures on every runtime Graft patches on (issue 13): the embedded
// runtime and each pinned node of cmake/node-versions.txt with Graft's agent
// (graft --node). Per runtime: save -> the new code's first output, beside
// nodemon restarting the program on that same node, and the patch time against
// the live heap.
'use strict';
const fs = require('node:fs');
const path = require('node:path');
const { graftRun, peerRun } = require('./latency');
const { graftApplies } = require('./overhead');
const { writeProgram, writeScalingProgram, save } = require('./programs');

// `nodeDeps`: the folder the test command installs the pinned nodes into
// (build/_deps, one node-MAJOR/ each with bin/node and VERSION).
function runtimesOf(nodeDeps, limit) {
  const list = [{ name: 'embedded', graftArgs: [], node: null }];
  const dirs = nodeDeps && fs.existsSync(nodeDeps) ? fs.readdirSync(nodeDeps).filter((d) => /^node-\d+$/.test(d)) : [];
  dirs.sort((a, b) => Number(a.slice(5)) - Number(b.slice(5)));
  for (const dir of dirs) {
    const node = path.join(nodeDeps, dir, 'bin', 'node');
    const versionFile = path.join(nodeDeps, dir, 'VERSION');
    if (!fs.existsSync(node)) continue;
    const version = fs.existsSync(versionFile) ? fs.readFileSync(versionFile, 'utf8').trim() : dir.slice(5);
    list.push({ name: `node ${version}`, graftArgs: ['--node', node], node });
  }
  return list.slice(0, limit || list.length);
}

// nodemon restarting the program on the runtime's node; for the embedded
// runtime (Node 18 inside graft-runtime, no such binary) on the machine's node.
function nodemonFor(env, runtime) {
  if (!env.nodemon) return null;
  const node = runtime.node || process.execPath;
  return { name: 'nodemon', command: node, args: [env.nodemon, '--quiet', '--exec', node] };
}

async function runtimeFigures(env, { lines, reps, heapsMb, heapReps, limit }) {
  const rows = [];
  for (const runtime of runtimesOf(env.nodeDeps, limit)) {
    const renv = { ...env, graftArgs: runtime.graftArgs };
    const tag = runtime.name.replace(/\W+/g, '-');
    const program = writeProgram(path.join(env.work, `rt-${tag}-save`), { modules: 1, lines });
    const row = { runtime: runtime.name, lines, graft: await graftRun(renv, program, reps), nodemon: null, heap: [] };
    const peer = nodemonFor(env, runtime);
    if (peer) {
      save(program.entry, program.source('@v0'));
      row.nodemon = await peerRun(env, peer, program, reps);
      row.nodemonNode = runtime.node ? runtime.name : `node ${process.version} (the machine's)`;
    }
    for (const heapMb of heapsMb) {
      const scaling = writeScalingProgram(path.join(env.work, `rt-${tag}-heap-${heapMb}`), { count: 100, style: 'decl', heapMb });
      const { samples, heapMb: measured } = await graftApplies(renv, scaling, heapReps, 'built');
      row.heap.push({ retainedMb: heapMb, heapUsedMb: measured, samples });
    }
    rows.push(row);
    env.log(`runtime ${runtime.name} done`);
  }
  return rows;
}

module.exports = { runtimeFigures, runtimesOf };

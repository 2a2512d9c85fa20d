// SPDX-License-Identifier: MIT
// Cold start to first output, and resident memory before and after many patches.
'use strict';
const fs = require('node:fs');
const path = require('node:path');
const { performance } = require('node:perf_hooks');
const proc = require('./proc');
const { GraftSession } = require('./graft');
const { writeProgram } = require('./programs');

// Spawn -> the first stdout line that contains `token`, then wait for the exit.
async function timeToFirstLine(command, args, token) {
  const t0 = performance.now();
  const child = proc.start(command, args);
  try {
    const { t } = await child.out.next((l) => l.includes(token), 20000, `${path.basename(command)} first output`);
    return t - t0;
  } finally {
    const timer = setTimeout(() => proc.killTree(child), 5000);
    await child.exited;
    clearTimeout(timer);
  }
}

async function coldStart(env, { reps }) {
  const entry = path.join(env.work, 'cold', 'hello.js');
  fs.mkdirSync(path.dirname(entry), { recursive: true });
  fs.writeFileSync(entry, "console.log('hello from the program');\n");
  const runs = {
    'graft-runtime alone': () => timeToFirstLine(env.runtime, [entry], 'hello'),
    'graft --headless --json': () => timeToFirstLine(env.graft, ['--headless', '--json', entry], 'hello'),
    [`node ${process.version} (reference)`]: () => timeToFirstLine(process.execPath, [entry], 'hello'),
  };
  const rows = [];
  for (const [name, run] of Object.entries(runs)) {
    const samples = [];
    await run(); // warm the page cache: we measure start-up, not the disk
    for (let i = 0; i < reps; i++) samples.push(await run());
    rows.push({ name, samples });
  }
  env.log('cold start done');
  return rows;
}

// RSS of graft and graft-runtime, and the program's JS heap after a full GC,
// idle and after each batch of `batch` patches of a 1,000-line file.
async function memory(env, { batch, batches }) {
  const program = writeProgram(path.join(env.work, 'memory'), { modules: 1, lines: 1000 });
  const g = new GraftSession(env.graft, program.entry, ['--node-option=--expose-gc']);
  const points = [];
  const sample = async (patches) => {
    await proc.sleep(500);
    const heapMb = Number(await g.eval('gc(), process.memoryUsage().heapUsed')) / 1048576;
    points.push({ patches, graftMb: proc.rssMb(g.child.pid), runtimeMb: proc.rssMb(g.runtimePid()), heapMb });
  };
  try {
    await g.ready('@v0');
    await proc.sleep(1000);
    await sample(0);
    let k = 0;
    for (let b = 0; b < batches; b++) {
      for (let i = 0; i < batch; i++) {
        k++;
        await g.apply(program.entry, program.source(`@v${k}`));
      }
      await sample(k);
    }
  } finally {
    await g.quit();
  }
  env.log('memory done');
  return points;
}

module.exports = { coldStart, memory };

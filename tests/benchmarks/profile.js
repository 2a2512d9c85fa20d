#!/usr/bin/env node
// SPDX-License-Identifier: MIT
// Where LiveEdit spends its time: patches a generated program straight through
// graft-runtime while `perf record` samples it, then prints perf's flat profile.
// Not part of run.sh (it needs perf, and root or perf_event_paranoid <= 1).
//   node tests/benchmarks/profile.js --bin build/release/bin [--functions 100]
//        [--style decl|methods] [--heap-mb 0] [--patches 20]
// e.g. --functions 100 --heap-mb 50: the heap walk; --functions 5000: the
// quadratic scope comparison (docs/PERFORMANCE.md, "Where the time goes").
'use strict';
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const { spawn, execFileSync } = require('node:child_process');
const proc = require('./lib/proc');
const { RuntimeClient } = require('./lib/runtime');
const { writeScalingProgram } = require('./lib/programs');

async function main() {
  const opt = { bin: null, functions: 100, style: 'decl', 'heap-mb': 0, patches: 20 };
  const argv = process.argv.slice(2);
  for (let i = 0; i < argv.length; i += 2) opt[argv[i].replace(/^--/, '')] = argv[i + 1];
  if (!opt.bin) throw new Error('usage: profile.js --bin DIR [--functions N] [--style decl|methods] [--heap-mb N] [--patches N]');
  const work = fs.mkdtempSync(path.join(os.tmpdir(), 'graft-profile-'));
  const spec = { count: Number(opt.functions), style: opt.style, heapMb: Number(opt['heap-mb']) };
  const program = writeScalingProgram(work, spec);
  const rt = new RuntimeClient(path.join(opt.bin, 'graft-runtime'), program.entry);
  const data = path.join(work, 'perf.data');
  try {
    await rt.start();
    const id = await rt.scriptIdOf(program.entry);
    await proc.waitFor(() => rt.stdout.includes('built'), 60000, 'the program');
    await rt.setSource(id, program.source('@v1')); // the one-time work of a first patch stays out
    const perf = spawn('perf', ['record', '-g', '-o', data, '-p', String(rt.child.pid)], { stdio: 'ignore' });
    await proc.sleep(500);
    const times = [];
    for (let k = 2; k < Number(opt.patches) + 2; k++) times.push(await rt.setSource(id, program.source(`@v${k}`)));
    perf.kill('SIGINT');
    await new Promise((resolve) => perf.on('exit', resolve));
    times.sort((a, b) => a - b);
    console.log(`${opt.patches} patches, median ${times[times.length >> 1].toFixed(1)} ms (${JSON.stringify(spec)})\n`);
    const flat = execFileSync('perf', ['report', '-i', data, '--children', '--sort', 'sym', '-g', 'none', '--percent-limit', '2'],
      { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'], maxBuffer: 64 << 20 });
    // Drop the frames every patch merely passes through (dispatch, unresolved
    // callers); keep unresolved code that burns time itself (V8's internal,
    // unexported functions: perf can only give their addresses).
    const boring = /0x[0-9a-f]{8,}|0{16}|NodePlatform|InspectorBridge|v8_inspector|v8_crdtp|Debug::SetScriptSource/;
    const self = (l) => Number((/^\s*[\d.]+%\s+([\d.]+)%/.exec(l) || [])[1] || 0);
    console.log(flat.split('\n').filter((l) => l.trim() && !l.startsWith('#') && (!boring.test(l) || self(l) >= 1))
      .map((l) => l.replace(/std::(_Hashtable|__detail::_Map_base)<([^,<]+).*$/, 'std::$1<$2, ...>')).slice(0, 30).join('\n'));
  } finally {
    rt.stop();
    fs.rmSync(work, { recursive: true, force: true });
  }
}

main().catch((error) => { console.error(`profile: ${error.message}`); process.exit(1); });

#!/usr/bin/env python3
# SPDX-License-Identifier: MIT
# One figure: a 1,000-line CommonJS module, one function edited per patch, the
# median `ms` of the patch event (and of applyMs, inside setScriptSource) over N
# patches, each confirmed by the program printing the new text.
#   python3 tests/benchmarks/patch1k.py build/dev/bin/graft [N [GRAFT OPTIONS...]]
#   (e.g. `--node build/_deps/node-22/bin/node` to patch through the agent)
import json, os, statistics, subprocess, sys, tempfile
graft = sys.argv[1]; n = int(sys.argv[2]) if len(sys.argv) > 2 else 20; options = sys.argv[3:]
d = tempfile.mkdtemp(prefix='graft-patch1k-')
lines = ["let counter = 0;"]
for i in range(100):
    lines += [f"function f{i}(x) {{", f"  const y = x + {i};", "  if (y > 1000) return y - 1;", "  for (let k = 0; k < 2; k++) counter += k;", "  const z = [y, y * 2, y * 3];", "  const w = z.map((v) => v + 1);", "  counter += w.length;", "  return y * 2;", "}", ""]
lines += ["function tick() { counter += f0(1); console.log('v0'); }", "setInterval(tick, 10);"]
src = "\n".join(lines) + "\n"
assert len(src.splitlines()) >= 990, len(src.splitlines())
open(d + '/p.js', 'w').write(src)
p = subprocess.Popen([graft, *options, '--headless', '--json', '--control', '--timeout', '120', d + '/p.js'], stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True, bufsize=1)
def until(pred):
    while True:
        line = p.stdout.readline()
        if not line: raise SystemExit('graft ended')
        e = json.loads(line)
        if pred(e): return e
until(lambda e: e.get('event') == 'output')
ms, apply, analysis = [], [], []
for k in range(1, n + 1):
    new = src.replace("console.log('v0')", f"console.log('v{k}')")
    p.stdin.write(json.dumps({"id": k, "command": "apply", "file": d + '/p.js', "source": new}) + "\n")
    e = until(lambda e: e.get('event') == 'patch')
    ms.append(e["ms"]); apply.append(e.get("applyMs", 0)); analysis.append(e.get("analysisMs", 0))
    until(lambda e: e.get('event') == 'output' and e['text'] == f'v{k}\n')
p.stdin.write('{"command":"quit"}\n'); p.wait()
print(f"{graft}: patch ms median {statistics.median(ms):.1f} (applyMs {statistics.median(apply):.1f}, analysisMs {statistics.median(analysis):.1f}) over {n} patches, 1,000-line module")

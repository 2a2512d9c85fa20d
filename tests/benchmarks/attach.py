#!/usr/bin/env python3
# SPDX-License-Identifier: MIT
# graft --attach over the inspector's WebSocket, against graft --node (pipes):
# the round trip of an `eval` while the program logs every 5 ms (console events
# flowing: where the inspector's replies used to stall ~40 ms behind Nagle and
# delayed ACKs), and the `ms` of a one-function patch of the write-up program.
#   python3 tests/benchmarks/attach.py build/dev/bin/graft build/_deps/node-22/bin/node [N]
import json, os, re, statistics, subprocess, sys, tempfile, time
graft, node = sys.argv[1], sys.argv[2]
n = int(sys.argv[3]) if len(sys.argv) > 3 else 40
here = os.path.dirname(os.path.abspath(__file__))
d = tempfile.mkdtemp(prefix='graft-attach-')
writeup = open(os.path.join(here, '..', 'e2e', 'programs', 'writeup.js')).read()
programs = {'flood.js': "let n = 0;\nsetInterval(() => console.log('line ' + (++n)), 5);\n", 'writeup.js': writeup}
for name, text in programs.items():
    open(os.path.join(d, name), 'w').write(text)

def session(mode, entry):
    program = None
    if mode == 'attach':
        program = subprocess.Popen([node, '--inspect=127.0.0.1:0', entry], stdout=subprocess.DEVNULL,
                                   stderr=subprocess.PIPE, text=True)
        port = None
        while port is None:
            match = re.search(r'ws://127\.0\.0\.1:(\d+)/', program.stderr.readline())
            port = match and match.group(1)
        args = ['--attach', '127.0.0.1:' + port]
    else:
        args = ['--node', node, entry]
    g = subprocess.Popen([graft, '--headless', '--json', '--control', '--timeout', '120'] + args,
                         stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True, bufsize=1)
    return g, program

def until(g, pred):
    while True:
        line = g.stdout.readline()
        if not line: raise SystemExit('graft ended')
        e = json.loads(line)
        if pred(e): return e

def send(g, command):
    g.stdin.write(json.dumps(command) + '\n'); g.stdin.flush()

def finish(g, program):
    send(g, {'command': 'quit'}); g.wait()
    if program: program.kill(); program.wait()

for mode in ('attach', 'node'):
    g, program = session(mode, os.path.join(d, 'flood.js'))
    until(g, lambda e: e.get('event') == 'ready'); time.sleep(0.5)
    trips = []
    for i in range(n):
        t = time.perf_counter()
        send(g, {'id': i, 'command': 'eval', 'expression': '1+1'})
        until(g, lambda e: e.get('event') == 'result' and e.get('id') == i)
        trips.append((time.perf_counter() - t) * 1000)
        time.sleep(0.02)
    finish(g, program)

    entry = os.path.join(d, 'writeup.js')
    g, program = session(mode, entry)
    until(g, lambda e: e.get('event') == 'ready'); time.sleep(0.5)
    ms = []
    for i in range(n // 2):
        send(g, {'id': i, 'command': 'apply', 'file': entry, 'source': writeup.replace('return s;', f"return s + '{i}';")})
        ms.append(until(g, lambda e: e.get('event') == 'patch')['ms'])
        until(g, lambda e: e.get('event') == 'result' and e.get('id') == i)
    finish(g, program)
    print(f'{mode:6}  eval round trip, events flowing: median {statistics.median(trips):.1f} ms, '
          f'max {max(trips):.1f}  |  patch: median {statistics.median(ms):.1f} ms, first {ms[0]:.1f}')

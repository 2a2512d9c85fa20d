#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# Graft's benchmarks, one command:
#   bash tests/benchmarks/run.sh [--quick] [--build DIR]
# --quick is the smoke run (CTest "bench_smoke"); without it, the full run that
# docs/PERFORMANCE.md reports (~7 minutes on 2 cores). Results: a table on
# stdout, JSON in DIR/benchmarks/ (DIR defaults to build/release).
# The peers (nodemon) are installed from the pinned package-lock.json into
# tests/benchmarks/node_modules when missing; with no network (or with
# GRAFT_BENCH_NO_INSTALL=1) the nodemon rows are skipped with a note and Graft
# and node --watch are still measured.
set -euo pipefail

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
root=$(cd "$here/../.." && pwd)
build="$root/build/release"
quick=()
while [[ $# -gt 0 ]]; do
  case $1 in
    --quick) quick=(--quick) ;;
    --build) build=$(cd "$2" && pwd); shift ;;
    *) echo "usage: $0 [--quick] [--build DIR]" >&2; exit 64 ;;
  esac
  shift
done

if [[ ! -x $build/bin/graft || ! -x $build/bin/graft-runtime ]]; then
  echo "bench: no graft in $build/bin; build it first:" >&2
  echo "  cmake --preset release && cmake --build --preset release -j2" >&2
  exit 1
fi
command -v node >/dev/null || { echo "bench: node is needed to drive the benchmarks" >&2; exit 1; }

# Peers: installed only when the pinned version is not already there, so a
# second run downloads nothing. npm is bounded in time: an offline machine
# must not stall the smoke test.
nodemon="$here/node_modules/nodemon/bin/nodemon.js"
want=$(node -p "require('$here/package.json').dependencies.nodemon")
have=$(node -p "try { require('$here/node_modules/nodemon/package.json').version } catch { '' }")
note=""
if [[ $have != "$want" ]]; then
  if [[ ${GRAFT_BENCH_NO_INSTALL:-0} == 1 ]]; then
    note="nodemon $want is not installed and GRAFT_BENCH_NO_INSTALL=1"
  elif ! command -v npm >/dev/null; then
    note="nodemon $want is not installed and npm is missing"
  else
    echo "bench: installing nodemon $want into tests/benchmarks/node_modules" >&2
    if ! (cd "$here" && timeout 120 npm ci --fetch-retries=1 --fetch-timeout=20000 --loglevel=error >&2); then
      note="nodemon $want could not be installed (offline?): npm ci failed"
    fi
  fi
fi
peer=()
if [[ -z $note && -f $nodemon ]]; then
  peer=(--nodemon "$nodemon")
else
  echo "bench: skipping the nodemon rows: $note" >&2
  peer=(--peer-note "$note")
fi

out="$build/benchmarks/results${quick:+-quick}.json"
# The pinned nodes (cmake/setup-node-binaries.sh) for the per-runtime figures;
# without them only the embedded runtime is measured there.
nodes=()
if [[ -d $root/build/_deps ]]; then nodes=(--nodes "$root/build/_deps"); fi
exec node "$here/bench.js" --bin "$build/bin" --out "$out" "${quick[@]}" "${peer[@]}" "${nodes[@]}"

#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# Builds the libFuzzer targets with clang and runs each for RUNS executions
# (default: a short CI run) over its corpus in tests/fuzz/corpus/.
#   bash tests/fuzz/run-fuzzers.sh [RUNS] [CMAKE_BUILD_DIR] [TARGET...]
# The analyzer target needs the build tree's generated scriptsources.cpp.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(cd "$here/../.." && pwd)"
runs="${1:-20000}"
build="${2:-$root/build/dev}"
shift $(( $# < 2 ? $# : 2 ))
targets=("${@:-framing analyzer}")
read -r -a targets <<< "${targets[*]}"
if ! command -v clang++ >/dev/null; then
  echo "clang++ not found: fuzzing skipped" >&2
  exit 77
fi
out="$build/fuzz"
mkdir -p "$out"

build_framing() {
  # Address + undefined sanitizers: all of this code is ours and instrumented.
  clang++ -std=c++20 -g -O1 -fsanitize=fuzzer,address,undefined -fno-sanitize-recover=all \
    -I"$root/core" "$root/core/protocol/framing.cpp" "$here/fuzz_framing.cpp" -o "$out/fuzz_framing"
}

build_analyzer() {
  # libnode is not instrumented and has no RTTI: no address/vptr checks here.
  local node_root=/
  [ -f "$root/build/_deps/libnode/usr/include/node/node.h" ] && node_root="$root/build/_deps/libnode"
  local libdir="$node_root/usr/lib/$(gcc -print-multiarch)"
  clang++ -std=c++20 -g -O1 -fsanitize=fuzzer -Wno-deprecated-declarations \
    -isystem "$node_root/usr/include/node" -isystem "$node_root/usr/include/nodejs/deps/v8/include" \
    -I"$root/app/runtime" "$here/fuzz_analyzer.cpp" "$build/app/runtime/scriptsources.cpp" \
    "$libdir/libnode.so.108" -luv -Wl,-rpath,"$libdir" -o "$out/fuzz_analyzer"
}

for target in "${targets[@]}"; do
  "build_$target"
  work="$(mktemp -d)"
  cp "$here/corpus/$target"/* "$work"/
  start=$(date +%s%N)
  "$out/fuzz_$target" -runs="$runs" -max_len=4096 -rss_limit_mb=4096 "$work" 2>&1 | tail -n 2
  end=$(date +%s%N)
  rm -rf "$work"
  awk -v t="$target" -v n="$runs" -v s="$start" -v e="$end" \
    'BEGIN { printf "fuzz_%s: %d executions in %.1f s, no crash\n", t, n, (e - s) / 1e9 }'
done

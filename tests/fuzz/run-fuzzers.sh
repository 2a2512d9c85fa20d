#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# Builds the libFuzzer targets with clang (address + undefined sanitizers) and
# runs each for RUNS executions (default: a short CI run) over its corpus.
#   bash tests/fuzz/run-fuzzers.sh [RUNS] [BUILD_DIR]
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(cd "$here/../.." && pwd)"
runs="${1:-20000}"
out="${2:-$root/build/fuzz}"
if ! command -v clang++ >/dev/null; then
  echo "clang++ not found: fuzzing skipped" >&2
  exit 77
fi
mkdir -p "$out"
clang++ -std=c++20 -g -O1 -fsanitize=fuzzer,address,undefined -fno-sanitize-recover=all \
  -I"$root/core" "$root/core/protocol/framing.cpp" "$here/fuzz_framing.cpp" -o "$out/fuzz_framing"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
cp "$here"/corpus/framing/* "$work"/
start=$(date +%s%N)
"$out/fuzz_framing" -runs="$runs" -max_len=8192 "$work" 2>&1 | tail -n 3
end=$(date +%s%N)
awk -v n="$runs" -v s="$start" -v e="$end" 'BEGIN { printf "fuzz_framing: %d executions in %.1f s, no crash\n", n, (e - s) / 1e9 }'

#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# The README's two commands:
#   bash cmake/dev.sh run    optimised build (preset `run`: RelWithDebInfo, no
#                            tests), then open the workbench on the bundled demo
#                            (headless, with a hint, when there is no display)
#   bash cmake/dev.sh test   debug build (preset `dev`), then run every test
# Both install what is missing first (cmake/setup-deps.sh) and are idempotent.
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$here"
mode="${1:-}"
case "$mode" in
  run|test) ;;
  *) echo "usage: bash cmake/dev.sh run|test" >&2; exit 64 ;;
esac

bash cmake/setup-deps.sh
# The tests also run every program on pinned Node 20, 22, 24 and 26 (graft --node).
if [ "$mode" = test ]; then bash cmake/setup-node-binaries.sh; fi
# The workbench runs optimised (a debug build's patch and analysis paths are
# several times slower); the tests keep the debug build's assertions.
preset=dev
if [ "$mode" = run ]; then preset=run; fi
cmake --preset "$preset" >/dev/null
cmake --build --preset "$preset"

if [ "$mode" = test ]; then
  ctest --preset dev
else
  shift
  exec "build/$preset/bin/graft" "${@:-resources/demos/writeup-2016.js}"
fi

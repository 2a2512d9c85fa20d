#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# The README's two commands:
#   bash cmake/dev.sh run    build, then open the workbench on the bundled demo
#                            (headless, with a hint, when there is no display)
#   bash cmake/dev.sh test   build, then run every test
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
cmake --preset dev >/dev/null
cmake --build --preset dev

if [ "$mode" = test ]; then
  ctest --preset dev
else
  shift
  exec build/dev/bin/graft "${@:-resources/demos/writeup-2016.js}"
fi

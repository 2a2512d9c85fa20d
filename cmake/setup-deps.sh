#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# Installs what building and testing Graft needs on Debian 12, and nothing twice.
# Safe to run again: it only asks apt for packages that are missing.
#
# libnode (Node 18 / V8 10.2, the one V8 that still has LiveEdit) comes from Debian.
# When the machine carries a non-Debian `nodejs`, apt refuses libnode108 (it conflicts
# with the `nodejs-legacy` that such packages provide). We never touch the user's nodejs:
# in that case the two .debs are downloaded and unpacked into build/_deps/libnode, and
# CMake links against that copy with an rpath.
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
libnode_dir="$here/build/_deps/libnode"

sudo_cmd=()
if [ "$(id -u)" -ne 0 ]; then sudo_cmd=(sudo); fi

packages=(
  build-essential cmake ninja-build pkg-config git
  # libFuzzer targets and the asan preset.
  clang libclang-rt-14-dev
  qt6-base-dev libqscintilla2-qt6-dev qt6-svg-dev libgl-dev
  # --attach: the inspector WebSocket of a program started with node --inspect.
  qt6-websockets-dev
  xvfb xauth x11-utils fonts-dejavu-core dpkg-dev file
  # The .deb: rsvg-convert renders the PNG icons from resources/icons/graft.svg.
  librsvg2-bin
  nlohmann-json3-dev libuv1-dev libssl-dev libicu72 libc-ares2 libnghttp2-14 libbrotli1 zlib1g
  # libnode's five externalized builtins live in these (ENGINE.md).
  node-acorn node-cjs-module-lexer node-undici
)

is_installed() { dpkg-query -W -f='${Status}' "$1" 2>/dev/null | grep -q "install ok installed"; }

missing=()
for p in "${packages[@]}"; do is_installed "$p" || missing+=("$p"); done

apt_updated=0
apt_update_once() {
  if [ "$apt_updated" -eq 0 ]; then
    "${sudo_cmd[@]}" apt-get update -qq
    apt_updated=1
  fi
}

if [ "${#missing[@]}" -gt 0 ]; then
  echo "graft setup: installing ${missing[*]}"
  apt_update_once
  DEBIAN_FRONTEND=noninteractive "${sudo_cmd[@]}" apt-get install -y -qq --no-install-recommends "${missing[@]}"
fi

# libnode: the system's if present, else the build tree's copy, else try apt, else unpack.
if is_installed libnode-dev || [ -f "$libnode_dir/usr/include/node/node.h" ]; then
  exit 0
fi
apt_update_once
if DEBIAN_FRONTEND=noninteractive "${sudo_cmd[@]}" apt-get install -y -qq --no-install-recommends libnode-dev 2>/dev/null; then
  exit 0
fi
echo "graft setup: a non-Debian nodejs blocks libnode108; unpacking libnode into build/_deps/libnode"
tmp="$(mktemp -d)"
trap 'rm -rf "$tmp"' EXIT
chmod 0777 "$tmp"  # apt-get download runs as _apt where it can
(cd "$tmp" && apt-get download -qq libnode108 libnode-dev)
mkdir -p "$libnode_dir"
for deb in "$tmp"/*.deb; do dpkg-deb -x "$deb" "$libnode_dir"; done
test -f "$libnode_dir/usr/include/node/node.h"

#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# usage: test-deb.sh BUILD_DIR SOURCE_DIR
#
# Builds the .deb from a configured build tree (cpack), checks its contents and Depends,
# installs it with apt-get (so its dependencies resolve), runs the first demo of
# resources/demos headless from the installed files, and removes the package again, also
# when something fails. The variant is the one the build tree was configured for
# (GRAFT_BUNDLE_LIBNODE; its default is ON exactly when the build links a private libnode,
# i.e. when libnode108 cannot be installed here).
#
# Exit codes: 0 pass, 1 fail, 77 skipped (not root, GRAFT_SKIP_PACKAGE_TEST set, a graft
# package already installed, or a system-libnode package that cannot be installed here).
set -euo pipefail

SKIP=77
say() { printf 'package test: %s\n' "$*"; }
skip() { say "SKIP: $*"; exit "$SKIP"; }
fail() { printf 'package test: FAIL: %s\n' "$*" >&2; exit 1; }
phase_start=$SECONDS
phase() { say "$1 ($((SECONDS - phase_start)) s)"; phase_start=$SECONDS; }

[ $# -eq 2 ] || { echo "usage: $0 BUILD_DIR SOURCE_DIR" >&2; exit 2; }
build="$(cd "$1" && pwd)"
src="$(cd "$2" && pwd)"

[ "$(id -u)" -eq 0 ] || skip "needs root: it installs and removes the graft package"
[ -z "${GRAFT_SKIP_PACKAGE_TEST:-}" ] || skip "GRAFT_SKIP_PACKAGE_TEST is set"
for tool in cpack dpkg dpkg-deb dpkg-shlibdeps apt-get readelf ldd; do
  command -v "$tool" >/dev/null || fail "$tool is missing (dpkg-dev, binutils: cmake/setup-deps.sh installs them)"
done
is_installed() { dpkg-query -W -f='${Status}' "$1" 2>/dev/null | grep -q "install ok installed"; }
if is_installed graft; then
  skip "a graft package is already installed on this machine; not replacing it"
fi

shopt -s nullglob
demos=("$src"/resources/demos/*.js)
shopt -u nullglob
[ "${#demos[@]}" -gt 0 ] || fail "no demo in resources/demos/*.js"
demo_name="$(basename "${demos[0]}")"

[ -f "$build/CPackConfig.cmake" ] || fail "$build is not a configured build tree (no CPackConfig.cmake)"
case "$(sed -n 's/^GRAFT_BUNDLE_LIBNODE:BOOL=//p' "$build/CMakeCache.txt" | tr '[:lower:]' '[:upper:]')" in
  ON|TRUE|YES|Y|1) bundled=1 ;;
  *) bundled=0 ;;
esac
say "variant: $([ "$bundled" -eq 1 ] && echo "bundled libnode" || echo "system libnode108"), demo: $demo_name"

work="$build/packaging-test"
rm -rf "$work"
mkdir -p "$work"
installed_by_us=0
cleanup() {
  local rc=$?
  if [ "$installed_by_us" -eq 1 ] && is_installed graft; then
    say "removing the package"
    { dpkg -r graft && dpkg -P graft; } >/dev/null || rc=1
  fi
  exit "$rc"
}
trap cleanup EXIT

# --- build the package -------------------------------------------------------------------
# gzip instead of the release's xz: the same package, a minute faster to build.
if ! cpack -G DEB -D CPACK_DEBIAN_COMPRESSION_TYPE=gzip --config "$build/CPackConfig.cmake" -B "$work/out" \
     >"$work/cpack.log" 2>&1; then
  cat "$work/cpack.log" >&2
  fail "cpack failed"
fi
debs=("$work"/out/*.deb)
if [ "${#debs[@]}" -ne 1 ] || [ ! -f "${debs[0]}" ]; then fail "expected one .deb, got: ${debs[*]}"; fi
deb="${debs[0]}"
phase "built $(basename "$deb"), $(( $(stat -c %s "$deb") / 1024 )) KiB"

# --- contents ----------------------------------------------------------------------------
if [ "$bundled" -eq 1 ]; then
  [[ "$deb" == *-bundled-libnode.deb ]] || fail "the bundled variant's file name must end in -bundled-libnode.deb"
else
  [[ "$deb" != *bundled* ]] || fail "a system-libnode package named like the bundled one"
fi
[ "$(dpkg-deb -f "$deb" Package)" = graft ] || fail "package name is not graft"

dpkg-deb -c "$deb" | awk '{print $6}' | sed 's|^\./|/|' >"$work/contents"
expect_file() { grep -qxF "$1" "$work/contents" || fail "not in the package: $1"; }
expect_file /usr/bin/graft
expect_file /usr/bin/graft-runtime
expect_file /usr/share/applications/graft.desktop
expect_file /usr/share/icons/hicolor/scalable/apps/graft.svg
for size in 48 128 256; do expect_file "/usr/share/icons/hicolor/${size}x${size}/apps/graft.png"; done
while IFS= read -r -d '' f; do
  expect_file "/usr/share/graft/demos/${f#"$src"/resources/demos/}"
done < <(find "$src/resources/demos" -type f -print0)
if [ "$bundled" -eq 1 ]; then
  expect_file /usr/lib/graft/libnode.so.108
elif grep -q libnode "$work/contents"; then
  fail "the system-libnode package carries a libnode"
fi

depends="$(dpkg-deb -f "$deb" Depends)"
say "Depends: $depends"
printf '%s\n' "$depends" | sed 's/[,|]/\n/g' | sed 's/^ *//; s/[ (].*//' | sort -u >"$work/depends"
has_dep() { grep -qxF "$1" "$work/depends"; }
expect_dep() { has_dep "$1" || fail "Depends lacks $1"; }
expect_dep qt6-qpa-plugins
expect_dep libc6
expect_dep libqt6core6   # proves dpkg-shlibdeps ran
if [ "$bundled" -eq 1 ]; then
  ! has_dep libnode108 || fail "the bundled variant must not depend on libnode108"
  for d in libuv1 libicu72 libssl3 libc-ares2 libnghttp2-14 libbrotli1 zlib1g \
           node-acorn node-cjs-module-lexer node-undici; do
    expect_dep "$d"
  done
else
  expect_dep libnode108
fi

dpkg-deb -x "$deb" "$work/root"
runpath() { readelf -d "$1" | sed -n 's/.*(\(RUNPATH\|RPATH\)).*\[\(.*\)\]/\2/p'; }
rp="$(runpath "$work/root/usr/bin/graft-runtime")"
if [ "$bundled" -eq 1 ]; then
  [ "$rp" = "\$ORIGIN/../lib/graft" ] || fail "graft-runtime's RUNPATH is '$rp', expected \$ORIGIN/../lib/graft"
else
  [ -z "$rp" ] || fail "graft-runtime keeps a RUNPATH: $rp"
fi
rp="$(runpath "$work/root/usr/bin/graft")"
[[ "$rp" != *"$build"* && "$rp" != *"$src"* ]] || fail "graft keeps a build-tree RUNPATH: $rp"
desktop="$work/root/usr/share/applications/graft.desktop"
if ! grep -qxF 'Exec=graft %F' "$desktop" || ! grep -qxF 'Icon=graft' "$desktop"; then
  fail "the desktop entry lacks Exec=graft %F or Icon=graft"
fi
if command -v desktop-file-validate >/dev/null; then
  desktop-file-validate "$desktop" || fail "desktop-file-validate rejects graft.desktop"
fi
phase "contents, Depends and RUNPATH checked"

# --- install -----------------------------------------------------------------------------
if [ "$bundled" -eq 0 ] && ! apt-get install -s -qq libnode108 >/dev/null 2>&1; then
  skip "package built and checked; libnode108 cannot be installed here (a non-Debian nodejs?), so this" \
       "variant cannot be; configure with -DGRAFT_BUNDLE_LIBNODE=ON to test an installation"
fi
apt_install() {
  DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends \
    -o DPkg::Lock::Timeout=300 "$deb" >"$work/apt.log" 2>&1
}
installed_by_us=1
if ! apt_install; then
  say "apt-get install failed; updating the package lists once and retrying"
  apt-get update -qq -o DPkg::Lock::Timeout=300 >>"$work/apt.log" 2>&1 || true
  apt_install || { cat "$work/apt.log" >&2; fail "apt-get install $deb failed"; }
fi
is_installed graft || fail "graft is not installed after apt-get install"
phase "installed"

libnode_used="$(ldd /usr/bin/graft-runtime | sed -n 's/.*libnode\.so\.108 => \([^ ]*\).*/\1/p')"
[ -n "$libnode_used" ] || fail "ldd finds no libnode.so.108 for the installed graft-runtime"
libnode_used="$(realpath "$libnode_used")"
if [ "$bundled" -eq 1 ]; then
  [ "$libnode_used" = /usr/lib/graft/libnode.so.108 ] || fail "graft-runtime loads libnode from '$libnode_used'"
else
  if [[ "$libnode_used" != /usr/lib/* && "$libnode_used" != /lib/* ]] || [[ "$libnode_used" == /usr/lib/graft/* ]]; then
    fail "graft-runtime loads libnode from '$libnode_used'"
  fi
fi

# --- run a demo from the installed files, with no display and outside the build tree ---------
run="$work/run"
mkdir -p "$run/xdg"
chmod 0700 "$run/xdg"
status=0
(cd "$run" && env -u DISPLAY -u WAYLAND_DISPLAY -u LD_LIBRARY_PATH -u QT_QPA_PLATFORM \
   HOME="$run" XDG_RUNTIME_DIR="$run/xdg" \
   timeout --preserve-status -k 5 60 \
   /usr/bin/graft --headless --json --timeout 3 "/usr/share/graft/demos/$demo_name") \
  >"$run/stdout" 2>"$run/stderr" || status=$?
show_run() { say "stdout:"; head -c 4000 "$run/stdout"; say "stderr:"; head -c 4000 "$run/stderr"; }
[ "$status" -eq 124 ] || { show_run; fail "graft exited $status, expected 124 (--timeout)"; }
ready_line="$(grep -n '"event":"ready"' "$run/stdout" | head -1 | cut -d: -f1)"
output_line="$(grep -n '"event":"output"' "$run/stdout" | head -1 | cut -d: -f1)"
[ -n "$ready_line" ] || { show_run; fail "no ready event"; }
[ -n "$output_line" ] || { show_run; fail "no program output"; }
[ "$ready_line" -lt "$output_line" ] || { show_run; fail "program output before the ready event"; }
grep '"event":"ready"' "$run/stdout" | head -1 | grep -q '"node":"v18\.' \
  || { show_run; fail "the ready event does not name Node 18 (the embedded libnode)"; }
grep -q '"event":"exit".*"reason":"timeout"' "$run/stdout" || { show_run; fail "no exit event with reason timeout"; }
say "$(grep '"event":"ready"' "$run/stdout" | head -1)"
say "$(grep '"event":"output"' "$run/stdout" | head -1)"
phase "ran $demo_name from /usr/share/graft/demos"

# --- remove ------------------------------------------------------------------------------
dpkg -r graft >/dev/null || fail "dpkg -r graft failed"
installed_by_us=0
dpkg -P graft >/dev/null || fail "dpkg -P graft failed"  # drops the config-files record
! is_installed graft || fail "graft is still installed after dpkg -r"
for f in /usr/bin/graft /usr/bin/graft-runtime /usr/lib/graft/libnode.so.108 /usr/share/graft; do
  [ ! -e "$f" ] || fail "left behind after dpkg -r: $f"
done
phase "removed"
say "PASS"

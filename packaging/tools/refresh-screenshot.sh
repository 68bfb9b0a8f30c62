#!/usr/bin/env bash
# Refreshes the README's screenshot (docs/images/pitwall-race.png) from the built app:
# a race at Monza at 10x on a virtual display, the window grabbed by pitwall's own
# --screenshot after SECONDS, then reduced to a small palette PNG by pngquant.
# Settings and data go to a temporary folder, so the user's own are never read or changed.
# Usage: packaging/tools/refresh-screenshot.sh [BUILD_DIR] [SECONDS]   (defaults: build 40)
set -euo pipefail
root=$(cd "$(dirname "$0")/../.." && pwd)
build_dir=${1:-$root/build}
seconds=${2:-40}
binary=$build_dir/bin/pitwall
out=$root/docs/images/pitwall-race.png
max_bytes=$((400 * 1024))

fail() { echo "refresh-screenshot: $*" >&2; exit 1; }
[ -x "$binary" ] || fail "no $binary: build it first (ninja -C $build_dir pitwall)"
for tool in xvfb-run pngquant; do
  command -v "$tool" >/dev/null || fail "$tool is missing: run packaging/install-deps.sh"
done

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
# A 1600x1000 screen gives the window its default 85 % of it: 1360x850.
XDG_DATA_HOME=$tmp/data XDG_CONFIG_HOME=$tmp/config XDG_CACHE_HOME=$tmp/cache \
  xvfb-run -a -s "-screen 0 1600x1000x24" \
  "$binary" --track monza --seed 42 --speed 10 --theme dark --no-record \
            --screenshot "$tmp/raw.png" --screenshot-after "$seconds" \
  > "$tmp/pitwall.log" 2>&1 || { cat "$tmp/pitwall.log" >&2; fail "pitwall did not write the screenshot"; }

pngquant --force --quality 60-90 --speed 1 --strip --output "$tmp/small.png" "$tmp/raw.png" \
  || fail "pngquant could not reduce the screenshot"
size=$(stat -c %s "$tmp/small.png")
[ "$size" -le "$max_bytes" ] || fail "the screenshot is $size bytes, over $max_bytes"
mkdir -p "$(dirname "$out")"
cp "$tmp/small.png" "$out"
echo "wrote $out ($((size / 1024)) KiB, $(file -b "$out" | cut -d, -f2 | tr -d ' '))"

#!/usr/bin/env bash
# clang-tidy over src/ with the top-level .clang-tidy, in parallel (run-clang-tidy).
#   bash packaging/tools/tidy.sh [FILE-REGEX]   e.g. tidy.sh 'src/(stream|pipeline)/'
# Configures build-debug (CMakePresets.json: compile_commands.json) if it is not there and
# generates the moc and uic headers the sources include. Exits 1 on any finding.
# Slow: a few seconds a file on a free core, so not part of CI.
set -euo pipefail
top=$(cd "$(dirname "$0")/../.." && pwd)
cd "$top"
build=$top/build-debug
# Sources of src/ only (not the build's generated mocs_compilation.cpp).
filter=${1:-"^$top/src/.*\.cpp\$"}
for tool in clang-tidy run-clang-tidy; do
  command -v "$tool" >/dev/null || { echo "tidy.sh: $tool not found (apt-get install clang-tidy)" >&2; exit 2; }
done
[ -f "$build/compile_commands.json" ] || cmake --preset debug
# The generated headers (moc, ui_*.h) that sources include.
mapfile -t autogen < <(ninja -C "$build" -t targets all | sed -n 's/^\(pitwall[a-z_]*_autogen\): phony$/\1/p')
[ ${#autogen[@]} -eq 0 ] || cmake --build "$build" --target "${autogen[@]}"
log=$build/tidy.log
run-clang-tidy -quiet -p "$build" -j "$(nproc)" "$filter" > "$log" 2>&1 || true
findings=$(grep -c ': warning: \|: error: ' "$log" || true)
grep ': warning: \|: error: ' "$log" | sort -u || true
echo "tidy.sh: $findings findings (full output in $log)"
[ "$findings" -eq 0 ]

#!/usr/bin/env bash
# clang-format over the C++ sources (src/, tests/, packaging/tools/) with the top-level
# .clang-format:
#   bash packaging/tools/format.sh           rewrite the files in place
#   bash packaging/tools/format.sh --check   change nothing; list the files that would
#                                            change and how many lines, exit 1 if any
set -euo pipefail
top=$(cd "$(dirname "$0")/../.." && pwd)
cd "$top"
clang_format=${CLANG_FORMAT:-clang-format}
command -v "$clang_format" >/dev/null || { echo "format.sh: $clang_format not found (apt-get install clang-format)" >&2; exit 2; }

mapfile -t files < <(git ls-files -- 'src/*.cpp' 'src/*.h' 'tests/*.cpp' 'tests/*.h' 'packaging/tools/*.cpp')

case "${1:-}" in
  "")
    "$clang_format" -i --style=file "${files[@]}"
    echo "format.sh: formatted ${#files[@]} files"
    ;;
  --check)
    changed=0 lines=0
    for f in "${files[@]}"; do
      n=$("$clang_format" --style=file "$f" | diff -U0 "$f" - | grep -c '^[-+][^-+]' || true)
      if [ "$n" -gt 0 ]; then
        echo "$f: $n lines"
        changed=$((changed + 1)) lines=$((lines + n))
      fi
    done
    echo "format.sh: $changed of ${#files[@]} files would change ($lines lines added or removed)"
    [ "$changed" -eq 0 ]
    ;;
  *)
    echo "usage: format.sh [--check]" >&2
    exit 2
    ;;
esac

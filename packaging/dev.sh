#!/usr/bin/env bash
# One entry point for a fresh Debian 12 machine (as root, or with sudo):
#   bash packaging/dev.sh run [pitwall options]  install, build, start the app
#   bash packaging/dev.sh test                   install, build, run every test (CTest)
#   bash packaging/dev.sh bench                  install, build, run the benchmarks
#   bash packaging/dev.sh deb                    install, build, make pitwall_<version>_<arch>.deb
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
top=$(dirname "$here")
build=${PITWALL_BUILD_DIR:-$top/build}
command=${1:-run}
shift || true

bash "$here/install-deps.sh"
cmake -S "$top" -B "$build" -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo
cmake --build "$build" -j "$(nproc)"

case "$command" in
  run)
    if [ -n "${DISPLAY:-}${WAYLAND_DISPLAY:-}" ]; then
      exec "$build/bin/pitwall" "$@"
    fi
    echo "dev.sh: no display here, so Pit Wall runs a 20-second race headless." >&2
    echo "dev.sh: for the window on a virtual display: xvfb-run -a -s '-screen 0 1920x1080x24' $build/bin/pitwall" >&2
    exec "$build/bin/pitwall" --headless --duration-seconds 20 "$@"
    ;;
  test)
    exec ctest --test-dir "$build" --output-on-failure -j 2
    ;;
  bench)
    exec ctest --test-dir "$build" -C bench -L bench --verbose
    ;;
  deb)
    cd "$build" && exec cpack -G DEB -B "$build/package"
    ;;
  *)
    echo "usage: dev.sh run|test|bench|deb" >&2
    exit 2
    ;;
esac

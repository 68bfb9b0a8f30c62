#!/usr/bin/env bash
# One entry point for a fresh Debian 12 machine (as root, or with sudo):
#   bash packaging/dev.sh run [pitwall options]  install, build, start the app
#   bash packaging/dev.sh test                   install, build, run every test (CTest)
#   bash packaging/dev.sh bench                  install, build, run the benchmarks
#   bash packaging/dev.sh deb                    install, build, make pitwall_<version>_<arch>.deb
#   bash packaging/dev.sh fuzz [SECONDS [TARGET...]]  install, build the libFuzzer targets with
#                                                clang (build-fuzz/), run each (or the TARGETs named)
#                                                for SECONDS (default 60)
#   bash packaging/dev.sh check                  install, build the asan-ubsan preset and run every
#                                                test under ASan+UBSan, then build the tsan preset and
#                                                run the threaded tests under TSan (CMakePresets.json)
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
top=$(dirname "$here")
build=${PITWALL_BUILD_DIR:-$top/build}
command=${1:-run}
shift || true

bash "$here/install-deps.sh"

if [ "$command" = fuzz ]; then
  # A build of its own (clang, every file instrumented); the gcc build is not touched.
  fuzz_build=${PITWALL_FUZZ_BUILD_DIR:-$top/build-fuzz}
  seconds=${1:-60}
  shared=${PITWALL_SHARED_DATA_DIR:-$top/../shared/data}
  CC=clang CXX=clang++ cmake -S "$top" -B "$fuzz_build" -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo -DPITWALL_FUZZ=ON
  cmake --build "$fuzz_build" -j "$(nproc)" --target fuzzers
  corpus=$fuzz_build/corpus
  seeds=$fuzz_build/seeds
  rm -rf "$seeds" && mkdir -p "$seeds"
  # Seeds: small ones written here, and the tests' data read where it lies (never copied
  # into the repository). libFuzzer writes what it finds to corpus/<target> (kept between runs).
  seed() { mkdir -p "$seeds/$1"; printf "$3" > "$seeds/$1/$2"; }
  seed fuzz_json_codecs position '\x00{"driver_name":"Oscar Piastri","position":1,"timestamp":1751288400000,"race_id":"race-1","team_name":"McLaren","speed":287.5,"lap":3}'
  seed fuzz_json_codecs metrics '\x01{"team_name":"McLaren","timestamp":1751288400000,"engine_temperature":104.2,"driver_name":"Oscar Piastri"}'
  seed fuzz_json_codecs commentary '\x02{"id":"c-1","message":"Piastri leads","timestamp":1751288400000,"type":"highlight"}'
  seed fuzz_json_codecs anomaly '\x03{"key":"McLaren","ts":1751288400000,"team_name":"McLaren","engine_temperature":131.0,"is_anomaly":true}'
  seed fuzz_json_codecs query '\x04{"query":"who leads?"}'
  seed fuzz_json_codecs vector '\x05{"query":"who leads?","vector":[0.1,-0.2,0.3]}'
  seed fuzz_json_codecs event '\x09{"kind":"lap_completed","driver_name":"Oscar Piastri","lap":2,"timestamp":1751288400000}'
  seed fuzz_registry avro '\x00\x00\x00\x00\x00\x01\x1aOscar Piastri\x02\x80\xa0\xd8\x8c\xf8\x65'
  seed fuzz_registry json '\x02\x00\x00\x00\x00\x03{"id":"c-1","message":"Piastri leads","timestamp":1,"type":"info"}'
  seed fuzz_import export '\x00{"pitwall_race_export":1,"race":{"id":"race-x","name":"X","circuit":"monza"}}\n{"t":5,"topic":"f1-driver-positions","key":"race-x","value":"{}"}\n{"end":1}\n'
  seed fuzz_series_csv series 'timestamp,value\n2025-01-01 00:00:00,1.5\n2025-01-01 00:05:00,2.5\n'
  seed fuzz_openf1_csv quoted 'a,b,c\n1,"two, with ""quotes""",3\r\n'
  seed fuzz_zpayload position '\x04{"Position":[{"Timestamp":"2018-04-29T12:07:10.1Z","Entries":{"44":{"Status":"OnTrack","X":1,"Y":2,"Z":3}}}]}'
  seed fuzz_zpayload cardata '\x00{"Entries":[{"Utc":"2018-04-29T12:07:10.1Z","Cars":{"44":{"Channels":{"0":11000,"2":290,"3":7,"4":100,"5":0,"45":12}}}}]}'
  seed fuzz_mcp initialize '{"jsonrpc":"2.0","id":1,"method":"initialize","params":{"protocolVersion":"2025-06-18","capabilities":{},"clientInfo":{"name":"fuzz","version":"1"}}}'
  # Byte 0: 0 request, 1 Metadata answer, 2 FindCoordinator answer; byte 1: api version.
  seed fuzz_kafkawire produce '\x00\x07\x00\x00\x00\x07\x00\x00\x00\x01\xff\xff\xff\xff\x00\x01\x00\x00\x03\xe8\x00\x00\x00\x00'
  seed fuzz_kafkawire metadata '\x01\x01\x00\x00\x00\x2a\x00\x00\x00\x01\x00\x00\x00\x01\x00\x09127.0.0.1\x00\x00\x23\x84\xff\xff\x00\x00\x00\x01\x00\x00\x00\x00'
  seed fuzz_mcp call '{"jsonrpc":"2.0","id":2,"method":"tools/call","params":{"name":"get_leaderboard","arguments":{}}}'
  seed fuzz_mcp list '[{"jsonrpc":"2.0","id":3,"method":"tools/list"},{"jsonrpc":"2.0","method":"notifications/initialized"}]'
  # A .z payload: base64 of raw DEFLATE, as the archive serves it.
  if command -v python3 >/dev/null; then
    python3 -c 'import base64,zlib,sys; c=zlib.compressobj(9,zlib.DEFLATED,-15); d=c.compress(sys.argv[1].encode())+c.flush(); sys.stdout.buffer.write(b"\x01\""+base64.b64encode(d)+b"\"")' \
      '{"Entries":[{"Utc":"2018-04-29T12:07:10.1Z","Cars":{"44":{"Channels":{"0":11000,"2":290}}}}]}' > "$seeds/fuzz_zpayload/z"
  fi
  # From the tests' data: the head of each live-timing topic (after its name line), of each
  # CSV, and the F1 game's real packets as they are.
  if [ -d "$shared/f1" ]; then
    for stream in "$shared"/f1/livetiming_*/*.jsonStream; do
      mkdir -p "$seeds/fuzz_livetiming"
      topic=$(basename "$stream" .jsonStream)
      { printf '%s\n' "$topic"; head -c 3000 "$stream"; } > "$seeds/fuzz_livetiming/$topic"
    done
    for csv in "$shared"/f1/openf1_*/*.csv "$shared"/f1/openf1_*/location/location_driver_1.csv; do
      mkdir -p "$seeds/fuzz_openf1_csv"; head -c 3000 "$csv" > "$seeds/fuzz_openf1_csv/$(basename "$csv")"
    done
  fi
  if [ -d "$shared/nab" ]; then
    for csv in "$shared"/nab/*.csv; do head -n 40 "$csv" > "$seeds/fuzz_series_csv/$(basename "$csv")"; done
  fi
  game_packets=$shared/f1/game_udp/packets
  report=$fuzz_build/fuzz-report.txt
  : > "$report"
  status=0
  # Allocation stack traces are most of ASan's cost in these targets (3x fewer executions);
  # a finding's own stack is still reported. Temporary files (the live-timing target writes
  # one per input) go to memory when it can.
  export ASAN_OPTIONS=${ASAN_OPTIONS:-malloc_context_size=0}
  [ -w /dev/shm ] && export TMPDIR=${TMPDIR:-/dev/shm}
  shift || true
  only=" $* "
  # One after another: each gets the machine's cores it can use, for SECONDS.
  for target in "$fuzz_build"/fuzz/fuzz_*; do
    name=$(basename "$target")
    if [ "$only" != "  " ] && [[ "$only" != *" $name "* ]]; then continue; fi
    mkdir -p "$corpus/$name" "$seeds/$name"
    extra=()
    # PITWALL_FUZZ_RUNS=N: stop a target after N executions (SECONDS stays the cap).
    [ -n "${PITWALL_FUZZ_RUNS:-}" ] && extra+=("-runs=$PITWALL_FUZZ_RUNS")
    [ "$name" = fuzz_f1game ] && [ -d "$game_packets" ] && extra+=("$game_packets")
    echo "dev.sh fuzz: $name for $seconds s" >&2
    log=$fuzz_build/$name.log
    if (cd "$fuzz_build" && "$target" "$corpus/$name" "$seeds/$name" "${extra[@]}" -max_total_time="$seconds" \
          -max_len=65536 -rss_limit_mb=4096 -timeout=30 -print_final_stats=1 -artifact_prefix="$fuzz_build/crash-$name-") \
          > "$log" 2>&1; then
      result=ok
    else
      result="FAILED (see $log)"
      status=1
    fi
    runs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$log")
    echo "$name: ${runs:-0} executions in $seconds s, $result" | tee -a "$report"
  done
  echo "dev.sh fuzz: report in $report" >&2
  exit $status
fi
if [ "$command" = check ]; then
  # Builds of their own (build-asan-ubsan/, build-tsan/); the sanitizers' options, and the
  # suppressions for third-party libraries in packaging/sanitizers/, are in the test presets.
  cd "$top"
  jobs=$(nproc)
  status=0
  cmake --preset asan-ubsan
  cmake --build --preset asan-ubsan -j "$jobs"
  ctest --preset asan-ubsan -j "$jobs" || status=1
  cmake --preset tsan
  # Only what the threaded tests need: each of them, and the app some of them start.
  mapfile -t threaded < <(ctest --test-dir "$top/build-tsan" -L threaded -N | sed -n 's/^ *Test *#[0-9]*: //p')
  cmake --build --preset tsan -j "$jobs" --target pitwall "${threaded[@]}"
  ctest --preset tsan -j "$jobs" || status=1
  echo "dev.sh check: $([ $status -eq 0 ] && echo clean || echo 'findings or failures above')" >&2
  exit $status
fi
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
    echo "usage: dev.sh run|test|bench|deb|check|fuzz [SECONDS]" >&2
    exit 2
    ;;
esac

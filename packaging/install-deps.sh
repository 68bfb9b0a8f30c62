#!/usr/bin/env bash
# Installs every Debian 12 package Pit Wall needs to build, run, test and package.
# Idempotent and non-interactive; run as root (or through sudo).
set -euo pipefail

packages=(
  # toolchain
  build-essential cmake ninja-build pkg-config dpkg-dev file
  # the CMake presets' compiler launcher (CMakePresets.json, dev.sh check)
  ccache
  # Qt 6: Widgets, Network, Sql (SQLite driver), Charts, WebSockets, Svg, Test, linguist tools
  qt6-base-dev qt6-charts-dev qt6-websockets-dev qt6-svg-dev qt6-httpserver-dev
  qt6-tools-dev qt6-tools-dev-tools qt6-l10n-tools
  libqt6sql6-sqlite libqt6opengl6-dev qt6-qpa-plugins libgl-dev fonts-dejavu-core
  # Kafka: librdkafka (client + embedded mock broker) and kcat for interop tests
  librdkafka-dev kcat
  # fast, validating JSON parsing of the 10 Hz telemetry (and every other message)
  libsimdjson-dev
  # raw DEFLATE of the F1 live-timing archive's compressed topics
  zlib1g-dev
  # real races handed over as a zip of a session folder
  libzip-dev
  # the local vector index (hnswlib, header-only) and the MongoDB Atlas vector store (libmongoc)
  libhnswlib-dev libmongoc-dev libbson-dev
  # cloud mode: Avro for the Schema Registry wire format (avro-c), secrets in the OS
  # keychain (QtKeychain), the demo's YAML configuration files (yaml-cpp)
  libavro-dev qtkeychain-qt6-dev libyaml-cpp-dev
  # running the GUI without a display, and validating the package metadata
  xvfb xauth appstream desktop-file-utils
  # the README's screenshot, reduced to a small palette PNG (packaging/tools/refresh-screenshot.sh)
  pngquant
  # tests only: statsmodels is the reference the ARIMA implementation is checked against;
  # headless Chromium loads the live-feed overlay page during a race; a real Secret
  # Service (GNOME Keyring on a private D-Bus session) holds the keychain test's secrets
  python3 python3-statsmodels chromium gnome-keyring libsecret-1-0 dbus
  # dev.sh fuzz only: clang with libFuzzer and the sanitizers' runtimes
  clang libclang-rt-dev
)

if [ "$(id -u)" -ne 0 ]; then
  if command -v sudo >/dev/null 2>&1; then exec sudo -E bash "$0" "$@"; fi
  echo "install-deps.sh: run as root (apt-get needs it)" >&2
  exit 1
fi

missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if [ ${#missing[@]} -eq 0 ]; then
  echo "install-deps.sh: all ${#packages[@]} packages already installed"
  exit 0
fi
echo "install-deps.sh: installing ${missing[*]}"
export DEBIAN_FRONTEND=noninteractive
apt-get update -q
apt-get install -y -q --no-install-recommends "${missing[@]}"

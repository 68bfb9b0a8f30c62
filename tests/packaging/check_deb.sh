#!/usr/bin/env bash
# Builds the Debian package with CPack and checks it as a user's apt would see it:
# file name, contents, dependencies, desktop file, AppStream metainfo, and that the
# packaged binary runs. Usage: check_deb.sh BUILD_DIR VERSION
set -euo pipefail
build_dir=$1
version=$2
out=$build_dir/package
rm -rf "$out"
mkdir -p "$out"

fail() { echo "FAIL: $*" >&2; exit 1; }

(cd "$build_dir" && cpack -G DEB -B "$out" > "$out/cpack.log" 2>&1) || { cat "$out/cpack.log"; fail "cpack failed"; }
arch=$(dpkg --print-architecture)
deb=$out/pitwall_${version}_${arch}.deb
[ -f "$deb" ] || { ls "$out"; fail "expected $deb"; }
echo "built $(basename "$deb") ($(du -k "$deb" | cut -f1) KiB)"

contents=$(dpkg-deb -c "$deb" | awk '{print $6}')
for path in ./usr/bin/pitwall \
            ./usr/share/applications/app.pitwall.PitWall.desktop \
            ./usr/share/metainfo/app.pitwall.PitWall.metainfo.xml \
            ./usr/share/icons/hicolor/scalable/apps/app.pitwall.PitWall.svg \
            ./usr/share/icons/hicolor/48x48/apps/app.pitwall.PitWall.png \
            ./usr/share/icons/hicolor/256x256/apps/app.pitwall.PitWall.png \
            ./usr/share/doc/pitwall/copyright \
            ./usr/share/doc/pitwall/THIRD-PARTY-NOTICES; do
  grep -qx "$path" <<<"$contents" || fail "package lacks $path"
done

depends=$(dpkg-deb -f "$deb" Depends)
echo "Depends: $depends"
for lib in libqt6widgets6 libqt6core6 librdkafka1 qt6-qpa-plugins libqt6sql6-sqlite libc6; do
  grep -q "$lib" <<<"$depends" || fail "Depends lacks $lib (shlibdeps not run?)"
done
[ "$(dpkg-deb -f "$deb" Package)" = pitwall ] || fail "package name"
[ "$(dpkg-deb -f "$deb" Version)" = "$version" ] || fail "package version"

root=$out/root
dpkg-deb -x "$deb" "$root"
desktop-file-validate "$root/usr/share/applications/app.pitwall.PitWall.desktop" || fail "desktop file"
appstreamcli validate --no-net --pedantic "$root/usr/share/metainfo/app.pitwall.PitWall.metainfo.xml" || fail "metainfo"
file "$root/usr/share/icons/hicolor/48x48/apps/app.pitwall.PitWall.png" | grep -q "48 x 48" || fail "48px icon size"
# The licence as Debian reads it: a DEP-5 copyright file naming Apache-2.0 (SPDX).
copyright=$root/usr/share/doc/pitwall/copyright
head -n 1 "$copyright" | grep -qx "Format: https://www.debian.org/doc/packaging-manuals/copyright-format/1.0/" || fail "copyright is not DEP-5"
grep -qx "License: Apache-2.0" "$copyright" || fail "copyright does not name Apache-2.0"
grep -q "<project_license>Apache-2.0</project_license>" "$root/usr/share/metainfo/app.pitwall.PitWall.metainfo.xml" || fail "metainfo licence"

got=$("$root/usr/bin/pitwall" --version)
grep -q "$version" <<<"$got" || fail "packaged pitwall --version printed '$got'"
echo "packaged binary: $got"

# apt resolves the dependencies (simulation only; .ci/run installs it for real).
if [ "$(id -u)" -eq 0 ]; then
  apt-get install -s "$deb" > "$out/apt-simulate.log" 2>&1 || { cat "$out/apt-simulate.log"; fail "apt cannot install the package"; }
fi
echo "package OK"

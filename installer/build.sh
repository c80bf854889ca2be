#!/usr/bin/env bash
# Builds Diagonal's installers from target/diagonal.jar + target/lib/ (made by `mvn package` first):
# a trimmed Java runtime (jdeps + jlink), a jpackage app-image with the sample project and assets/,
# then the platform's package: .deb on Linux, .dmg on macOS, .msi on Windows (Git Bash; needs WiX 3).
# `mvn -B -Pinstaller package` runs this after packaging. Output: target/installer/.
#
#   installer/build.sh [--version X.Y.Z] [--native-version V] [--image-only]
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"

version="$(sed -n 's:^  <version>\(.*\)</version>:\1:p' pom.xml | head -1)"
native_version="$(sed -n 's:.*<pytorch.native.version>\(.*\)</pytorch.native.version>.*:\1:p' pom.xml | head -1)"
image_only=false
while [ $# -gt 0 ]; do
  case "$1" in
    --version) version="$2"; shift 2 ;;
    --native-version) native_version="$2"; shift 2 ;;
    --image-only) image_only=true; shift ;;
    *) echo "build.sh: unknown option $1" >&2; exit 2 ;;
  esac
done
app_version="${version%%-*}" # jpackage wants digits and dots: 0.1.0-SNAPSHOT -> 0.1.0

case "$(uname -s)" in
  Linux) os=linux; name=diagonal; package_type=deb ;;
  Darwin) os=macos; name=Diagonal; package_type=dmg ;;
  MINGW*|MSYS*|CYGWIN*) os=windows; name=Diagonal; package_type=msi ;;
  *) echo "build.sh: unsupported system $(uname -s)" >&2; exit 1 ;;
esac

for tool in jdeps jlink jpackage; do
  command -v "$tool" >/dev/null || { echo "build.sh: $tool not found (needs a full JDK 17)" >&2; exit 1; }
done
[ -f target/diagonal.jar ] && [ -d target/lib ] || { echo "build.sh: run mvn -DskipTests package first" >&2; exit 1; }

out=target/installer
work="$out/work"
rm -rf "$out"
mkdir -p "$work/input/lib"

# 1. Input: the thin jar and its libraries (jpackage puts every jar under --input on the class path),
#    assets/ (tokenizer, icons, starter model) and the sample project without runs.
cp target/diagonal.jar "$work/input/"
cp target/lib/*.jar "$work/input/lib/"
cp -R assets "$work/input/assets"
mkdir -p "$work/input/sample-projects"
for project in sample-projects/*/; do
  project="${project%/}"
  mkdir -p "$work/input/$project"
  (cd "$project" && tar cf - --exclude=./runs .) | (cd "$work/input/$project" && tar xf -)
done
if [ "$os" = linux ]; then
  cp -R installer/linux/share "$work/input/share" # the .desktop entry and MIME type that postinst registers
else
  # pom.xml pins DJL's Linux PyTorch build; other systems need theirs to run offline
  case "$os" in
    macos) classifier="osx-$( [ "$(uname -m)" = arm64 ] && echo aarch64 || echo x86_64 )" ;;
    windows) classifier=win-x86_64 ;;
  esac
  rm -f "$work/input/lib"/pytorch-native-cpu-*.jar
  mvn -B -q dependency:copy -Dartifact="ai.djl.pytorch:pytorch-native-cpu:$native_version:jar:$classifier" \
      -DoutputDirectory="$work/input/lib"
fi

# 2. Runtime: the JDK modules the jars use (one jdeps run; a modular jar is given as plain classes,
#    so that its optional module requirements do not stop jdeps), plus modules only found at run time.
mkdir -p "$work/jdeps"
analysed=()
for jar in "$work"/input/diagonal.jar "$work"/input/lib/*.jar; do
  if jar tf "$jar" | grep -q 'module-info\.class$'; then
    classes="$work/jdeps/$(basename "$jar" .jar)"
    mkdir -p "$classes"
    (cd "$classes" && jar xf "$root/$jar" && find . -name module-info.class -delete)
    analysed+=("$classes")
  else
    analysed+=("$jar")
  fi
done
found="$(jdeps --ignore-missing-deps --multi-release 17 --print-module-deps "${analysed[@]}" | tail -1)"
# zip file systems, TLS (certificates), legacy charsets for CSV files, locale data
modules="$(tr ',' '\n' <<<"$found,jdk.zipfs,jdk.crypto.ec,jdk.charsets,jdk.localedata" | sort -u | paste -sd, -)"
echo "build.sh: runtime modules: $modules"
jlink --add-modules "$modules" --strip-debug --no-header-files --no-man-pages --compress=2 \
      --output "$work/runtime"

# 3. The app-image, then the package made from it.
jpackage --type app-image --dest "$out" --name "$name" --app-version "$app_version" \
         --input "$work/input" --runtime-image "$work/runtime" \
         @installer/jpackage/image.args "@installer/jpackage/$os-image.args"
echo "build.sh: app-image $out/$name ($(du -sh "$out/$name" | cut -f1))"
if [ "$image_only" = false ]; then
  # the content is mostly jars (already compressed): gzip packs it nearly as small as dpkg's default xz,
  # many times faster, and every dpkg reads it
  export DPKG_DEB_COMPRESSOR_TYPE="${DPKG_DEB_COMPRESSOR_TYPE:-gzip}"
  jpackage --type "$package_type" --dest "$out" --name "$name" --app-version "$app_version" \
           --app-image "$out/$name" \
           @installer/jpackage/package.args "@installer/jpackage/$os-package.args"
  for package in "$out"/*."$package_type"; do
    echo "build.sh: $package_type $package ($(du -h "$package" | cut -f1))"
  done
fi
rm -rf "$work"

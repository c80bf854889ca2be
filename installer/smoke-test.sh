#!/usr/bin/env bash
# Smoke test of the installers (run by .ci/run after `mvn -B verify`; needs root for apt-get and unshare):
#  1. mvn -B -Pinstaller -DskipTests package: the app-image and the .deb in target/installer/;
#  2. the app-image's launcher renders the workbench to a PNG under Xvfb (--snapshot), with a fresh home
#     folder, no network, and a `java` on PATH that fails if called (the bundled runtime must be used);
#     then runs the PyTorch engine offline (embed with a tiny test checkpoint), extracting DJL's natives
#     into the fresh home;
#  3. apt-get install ./target/installer/diagonal_*.deb, the same snapshot with /opt/diagonal/bin/diagonal
#     and /usr/bin/diagonal, checks of the file association; then apt-get remove leaves the machine clean.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
root="$(pwd)"

say() { echo "smoke-test: $*"; }
fail() { echo "smoke-test: FAILED: $*" >&2; exit 1; }

# --- tools: a full JDK 17 (jlink needs the jmods), fakeroot for the .deb, Xvfb
java_home="$(dirname "$(dirname "$(readlink -f "$(command -v java)")")")"
need=()
[ -f "$java_home/jmods/java.base.jmod" ] && command -v jlink >/dev/null || need+=(openjdk-17-jdk-headless)
for pkg in fakeroot xvfb xauth libgtk-3-0; do dpkg -s "$pkg" >/dev/null 2>&1 || need+=("$pkg"); done
if [ ${#need[@]} -gt 0 ]; then
  say "installing ${need[*]}"
  apt-get update -q
  DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends "${need[@]}"
fi

# --- 1. build
start=$(date +%s)
mvn -B -q -Pinstaller -DskipTests package
image=target/installer/diagonal
deb="$(ls target/installer/diagonal_*.deb)"
[ -x "$image/bin/diagonal" ] || fail "no launcher at $image/bin/diagonal"
say "built in $(( $(date +%s) - start )) s: app-image $(du -sh "$image" | cut -f1), $(basename "$deb") $(du -h "$deb" | cut -f1)"

# --- a fresh user: home folder, no network when possible, a `java` on PATH that must not be used
work="$(mktemp -d)"
installed=false
cleanup() {
  if [ "$installed" = true ]; then apt-get remove -y -q diagonal >/dev/null 2>&1 || true; fi
  rm -rf "$work"
}
trap cleanup EXIT
mkdir -p "$work/bin"
printf '#!/bin/sh\necho "java on PATH was called: the bundled runtime was not used" >&2\nexit 99\n' > "$work/bin/java"
chmod +x "$work/bin/java"
offline=()
if unshare -n true 2>/dev/null; then offline=(unshare -n); else say "unshare -n not permitted: running with the network"; fi

# as_new_user HOME COMMAND...: the JVM's user.home comes from the password database, not $HOME
as_new_user() {
  local home="$1"; shift
  mkdir -p "$home"
  env -i PATH="$work/bin:/usr/bin:/bin" HOME="$home" LANG=C.UTF-8 JAVA_TOOL_OPTIONS="-Duser.home=$home" \
    "${offline[@]}" "$@"
}

snapshot() { # LAUNCHER HOME: the workbench to a PNG, exit 0, a PNG file, the sample project copied per user
  local launcher="$1" home="$2" png="$2/snapshot.png" code=0
  as_new_user "$home" xvfb-run -a -s "-screen 0 1280x1024x24" "$launcher" --snapshot "$png" || code=$?
  [ "$code" -eq 0 ] || fail "$launcher --snapshot exited $code"
  [ "$(head -c 8 "$png" | od -An -tx1 | tr -d ' \n')" = 89504e470d0a1a0a ] || fail "$png is not a PNG"
  [ -f "$home/.diagonal/sample-projects/emoji-styles/diagonal-project.json" ] \
    || fail "the sample project was not copied to $home/.diagonal/sample-projects"
  say "$launcher --snapshot: exit 0, $(stat -c %s "$png")-byte PNG, sample project copied to ~/.diagonal"
}

# --- 2. the app-image
snapshot "$root/$image/bin/diagonal" "$work/home-image"
[ ! -e "$image/lib/app/sample-projects/emoji-styles/runs" ] || fail "the app wrote runs into the app-image"
model="$work/tiny-model"
mkdir -p "$model"
cp src/test/resources/fixtures/clip/tiny-quickgelu-f16/* assets/tokenizer/clip/* "$model/"
as_new_user "$work/home-image" "$root/$image/bin/diagonal" embed --model "$model" \
  --image sample-projects/emoji-styles/images/google/0023-fe0f-20e3.png --text "a keycap" --out "$work/embed.json" \
  2> >(grep -v '^Picked up JAVA_TOOL_OPTIONS' >&2) || fail "embed with the app-image failed"
grep -q '"image_embeds"' "$work/embed.json" || fail "embed wrote no image_embeds"
[ -d "$work/home-image/.djl.ai" ] || fail "DJL's natives were not extracted into the fresh home"
say "app-image embed (PyTorch engine, natives from the bundle$([ ${#offline[@]} -gt 0 ] && echo ', no network')): ok"

# --- 3. the .deb
DEBIAN_FRONTEND=noninteractive apt-get install -y -q "./$deb" >/dev/null
installed=true
[ -x /opt/diagonal/bin/diagonal ] || fail "no /opt/diagonal/bin/diagonal after install"
[ "$(readlink /usr/bin/diagonal)" = /opt/diagonal/bin/diagonal ] || fail "/usr/bin/diagonal is not linked"
dpkg -s diagonal | grep -q '^Depends:.*libgtk-3-0' || fail "the package does not depend on libgtk-3-0"
grep -q 'diagonal-project.json' /usr/share/mime/globs2 || fail "diagonal-project.json is not in the MIME database"
grep -q 'MimeType=application/x-diagonal-project;' /usr/share/applications/diagonal.desktop || fail "no menu entry"
snapshot /opt/diagonal/bin/diagonal "$work/home-deb"
snapshot /usr/bin/diagonal "$work/home-deb2"
[ ! -e /opt/diagonal/lib/app/sample-projects/emoji-styles/runs ] || fail "the app wrote into /opt/diagonal"
say "installed size $(du -sh /opt/diagonal | cut -f1) in /opt/diagonal"
DEBIAN_FRONTEND=noninteractive apt-get remove -y -q diagonal >/dev/null
installed=false
[ ! -e /opt/diagonal ] && [ ! -e /usr/bin/diagonal ] && [ ! -e /usr/share/applications/diagonal.desktop ] \
  && [ ! -e /usr/share/mime/packages/diagonal-project.xml ] || fail "apt-get remove left files behind"
say "passed in $(( $(date +%s) - start )) s"

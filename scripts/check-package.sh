#!/usr/bin/env bash
# The packaging check: builds the Electron bundles, packs the Linux unpacked
# app with electron-builder against a stub Electron dist (no Electron binary
# can be installed here; the stub only stands in for the executable), and
# checks what would be shipped (scripts/check-package.ts). ~10 s.
#
#   bash scripts/check-package.sh
set -euo pipefail
cd "$(dirname "$0")/.."

electron_version=$(node -p "require('electron/package.json').version")
stub=$(mktemp -d)
trap 'rm -rf "$stub"' EXIT
printf '#!/bin/sh\necho "stub Electron: the packaging check has no real binary" >&2\nexit 1\n' >"$stub/electron"
chmod +x "$stub/electron"
echo "$electron_version" >"$stub/version"

npx electron-vite build
rm -rf dist/linux-unpacked
# npmRebuild=false: rebuilding keytar for Electron needs Electron's headers from the internet (and Node >= 22.12
# for @electron/rebuild 4); real installer builds leave it on.
# electronFuses=null: flipping fuses needs the real binary's fuse wire, which the stub has not; the release build flips
# them (electron-builder.yml; the Electron-only e2e/electron/fuses.spec.ts reads them back). electron-builder takes a
# null only from a config file, not from -c.electronFuses=null, so the stub build's whole configuration is written here.
STUB_DIST="$stub" ELECTRON_VERSION="$electron_version" node -e '
  const { load } = require("js-yaml");
  const release = load(require("node:fs").readFileSync("electron-builder.yml", "utf8"));
  const stubBuild = { electronDist: process.env.STUB_DIST, electronVersion: process.env.ELECTRON_VERSION, npmRebuild: false,
    afterPack: "scripts/package-desktop-entry.cjs", electronFuses: null };
  process.stdout.write(JSON.stringify({ ...release, ...stubBuild }));
' >"$stub/electron-builder.json"
npx electron-builder --linux dir --publish never --config "$stub/electron-builder.json"
node --import tsx scripts/check-package.ts dist/linux-unpacked

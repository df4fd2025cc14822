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
npx electron-builder --linux dir --publish never \
  -c.electronDist="$stub" -c.electronVersion="$electron_version" -c.npmRebuild=false \
  -c.afterPack=scripts/package-desktop-entry.cjs
node --import tsx scripts/check-package.ts dist/linux-unpacked

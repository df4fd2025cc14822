#!/usr/bin/env bash
# Every check of the project, in order: type-checks, format, lint, boundaries, unit tests, renderer
# build, end-to-end tests in Chromium. Keeps going after a failure so one run
# shows everything, and prints `N passed, N failed` as its last line
# (scripts/test-summary.ts). Exits non-zero if anything failed.
set -uo pipefail
cd "$(dirname "$0")/.."

results=test-results
rm -rf "$results"
mkdir -p "$results"
steps="$results/steps.txt"
: >"$steps"

# step <name> <command…>: runs it and records its exit code.
step() {
  local name=$1
  shift
  echo "=== $name: $*"
  "$@"
  local code=$?
  echo "$name $code" >>"$steps"
  return "$code"
}

step typecheck npx tsc -p tsconfig.json --noEmit
step typecheck-app npx tsc -p app/tsconfig.json --noEmit
step format npx prettier --check --log-level warn .
step lint npx eslint .
step boundaries npx tsx scripts/boundaries.ts
# The credential-store test uses real keytar against a real Secret Service: run the unit tests inside a
# private D-Bus session with an unlocked, throw-away gnome-keyring when the machine has them (.ci/run installs them).
if command -v dbus-run-session >/dev/null && command -v gnome-keyring-daemon >/dev/null; then
  keyring_home=$(mktemp -d)
  # XDG_DATA_HOME: a fresh keyring each run, never the user's own (whose password we do not know).
  step unit dbus-run-session -- sh -c 'echo -n ci-keyring | XDG_DATA_HOME="$0" gnome-keyring-daemon --unlock --components=secrets >/dev/null &&
    ATTENDANT_EXPECT_KEYRING=1 exec "$@"' "$keyring_home" npx vitest run --reporter=default --reporter=json --outputFile="$results/unit.json"
  rm -rf "$keyring_home"
else
  echo "note: no dbus-run-session/gnome-keyring: the real-keychain test is skipped"
  step unit npx vitest run --reporter=default --reporter=json --outputFile="$results/unit.json"
fi
# ~10 s: the Linux unpacked app against a stub Electron, and what it contains.
step package-check bash scripts/check-package.sh
# The e2e tests need the built renderer; without it they cannot say anything.
if step build-renderer npm run build:renderer; then
  step e2e npx playwright test
fi

node --import tsx scripts/test-summary.ts "$results"

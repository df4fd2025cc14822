#!/usr/bin/env bash
# Every check of the project, in order: type-checks, unit tests, renderer
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
step unit npx vitest run --reporter=default --reporter=json --outputFile="$results/unit.json"
# The e2e tests need the built renderer; without it they cannot say anything.
if step build-renderer npm run build:renderer; then
  step e2e npx playwright test
fi

node --import tsx scripts/test-summary.ts "$results"

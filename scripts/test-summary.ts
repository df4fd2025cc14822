/**
 * Folds the results of scripts/test-all.sh into one line, `N passed, N failed`:
 * each check step (type-check, build) counts as one, each unit and e2e test
 * as one. A runner that failed without reporting a failed test (a file that
 * does not load, a crash, a missing report) counts as one failure, so a
 * broken run can never print "0 failed".
 *
 *   tsx scripts/test-summary.ts test-results   # reads steps.txt, unit.json, e2e.json
 */
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';

/** One line of steps.txt: the step's name and its exit code. */
export interface StepResult {
  name: string;
  exitCode: number;
}

export interface VitestReport {
  numPassedTests: number;
  numFailedTests: number;
}

export interface PlaywrightReport {
  stats: { expected: number; unexpected: number; flaky: number };
}

export interface Tally {
  passed: number;
  failed: number;
}

/** Steps whose result is a report of many tests rather than one pass/fail. */
export const REPORTING_STEPS = { unit: 'unit', e2e: 'e2e' } as const;

export function tally(steps: readonly StepResult[], unit: VitestReport | undefined, e2e: PlaywrightReport | undefined): Tally {
  let passed = 0;
  let failed = 0;
  for (const step of steps) {
    let reportedPassed: number;
    let reportedFailed = 0;
    if (step.name === REPORTING_STEPS.unit && unit) {
      reportedPassed = unit.numPassedTests;
      reportedFailed = unit.numFailedTests;
    } else if (step.name === REPORTING_STEPS.e2e && e2e) {
      reportedPassed = e2e.stats.expected;
      // With retries a flaky test passed only on a retry: not a pass.
      reportedFailed = e2e.stats.unexpected + e2e.stats.flaky;
    } else {
      reportedPassed = step.exitCode === 0 ? 1 : 0;
    }
    passed += reportedPassed;
    failed += reportedFailed;
    if (step.exitCode !== 0 && reportedFailed === 0) failed += 1;
  }
  return { passed, failed };
}

export function parseSteps(text: string): StepResult[] {
  return text
    .split('\n')
    .map((line) => line.trim())
    .filter(Boolean)
    .map((line) => {
      const [name, code] = line.split(/\s+/);
      return { name, exitCode: Number(code) };
    });
}

function readJson<T>(file: string): T | undefined {
  if (!existsSync(file)) return undefined;
  try {
    return JSON.parse(readFileSync(file, 'utf8')) as T;
  } catch {
    return undefined;
  }
}

function main(resultsDir: string): void {
  const steps = parseSteps(readFileSync(path.join(resultsDir, 'steps.txt'), 'utf8'));
  const unit = readJson<VitestReport>(path.join(resultsDir, 'unit.json'));
  const e2e = readJson<PlaywrightReport>(path.join(resultsDir, 'e2e.json'));
  for (const step of steps) {
    if (step.exitCode !== 0) process.stdout.write(`FAILED: ${step.name} (exit code ${step.exitCode})\n`);
  }
  const { passed, failed } = tally(steps, unit, e2e);
  process.stdout.write(`${passed} passed, ${failed} failed\n`);
  process.exitCode = failed > 0 ? 1 : 0;
}

if (process.argv[1] && path.resolve(process.argv[1]) === path.resolve(__filename)) {
  main(process.argv[2] ?? 'test-results');
}

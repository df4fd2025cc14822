import { describe, expect, it } from 'vitest';
import { parseSteps, tally } from './test-summary';

const ok = (name: string) => ({ name, exitCode: 0 });
const failed = (name: string, exitCode = 1) => ({ name, exitCode });

describe('test summary', () => {
  it('adds checks and tests of every runner', () => {
    const steps = [ok('typecheck'), ok('typecheck-app'), ok('unit'), ok('build-renderer'), ok('e2e')];
    expect(tally(steps, { numPassedTests: 120, numFailedTests: 0 }, { stats: { expected: 6, unexpected: 0, flaky: 0 } })).toEqual({
      passed: 129,
      failed: 0,
    });
  });

  it('counts a type-check failure as one failure', () => {
    const steps = [failed('typecheck', 2), ok('typecheck-app'), ok('unit')];
    expect(tally(steps, { numPassedTests: 10, numFailedTests: 0 }, undefined)).toEqual({ passed: 11, failed: 1 });
  });

  it('counts failed tests one by one', () => {
    const steps = [ok('typecheck'), failed('unit'), ok('build-renderer'), failed('e2e')];
    expect(tally(steps, { numPassedTests: 8, numFailedTests: 2 }, { stats: { expected: 3, unexpected: 1, flaky: 1 } })).toEqual({
      passed: 13,
      failed: 4,
    });
  });

  it('never reports 0 failed for a runner that failed without a failed test or without a report', () => {
    // A test file that does not even load: vitest exits 1 with no failed test.
    expect(tally([failed('unit')], { numPassedTests: 5, numFailedTests: 0 }, undefined)).toEqual({ passed: 5, failed: 1 });
    expect(tally([failed('unit'), failed('e2e')], undefined, undefined)).toEqual({ passed: 0, failed: 2 });
  });

  it('reads the steps file', () => {
    expect(parseSteps('typecheck 0\nunit 1\n\n')).toEqual([ok('typecheck'), failed('unit')]);
  });
});

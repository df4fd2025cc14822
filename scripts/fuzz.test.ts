/** A few thousand generated inputs per decoder on every test run (npm run fuzz does 100,000 each). */
import { describe, expect, it } from 'vitest';
import { fuzz } from './fuzz';
import { FUZZ_TARGETS, isForeign } from './fuzz-targets';

const RUNS = 2_000;

describe('every decoder refuses hostile input with its own error, never a foreign exception', () => {
  it.each(FUZZ_TARGETS.map((target) => [target.name, target] as const))(
    '%s',
    (_name, target) => {
      expect(target.seeds.length, 'seeded from the vendor documents').toBeGreaterThan(0);
      for (const seed of target.seeds) {
        let error: unknown;
        try {
          target.decode(seed);
        } catch (e) {
          error = e;
        }
        expect(error === undefined || !isForeign(error), `seed throws ${String(error)}`).toBe(true);
      }
      const report = fuzz(target, RUNS, 1);
      expect(report.examples).toEqual([]);
      expect(report.foreign).toBe(0);
      expect(report.tried).toBe(RUNS);
    },
    60_000,
  );
});

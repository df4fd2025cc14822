import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { AscendingValues, RangeMin } from './range-min';

describe('RangeMin and AscendingValues', () => {
  it('hand out the values of any slices in ascending order, each occurrence once', () => {
    fc.assert(
      fc.property(
        fc.array(fc.integer({ min: 0, max: 50 }), { minLength: 1, maxLength: 70 }),
        fc.array(fc.tuple(fc.nat(), fc.nat()), { maxLength: 3 }),
        (values, slices) => {
          const source = new RangeMin(Int32Array.from(values));
          const bounds = slices.map(([a, b]) => [a % (values.length + 1), b % (values.length + 1)].sort((x, y) => x - y));
          const out = new AscendingValues();
          for (const [lo = 0, hi = 0] of bounds) out.add(source, lo, hi);
          const got: number[] = [];
          for (let v = out.next(); v >= 0; v = out.next()) got.push(v);
          const expected = bounds.flatMap(([lo = 0, hi = 0]) => values.slice(lo, hi)).sort((a, b) => a - b);
          expect(got).toEqual(expected);
        },
      ),
    );
  });
});

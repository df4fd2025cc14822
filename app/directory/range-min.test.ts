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

describe('RangeMin over many blocks', () => {
  it('finds the minimum of any slice of a long array', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 0, max: 1000 }), { minLength: 1, maxLength: 400 }), fc.nat(), fc.nat(), (values, a, b) => {
        const source = new RangeMin(Int32Array.from(values));
        const [lo, hi] = [a % (values.length + 1), b % (values.length + 1)].sort((x, y) => x - y);
        const position = source.minPosition(lo ?? 0, hi ?? 0);
        if ((lo ?? 0) >= (hi ?? 0)) expect(position).toBe(-1);
        else expect(values[position]).toBe(Math.min(...values.slice(lo, hi)));
      }),
    );
  });
});

describe('AscendingValues reused across searches', () => {
  it('forgets every slice on reset and grows past its first slots', () => {
    const out = new AscendingValues();
    const source = new RangeMin(Int32Array.from({ length: 1000 }, (_, i) => 999 - i));
    out.add(source, 0, 10);
    expect(out.next()).toBe(990);
    out.reset();
    const other = new RangeMin(Int32Array.from([7, 3, 5]));
    out.add(other, 0, 3);
    expect([out.next(), out.next(), out.next(), out.next()]).toEqual([3, 5, 7, -1]);
    out.reset();
    // 600 one-value slices: more than the heap's first slots.
    for (let i = 0; i < 600; i++) out.addSorted(source, i, i + 1);
    const got: number[] = [];
    for (let v = out.next(); v >= 0; v = out.next()) got.push(v);
    expect(got).toEqual(Array.from({ length: 600 }, (_, i) => 400 + i));
  });
});

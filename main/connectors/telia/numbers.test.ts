import { describe, expect, it } from 'vitest';
import { fromTelia, TeliaNumberMemo } from './numbers';

describe('TeliaNumberMemo', () => {
  it('reads numbers as fromTelia does (international without +, national, short, not a number)', () => {
    const memo = new TeliaNumberMemo('EE', 8);
    for (const written of ['37262000001', '6403231', '+3726403231', '112', 'anonymous', '37262000001']) {
      expect(memo.read(written)).toBe(fromTelia(written, 'EE'));
    }
  });

  it('never holds more than its limit, however many different numbers a peer writes', () => {
    const memo = new TeliaNumberMemo('EE', 4);
    const sizes: number[] = [];
    for (let i = 0; i < 20; i++) {
      expect(memo.read(`3725${5_000_000 + i}`)).toBe(`+3725${5_000_000 + i}`);
      sizes.push(memo.size);
    }
    expect(Math.max(...sizes)).toBeLessThanOrEqual(4);
  });
});

import { describe, expect, it } from 'vitest';
import { Backoff } from './backoff';

describe('Backoff', () => {
  it('grows exponentially within [half, full] of the ceiling and caps', () => {
    const low = new Backoff({ initialMs: 500, maxMs: 4000, factor: 2 }, () => 0);
    expect([low.next(), low.next(), low.next(), low.next(), low.next()]).toEqual([250, 500, 1000, 2000, 2000]);
    const high = new Backoff({ initialMs: 500, maxMs: 4000, factor: 2 }, () => 1);
    expect([high.next(), high.next(), high.next(), high.next(), high.next()]).toEqual([500, 1000, 2000, 4000, 4000]);
  });
  it('starts over after reset', () => {
    const b = new Backoff({ initialMs: 100, maxMs: 1000, factor: 2 }, () => 1);
    b.next();
    b.next();
    b.reset();
    expect(b.next()).toBe(100);
  });
});

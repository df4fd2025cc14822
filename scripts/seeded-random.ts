/**
 * A seeded pseudo-random sequence for the benches' synthetic data: the same seed makes the same directory or
 * contacts file on every run and machine, so two runs (or two engines) measure the same input.
 */
export class SeededRandom {
  private state: number;

  constructor(private readonly seed: number) {
    this.state = seed;
  }

  /** Starts the sequence over. */
  reset(): void {
    this.state = this.seed;
  }

  /** The next number in [0, 1) (a 32-bit linear congruential generator: fast, and good enough for test data). */
  next(): number {
    this.state = (this.state * 1664525 + 1013904223) >>> 0;
    return this.state / 2 ** 32;
  }

  pick<T>(items: readonly T[]): T {
    const item = items[Math.floor(this.next() * items.length)];
    if (item === undefined) throw new RangeError('empty list');
    return item;
  }

  /** `count` random decimal digits. */
  digits(count: number): string {
    let text = '';
    for (let i = 0; i < count; i++) text += String(Math.floor(this.next() * 10));
    return text;
  }
}

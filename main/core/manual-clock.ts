import type { Clock } from './connector';

/** A clock tests move by hand: timers fire only inside advance(). */
export class ManualClock implements Clock {
  private current: number;
  private nextId = 1;
  private readonly timers = new Map<number, { at: number; fn: () => void }>();

  constructor(start = 1_700_000_000_000) {
    this.current = start;
  }

  now(): number {
    return this.current;
  }

  setTimeout(fn: () => void, ms: number): unknown {
    const id = this.nextId++;
    this.timers.set(id, { at: this.current + Math.max(0, ms), fn });
    return id;
  }

  clearTimeout(handle: unknown): void {
    this.timers.delete(handle as number);
  }

  /** Moves time forward, firing due timers in order (and timers they schedule). */
  async advance(ms: number): Promise<void> {
    const end = this.current + ms;
    for (;;) {
      let due: [number, { at: number; fn: () => void }] | undefined;
      for (const entry of this.timers) if (entry[1].at <= end && (!due || entry[1].at < due[1].at)) due = entry;
      if (!due) break;
      this.timers.delete(due[0]);
      this.current = Math.max(this.current, due[1].at);
      due[1].fn();
      // Let promise continuations scheduled by the timer run before the next one.
      await new Promise((resolve) => setImmediate(resolve));
    }
    this.current = end;
    await new Promise((resolve) => setImmediate(resolve));
  }

  get pendingTimers(): number {
    return this.timers.size;
  }
}

import type { Clock } from '../clock';
import { FIXTURE_NOW } from './fixtures';

interface Timer {
  at: number;
  fn: () => void;
}

/**
 * A Clock tests move by hand: time stands still and timers fire only inside
 * `advance`. It starts at FIXTURE_NOW, the "now" the fixtures are built
 * around, so a call that `call()` started 5 s ago has rung 5 s on this clock.
 */
export class ManualClock implements Clock {
  private current: number;
  private nextId = 1;
  private readonly timers = new Map<number, Timer>();

  constructor(start = FIXTURE_NOW) {
    this.current = start;
  }

  now = (): number => this.current;

  setTimeout = (fn: () => void, ms: number): unknown => {
    const id = this.nextId++;
    this.timers.set(id, { at: this.current + Math.max(0, ms), fn });
    return id;
  };

  clearTimeout = (handle: unknown): void => {
    if (typeof handle === 'number') this.timers.delete(handle);
  };

  /**
   * Moves time forward by `ms`, firing every timer that falls due on the way
   * in time order (those scheduled at the same moment in the order they were
   * set), timers they schedule included. After each timer, and once at the
   * end, the event loop turns once, so promise continuations and I/O the
   * timer started run before the next one fires.
   */
  async advance(ms: number): Promise<void> {
    const end = this.current + ms;
    for (;;) {
      const due = this.nextDue(end);
      if (!due) break;
      this.timers.delete(due[0]);
      this.current = Math.max(this.current, due[1].at);
      due[1].fn();
      await turn();
    }
    this.current = end;
    await turn();
  }

  /** Timers set and neither fired nor cleared. */
  get pendingTimers(): number {
    return this.timers.size;
  }

  private nextDue(end: number): [number, Timer] | undefined {
    let due: [number, Timer] | undefined;
    for (const entry of this.timers) if (entry[1].at <= end && (!due || entry[1].at < due[1].at)) due = entry;
    return due;
  }
}

/** One turn of the event loop: every queued microtask, then pending I/O callbacks. */
const turn = () => new Promise<void>((resolve) => setImmediate(resolve));

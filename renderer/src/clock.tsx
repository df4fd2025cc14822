/**
 * The time every duration on screen counts from: one ticker over a Clock,
 * shared by every component showing a running time. It is its own tiny
 * store so that only those components re-render each second, and it ticks
 * only while one of them is mounted. The Clock is the browser's unless a
 * <ClockProvider> gives another (the tests give a ManualClock, so what they
 * see never depends on how busy the machine is).
 */
import { createContext, useContext, useMemo, useSyncExternalStore, type ReactNode } from 'react';
import type { Clock } from '../../app/clock';

export const TICK_MS = 1000;

/** The browser's own clock. */
export const browserClock: Clock = {
  now: () => Date.now(),
  setTimeout: (fn, ms) => window.setTimeout(fn, ms),
  clearTimeout: (handle) => window.clearTimeout(handle as number),
};

/** "Now" refreshed every TICK_MS while anyone listens, counted from when the first one started listening. */
class Ticker {
  private readonly listeners = new Set<() => void>();
  private current: number;
  private ticking = false;
  private anchor = 0;
  private timer: unknown;

  constructor(private readonly clock: Clock) {
    this.current = clock.now();
  }

  readonly now = (): number => this.current;

  readonly subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    if (!this.ticking) {
      this.ticking = true;
      this.current = this.anchor = this.clock.now();
      this.schedule();
    }
    return () => {
      this.listeners.delete(listener);
      if (this.listeners.size === 0 && this.ticking) {
        this.ticking = false;
        this.clock.clearTimeout(this.timer);
      }
    };
  };

  private schedule(): void {
    // Aligned to the anchor, so a late timer does not push every later second back.
    const delay = TICK_MS - ((this.clock.now() - this.anchor) % TICK_MS);
    this.timer = this.clock.setTimeout(this.tick, delay);
  }

  private readonly tick = (): void => {
    this.current = this.clock.now();
    this.schedule();
    for (const listener of [...this.listeners]) listener();
  };
}

const ClockContext = createContext(new Ticker(browserClock));

/** Makes every duration below count on `clock` instead of the browser's. */
export function ClockProvider({ clock, children }: { clock: Clock; children: ReactNode }) {
  const ticker = useMemo(() => new Ticker(clock), [clock]);
  return <ClockContext value={ticker}>{children}</ClockContext>;
}

/**
 * Epoch ms, refreshed every second; rounded down to `stepMs` so a component
 * that only needs the minute (or the day) re-renders that often, not every tick.
 */
export function useNow(stepMs = TICK_MS): number {
  const ticker = useContext(ClockContext);
  return useSyncExternalStore(ticker.subscribe, () => Math.floor(ticker.now() / stepMs) * stepMs);
}

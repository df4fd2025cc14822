/**
 * Time as the console's code asks for it: read now, schedule, cancel. Every
 * layer takes a Clock instead of the global timers, so a test drives time by
 * hand (app/testing/manual-clock.ts). The real ones: main/core/clock.ts
 * (Node) and renderer/src/clock.ts (the browser).
 */
export interface Clock {
  /** Epoch milliseconds. */
  now: () => number;
  /** Calls `fn` once after `ms`; the handle is only for clearTimeout. */
  setTimeout: (fn: () => void, ms: number) => unknown;
  clearTimeout: (handle: unknown) => void;
}

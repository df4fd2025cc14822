/**
 * A one-second clock shared by every duration on screen. It is its own tiny
 * store so that only the components showing a running time re-render each
 * second, and it ticks only while one of them is mounted.
 */
import { useSyncExternalStore } from 'react';

export const TICK_MS = 1000;

const listeners = new Set<() => void>();
let now = Date.now();
let timer: ReturnType<typeof setInterval> | null = null;

function tick() {
  now = Date.now();
  for (const listener of [...listeners]) listener();
}

function subscribe(listener: () => void): () => void {
  listeners.add(listener);
  if (timer === null) {
    now = Date.now();
    timer = setInterval(tick, TICK_MS);
  }
  return () => {
    listeners.delete(listener);
    if (listeners.size === 0 && timer !== null) {
      clearInterval(timer);
      timer = null;
    }
  };
}

/**
 * Epoch ms, refreshed every second; rounded down to `stepMs` so a component
 * that only needs the minute (or the day) re-renders that often, not every tick.
 */
export function useNow(stepMs = TICK_MS): number {
  return useSyncExternalStore(subscribe, () => Math.floor(now / stepMs) * stepMs);
}

import { describe, expect, it, vi } from 'vitest';
import { LINK_STATES } from '../../app/model';
import { ManualClock } from '../../app/testing/manual-clock';
import { assertMove, canMove, IllegalLinkMove } from './link-state';
import { PeriodicTask } from './periodic-task';
import { SessionGuard } from './session-guard';

describe('link states', () => {
  it('allow exactly the moves of the diagram', () => {
    const allowed = LINK_STATES.flatMap((from) => LINK_STATES.filter((to) => canMove(from, to)).map((to) => `${from}→${to}`));
    expect(allowed.sort()).toEqual(
      [
        'stopped→connecting',
        'connecting→connecting',
        'connecting→online',
        'connecting→pbx-link-down',
        'connecting→offline',
        'connecting→stopped',
        'online→connecting',
        'online→pbx-link-down',
        'online→offline',
        'online→stopped',
        'pbx-link-down→connecting',
        'pbx-link-down→online',
        'pbx-link-down→offline',
        'pbx-link-down→stopped',
        'offline→connecting',
        'offline→stopped',
      ].sort(),
    );
  });

  it('refuse a move the diagram does not have', () => {
    expect(() => assertMove('offline', 'online')).toThrow(IllegalLinkMove);
    expect(() => assertMove('stopped', 'online')).toThrow(/cannot go from stopped to online/);
  });
});

describe('SessionGuard', () => {
  it('makes every earlier session stale when a new one begins or the current one ends', () => {
    const guard = new SessionGuard();
    const first = guard.begin();
    expect(first.current()).toBe(true);
    const second = guard.begin();
    expect(first.current()).toBe(false);
    expect(second.current()).toBe(true);
    guard.end();
    expect(second.current()).toBe(false);
  });
});

describe('PeriodicTask', () => {
  it('runs every interval, never two runs at once, and not after stop', async () => {
    const clock = new ManualClock();
    let release: () => void = () => {};
    const run = vi.fn(() => new Promise<void>((resolve) => (release = resolve)));
    const task = new PeriodicTask(clock, 1000, run);
    task.start();
    await clock.advance(999);
    expect(run).toHaveBeenCalledTimes(0);
    await clock.advance(1);
    expect(run).toHaveBeenCalledTimes(1);
    // The next period starts when the slow run has finished.
    await clock.advance(5000);
    expect(run).toHaveBeenCalledTimes(1);
    release();
    await clock.advance(0);
    await clock.advance(1000);
    expect(run).toHaveBeenCalledTimes(2);
    release();
    task.stop();
    await clock.advance(10_000);
    expect(run).toHaveBeenCalledTimes(2);
    expect(clock.pendingTimers).toBe(0);
  });

  it('keeps its period after a run that failed, and runNow restarts the period', async () => {
    const clock = new ManualClock();
    const run = vi.fn(() => Promise.reject(new Error('keepalive failed')));
    const task = new PeriodicTask(clock, 1000, run);
    task.start();
    await clock.advance(1000);
    await clock.advance(1000);
    expect(run).toHaveBeenCalledTimes(2);
    await clock.advance(500);
    await task.runNow();
    expect(run).toHaveBeenCalledTimes(3);
    await clock.advance(999);
    expect(run).toHaveBeenCalledTimes(3);
    await clock.advance(1);
    expect(run).toHaveBeenCalledTimes(4);
    task.stop();
  });
});

import { describe, expect, it, vi } from 'vitest';
import { english } from './errors';
import { errorMessage } from './errors';
import { RequestScheduler, SupersededError } from './request-scheduler';

/** A task that ends when the test says so, and records whether it was told to stop. */
function controllable<T>() {
  let finish: (value: T) => void = () => {};
  let fail: (error: unknown) => void = () => {};
  const state = { started: false, aborted: false };
  const task = (signal: AbortSignal) =>
    new Promise<T>((resolve, reject) => {
      state.started = true;
      signal.addEventListener('abort', () => (state.aborted = true));
      finish = resolve;
      fail = reject;
    });
  return { task, state, finish: (value: T) => finish(value), fail: (error: unknown) => fail(error) };
}

const tick = () => new Promise((resolve) => setImmediate(resolve));

describe('RequestScheduler', () => {
  it('runs at most maxInFlight at once and starts the next when one ends', async () => {
    const scheduler = new RequestScheduler({ maxInFlight: 2, maxQueued: 10 });
    const tasks = [controllable<number>(), controllable<number>(), controllable<number>()];
    const results = tasks.map((t) => scheduler.schedule({ kind: 'search' }, t.task));
    expect(tasks.map((t) => t.state.started)).toEqual([true, true, false]);
    expect(scheduler.load).toEqual({ running: 2, queued: 1, peakRunning: 2 });
    tasks[0]?.finish(1);
    await tick();
    expect(tasks[2]?.state.started).toBe(true);
    tasks[1]?.finish(2);
    tasks[2]?.finish(3);
    expect(await Promise.all(results)).toEqual([1, 2, 3]);
    expect(scheduler.load).toEqual({ running: 0, queued: 0, peakRunning: 2 });
  });

  it('keeps slots for commands: searches never take them, so an Answer starts at once during a flood of searches', async () => {
    const scheduler = new RequestScheduler({ maxInFlight: 4, maxQueued: 10, reservedForCommands: 2 });
    const searches = Array.from({ length: 5 }, () => controllable<number>());
    const pending = searches.map((t) => scheduler.schedule({ kind: 'search' }, t.task));
    expect(searches.map((t) => t.state.started)).toEqual([true, true, false, false, false]);
    const answer = controllable<string>();
    const answered = scheduler.schedule({ kind: 'command' }, answer.task);
    expect(answer.state.started).toBe(true);
    answer.finish('ok');
    expect(await answered).toBe('ok');
    // A finished search frees a search slot: the next waiting search starts, never more than the searches' share.
    searches[0]?.finish(0);
    await tick();
    expect(searches.map((t) => t.state.started)).toEqual([true, true, true, false, false]);
    expect(scheduler.load.running).toBe(2);
    for (const [i, t] of searches.entries()) t.finish(i);
    await tick();
    searches.forEach((t, i) => t.finish(i));
    expect(await Promise.all(pending)).toHaveLength(5);
    expect(scheduler.load.peakRunning).toBe(3);
  });

  it('refuses at once, saying so, when the queue is full', async () => {
    const scheduler = new RequestScheduler({ maxInFlight: 1, maxQueued: 1 });
    void scheduler.schedule({ kind: 'search' }, controllable().task);
    void scheduler.schedule({ kind: 'search' }, controllable().task);
    const refused = await scheduler.schedule({ kind: 'search' }, controllable().task).catch((e: unknown) => e);
    expect(english(errorMessage(refused))).toBe(
      'Too many requests are waiting for this telephone system (more than 1); try again in a moment.',
    );
  });

  it('lets a command overtake waiting searches', async () => {
    const scheduler = new RequestScheduler({ maxInFlight: 1, maxQueued: 10 });
    const order: string[] = [];
    const first = controllable<void>();
    void scheduler.schedule({ kind: 'search' }, first.task);
    const done = [
      scheduler.schedule({ kind: 'search' }, async () => void order.push('search 1')),
      scheduler.schedule({ kind: 'search' }, async () => void order.push('search 2')),
      scheduler.schedule({ kind: 'command' }, async () => void order.push('answer')),
      scheduler.schedule({ kind: 'command' }, async () => void order.push('hold')),
    ];
    first.finish();
    await Promise.all(done);
    expect(order).toEqual(['answer', 'hold', 'search 1', 'search 2']);
  });

  it('replaces a waiting or running request with the same key: the newest query wins, the old one is cancelled', async () => {
    const scheduler = new RequestScheduler({ maxInFlight: 1, maxQueued: 10 });
    const running = controllable<string>();
    const runningResult = scheduler.schedule({ kind: 'search', supersedes: 'directory' }, running.task).catch((e: unknown) => e);
    const waiting = scheduler.schedule({ kind: 'search', supersedes: 'directory' }, async () => 'stale').catch((e: unknown) => e);
    const newest = controllable<string>();
    const newestResult = scheduler.schedule({ kind: 'search', supersedes: 'directory' }, newest.task);
    expect(await waiting).toBeInstanceOf(SupersededError);
    expect(await runningResult).toBeInstanceOf(SupersededError);
    expect(running.state.aborted).toBe(true);
    // The cancelled task still holds its slot until it really ends (its socket is closing): never above the limit.
    expect(newest.state.started).toBe(false);
    running.finish('late answer, dropped');
    await tick();
    expect(newest.state.started).toBe(true);
    newest.finish('fresh');
    expect(await newestResult).toBe('fresh');
  });

  it('passes a task failure to its caller, and keeps going', async () => {
    const scheduler = new RequestScheduler({ maxInFlight: 1, maxQueued: 10 });
    const failing = scheduler.schedule({ kind: 'command' }, async () => {
      throw new Error('socket reset');
    });
    await expect(failing).rejects.toThrow('socket reset');
    expect(await scheduler.schedule({ kind: 'command' }, async () => 'ok')).toBe('ok');
  });

  it('a task that throws before it returns a promise fails its caller and frees its slot, started at once or from the queue', async () => {
    const scheduler = new RequestScheduler({ maxInFlight: 1, maxQueued: 10 });
    const throwing = (): Promise<string> => {
      throw new Error('no socket');
    };
    await expect(scheduler.schedule({ kind: 'command' }, throwing)).rejects.toThrow('no socket');
    expect(scheduler.load.running).toBe(0);
    const first = controllable<string>();
    const running = scheduler.schedule({ kind: 'command' }, first.task);
    const queuedThrow = scheduler.schedule({ kind: 'search' }, throwing);
    const after = scheduler.schedule({ kind: 'search' }, async () => 'answered');
    first.finish('done');
    expect(await running).toBe('done');
    await expect(queuedThrow).rejects.toThrow('no socket');
    expect(await after).toBe('answered');
    expect(scheduler.load).toMatchObject({ running: 0, queued: 0 });
  });

  it('on close refuses what waits and cancels what runs', async () => {
    const scheduler = new RequestScheduler({ maxInFlight: 1, maxQueued: 10 });
    const running = controllable<void>();
    const a = scheduler.schedule({ kind: 'command' }, running.task).catch((e: unknown) => e);
    const b = scheduler.schedule({ kind: 'command' }, async () => undefined).catch((e: unknown) => e);
    scheduler.close();
    expect(await a).toBeInstanceOf(SupersededError);
    expect(await b).toBeInstanceOf(SupersededError);
    expect(running.state.aborted).toBe(true);
  });

  it('builds nothing for a request it refuses or drops while waiting: only a started task that takes a signal gets an AbortController', async () => {
    let made = 0;
    vi.stubGlobal(
      'AbortController',
      class extends AbortController {
        constructor() {
          super();
          made++;
        }
      },
    );
    try {
      const scheduler = new RequestScheduler({ maxInFlight: 1, maxQueued: 2 });
      const running = controllable<number>();
      const first = scheduler.schedule({ kind: 'search' }, running.task);
      const outcomes = Array.from({ length: 50 }, (_, i) =>
        scheduler
          .schedule({ kind: 'search', supersedes: i % 2 ? 'typing' : undefined }, async (signal: AbortSignal) => (signal.aborted ? -1 : i))
          .catch((e: unknown) => e),
      );
      expect(made).toBe(1);
      running.finish(0);
      expect(await first).toBe(0);
      const settled = await Promise.all(outcomes);
      // Two waited and ran (each got its controller then); the rest were refused or replaced while waiting.
      expect(settled.filter((o) => typeof o === 'number')).toHaveLength(2);
      expect(made).toBe(3);
      expect(scheduler.load).toEqual({ running: 0, queued: 0, peakRunning: 1 });

      // A task that takes no signal gets none made for it, and is still answered at once when replaced.
      const slow = controllable<number>();
      const replaced = scheduler.schedule({ kind: 'search', supersedes: 'typing' }, () => slow.task(new AbortController().signal));
      made = 0;
      const newer = scheduler.schedule({ kind: 'search', supersedes: 'typing' }, () => Promise.resolve(7));
      await expect(replaced).rejects.toBeInstanceOf(SupersededError);
      slow.finish(1);
      expect(await newer).toBe(7);
      expect(made).toBe(0);
    } finally {
      vi.unstubAllGlobals();
    }
  });
  it('a burst of replacing requests in one turn starts only its last: the others are replaced while they wait', async () => {
    const scheduler = new RequestScheduler({ maxInFlight: 4, maxQueued: 10 });
    /** Like a connector's search: it ends as soon as it is told to stop (its socket closed). */
    const stopsWhenAborted = () => {
      const state = { started: false };
      const task = (signal: AbortSignal) =>
        new Promise<string>((resolve, reject) => {
          state.started = true;
          signal.addEventListener('abort', () => reject(signal.reason as Error));
          setTimeout(() => resolve('answer'), 50);
        });
      return { task, state };
    };
    const first = stopsWhenAborted();
    const results = [scheduler.schedule({ kind: 'search', supersedes: 'typing' }, first.task).catch((e: unknown) => e)];
    expect(first.state.started).toBe(true);
    // The rest of the burst arrives within the same turn of the event loop, a few microtasks apart (as bridge frames do).
    const burst = Array.from({ length: 5 }, () => stopsWhenAborted());
    for (const t of burst) {
      for (let i = 0; i < 5; i++) await Promise.resolve();
      results.push(scheduler.schedule({ kind: 'search', supersedes: 'typing' }, t.task).catch((e: unknown) => e));
    }
    expect(burst.map((t) => t.state.started)).toEqual([false, false, false, false, false]);
    await tick();
    expect(burst.map((t) => t.state.started)).toEqual([false, false, false, false, true]);
    expect(await Promise.all(results)).toEqual([...Array.from({ length: 5 }, () => expect.any(SupersededError)), 'answer']);
    expect(scheduler.load).toEqual({ running: 0, queued: 0, peakRunning: 1 });
  });

  it('cancels a request that runs past its timeout: the caller gets the timeout error, the task signal fires with it', async () => {
    vi.useFakeTimers();
    try {
      const scheduler = new RequestScheduler({ maxInFlight: 1, maxQueued: 10 });
      const slow = controllable<string>();
      let reason: unknown;
      const result = scheduler
        .schedule({ kind: 'search', timeout: { ms: 3000, error: () => new Error('too slow') } }, (signal) => {
          signal.addEventListener('abort', () => (reason = signal.reason));
          return slow.task(signal);
        })
        .catch((e: unknown) => e);
      const next = controllable<string>();
      void scheduler.schedule({ kind: 'search' }, next.task);
      await vi.advanceTimersByTimeAsync(2999);
      expect(slow.state.aborted).toBe(false);
      await vi.advanceTimersByTimeAsync(1);
      expect(await result).toEqual(new Error('too slow'));
      expect(reason).toBe(await result);
      // Its slot is still taken until the task ends (its socket closing): then the next request starts.
      expect(next.state.started).toBe(false);
      slow.fail(reason);
      await vi.advanceTimersByTimeAsync(0);
      expect(next.state.started).toBe(true);
    } finally {
      vi.useRealTimers();
    }
  });

  it('clears the timeout of a request that ends in time', async () => {
    vi.useFakeTimers();
    try {
      const scheduler = new RequestScheduler({ maxInFlight: 1, maxQueued: 10 });
      const error = vi.fn(() => new Error('too slow'));
      expect(await scheduler.schedule({ kind: 'search', timeout: { ms: 3000, error } }, async () => 'quick')).toBe('quick');
      await vi.advanceTimersByTimeAsync(0);
      expect(vi.getTimerCount()).toBe(0);
      expect(error).not.toHaveBeenCalled();
    } finally {
      vi.useRealTimers();
    }
  });
});

/**
 * One connection's requests to its PBX, bounded: at most `maxInFlight` at once (and so at most that many
 * sockets for a protocol that opens one per request, as TelServer's does), a bounded queue behind them that
 * refuses at once, saying so, when full, and commands ahead of searches, so a receptionist's Answer never
 * waits behind a flood of directory queries. A request with a `supersedes` key replaces the queued or
 * running one with the same key (the newest directory query wins; the older is cancelled, never answered late;
 * and the newer starts only once the current turn of the event loop is over, so a burst of them costs the PBX one
 * request, not one opened and closed again per query), and a request with a `timeout` is cancelled the same way
 * when it runs longer. A cancelled task's AbortSignal
 * fires, so its I/O stops at the PBX too (its socket closed, no further page fetched).
 * A PBX that is slow or gone then costs bounded memory and sockets, whatever a client sends.
 */
import { msg } from '../../app/i18n/message';
import { ConsoleError } from './errors';

export type RequestKind = 'command' | 'search';

export interface ScheduledRequest {
  kind: RequestKind;
  /** Requests with the same key replace one another: only the newest runs to its end. */
  supersedes?: string;
  /**
   * How long the task may run (from its start, not counting the wait for a slot). Then its caller gets `error()`
   * and its signal fires with that error: one signal for "replaced" and "too slow", so a task needs no second
   * controller (AbortSignal.any and AbortSignal.timeout cost several times an AbortController).
   */
  timeout?: { ms: number; error: () => Error };
}

export interface SchedulerLimits {
  /** Requests running at once. */
  maxInFlight: number;
  /** Requests waiting behind them; beyond this a request is refused at once. */
  maxQueued: number;
  /**
   * Slots searches never take: a receptionist's Answer starts at once even while a flood of directory
   * queries holds every other slot (it would otherwise wait for one of them to finish).
   */
  reservedForCommands?: number;
}

export const DEFAULT_SCHEDULER_LIMITS: SchedulerLimits = { maxInFlight: 8, maxQueued: 64, reservedForCommands: 2 };

/** A request replaced by a newer one with the same key before it finished: nobody waits for its answer any more. */
export class SupersededError extends ConsoleError {
  constructor() {
    super(msg('request.superseded'));
    this.name = 'SupersededError';
  }
}

interface Entry {
  request: ScheduledRequest;
  /** Runs the task and settles the caller's promise with its outcome, unless the request was aborted by then. */
  run: () => Promise<void>;
  reject: (error: unknown) => void;
  /** Whether the task takes the signal: one that does not (a bridge session's request) never needs a controller. */
  wantsSignal: boolean;
  /**
   * Made when the request starts, and only for a task that takes it: an AbortSignal costs some 10 µs, and a
   * flood of searches through a bridge session and a connection made 20,000 of them (a tenth of its CPU).
   */
  controller?: AbortController;
  timer?: ReturnType<typeof setTimeout>;
  aborted: boolean;
  /** It replaced another: it waits for the turn to end, as one of a burst that is itself replaced but for the last. */
  held?: boolean;
}

/** What a task that takes no signal is passed. */
const NEVER_ABORTED = new AbortController().signal;

/**
 * Refusals are made once and shared: under a flood thousands are thrown a second, and building an Error (its
 * stack, its English text for the log) for each would cost more than the request it refuses.
 */
const SUPERSEDED = new SupersededError();

export class RequestScheduler {
  private readonly running = new Set<Entry>();
  private runningSearches = 0;
  private readonly queued: Entry[] = [];
  private peak = 0;
  private releaseScheduled = false;
  private readonly full: ConsoleError;

  constructor(private readonly limits: SchedulerLimits = DEFAULT_SCHEDULER_LIMITS) {
    this.full = new ConsoleError(msg('request.tooMany', { limit: limits.maxQueued }));
  }

  /**
   * Runs `task` when a slot is free. `task` gets an AbortSignal that fires when the request is superseded, runs out
   * of time or the scheduler is closed; a task should stop its I/O then (close the socket, abort the fetch). A task declared
   * without the parameter gets a signal that never fires (and costs nothing): its caller is told at once all the same.
   */
  schedule<T>(request: ScheduledRequest, task: (signal: AbortSignal) => Promise<T>): Promise<T> {
    const replaced = request.supersedes !== undefined && this.supersede(request.supersedes);
    const startsNow = !replaced && this.canStart(request.kind);
    // Refused before anything is built for it: under a flood most requests end here, and cheaply.
    if (!startsNow && this.queued.length >= this.limits.maxQueued) return Promise.reject(this.full);
    return new Promise<T>((resolve, reject) => {
      const entry: Entry = {
        request,
        run: () =>
          // Called inside a promise: a task that throws before it returns one fails its caller and frees its slot
          // like any other failure, instead of leaving the slot taken and the throw loose in whoever started it.
          new Promise<T>((settle) => settle(task(entry.controller?.signal ?? NEVER_ABORTED))).then(
            (value) => (entry.aborted ? undefined : resolve(value)),
            // eslint-disable-next-line @typescript-eslint/prefer-promise-reject-errors -- the task's own failure, passed on as it is
            (error: unknown) => (entry.aborted ? undefined : reject(error)),
          ),
        reject,
        wantsSignal: task.length > 0,
        aborted: false,
      };
      if (startsNow) {
        this.start(entry);
        return;
      }
      if (replaced) this.holdForTurn(entry);
      // Commands go ahead of every waiting search, behind waiting commands (first come, first served among them).
      const at = request.kind === 'command' ? this.queued.findIndex((e) => e.request.kind === 'search') : -1;
      if (at < 0) this.queued.push(entry);
      else this.queued.splice(at, 0, entry);
    });
  }

  /** Requests running now, waiting now, and the most that ever ran at once. */
  get load(): { running: number; queued: number; peakRunning: number } {
    return { running: this.running.size, queued: this.queued.length, peakRunning: this.peak };
  }

  /** Refuses the waiting and cancels the running requests with this `supersedes` key (their client went away). */
  cancel(key: string): void {
    this.supersede(key);
  }

  /** Refuses everything waiting and cancels everything running (the connection is going away). */
  close(): void {
    for (const entry of this.queued.splice(0)) entry.reject(SUPERSEDED);
    for (const entry of this.running) this.abort(entry);
  }

  private canStart(kind: RequestKind): boolean {
    if (this.running.size >= this.limits.maxInFlight) return false;
    return kind === 'command' || this.runningSearches < this.limits.maxInFlight - (this.limits.reservedForCommands ?? 0);
  }

  private start(entry: Entry): void {
    this.running.add(entry);
    if (entry.request.kind === 'search') this.runningSearches++;
    this.peak = Math.max(this.peak, this.running.size);
    if (entry.wantsSignal) entry.controller = new AbortController();
    const timeout = entry.request.timeout;
    if (timeout) entry.timer = setTimeout(() => this.abort(entry, timeout.error()), timeout.ms);
    void entry.run().finally(() => {
      clearTimeout(entry.timer);
      this.running.delete(entry);
      if (entry.request.kind === 'search') this.runningSearches--;
      this.next();
    });
  }

  /**
   * Starts what may start now, in queue order (waiting commands are ahead of waiting searches). A held search at
   * the head holds the searches behind it too (they came later), for the rest of the turn.
   */
  private next(): void {
    for (let head = this.queued[0]; head && !head.held && this.canStart(head.request.kind); head = this.queued[0]) {
      this.queued.shift();
      this.start(head);
    }
  }

  /**
   * A request that replaced another waits until the event loop's current callbacks are done: a client sending
   * queries faster than that (a flood's frames come eight a turn) replaces this one while it waits, where it costs
   * nothing, instead of after it opened a socket. Started at once, each query of a 10,000-search flood opened a
   * socket only to close it again (8,000 of them never connected), and the flood took 1.3 times the CPU and three
   * times the RSS growth. Typing is far slower than a turn, so a query typed waits for nothing.
   */
  private holdForTurn(entry: Entry): void {
    entry.held = true;
    if (this.releaseScheduled) return;
    this.releaseScheduled = true;
    setImmediate(() => {
      this.releaseScheduled = false;
      for (const waiting of this.queued) waiting.held = false;
      this.next();
    });
  }

  /** Refuses the waiting and cancels the running requests with `key`; whether there was one (not cancelled already). */
  private supersede(key: string): boolean {
    let replaced = false;
    for (let i = this.queued.length - 1; i >= 0; i--) {
      const entry = this.queued[i];
      if (entry?.request.supersedes === key) {
        this.queued.splice(i, 1);
        entry.reject(SUPERSEDED);
        replaced = true;
      }
    }
    for (const entry of this.running) {
      if (entry.request.supersedes !== key || entry.aborted) continue;
      this.abort(entry);
      replaced = true;
    }
    return replaced;
  }

  /**
   * A superseded, timed-out or cancelled request answers at once (nobody waits for it); its task is told to stop
   * and its late answer is dropped. Its slot is freed when the task actually ends, so sockets stay bounded.
   */
  private abort(entry: Entry, reason: Error = SUPERSEDED): void {
    if (entry.aborted) return;
    entry.aborted = true;
    clearTimeout(entry.timer);
    entry.controller?.abort(reason);
    entry.reject(reason);
  }
}

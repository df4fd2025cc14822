/**
 * One connection's requests to its PBX, bounded: at most `maxInFlight` at once (and so at most that many
 * sockets for a protocol that opens one per request, as TelServer's does), a bounded queue behind them that
 * refuses at once, saying so, when full, and commands ahead of searches, so a receptionist's Answer never
 * waits behind a flood of directory queries. A request with a `supersedes` key replaces the queued or
 * running one with the same key (the newest directory query wins; the older is cancelled, never answered late).
 * A PBX that is slow or gone then costs bounded memory and sockets, whatever a client sends.
 */
import { msg } from '../../app/i18n/message';
import { ConsoleError } from './errors';

export type RequestKind = 'command' | 'search';

export interface ScheduledRequest {
  kind: RequestKind;
  /** Requests with the same key replace one another: only the newest runs to its end. */
  supersedes?: string;
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
  aborted: boolean;
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
  private readonly full: ConsoleError;

  constructor(private readonly limits: SchedulerLimits = DEFAULT_SCHEDULER_LIMITS) {
    this.full = new ConsoleError(msg('request.tooMany', { limit: limits.maxQueued }));
  }

  /**
   * Runs `task` when a slot is free. `task` gets an AbortSignal that fires when the request is superseded or
   * the scheduler is closed; a task should stop its I/O then (close the socket, abort the fetch). A task declared
   * without the parameter gets a signal that never fires (and costs nothing): its caller is told at once all the same.
   */
  schedule<T>(request: ScheduledRequest, task: (signal: AbortSignal) => Promise<T>): Promise<T> {
    if (request.supersedes !== undefined) this.supersede(request.supersedes);
    const startsNow = this.canStart(request.kind);
    // Refused before anything is built for it: under a flood most requests end here, and cheaply.
    if (!startsNow && this.queued.length >= this.limits.maxQueued) return Promise.reject(this.full);
    return new Promise<T>((resolve, reject) => {
      const entry: Entry = {
        request,
        run: () =>
          task(entry.controller?.signal ?? NEVER_ABORTED).then(
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
    void entry.run().finally(() => {
      this.running.delete(entry);
      if (entry.request.kind === 'search') this.runningSearches--;
      this.next();
    });
  }

  /** Starts what may start now, in queue order (waiting commands are ahead of waiting searches). */
  private next(): void {
    for (let head = this.queued[0]; head && this.canStart(head.request.kind); head = this.queued[0]) {
      this.queued.shift();
      this.start(head);
    }
  }

  private supersede(key: string): void {
    for (let i = this.queued.length - 1; i >= 0; i--) {
      const entry = this.queued[i];
      if (entry?.request.supersedes === key) {
        this.queued.splice(i, 1);
        entry.reject(SUPERSEDED);
      }
    }
    for (const entry of this.running) {
      if (entry.request.supersedes === key) this.abort(entry);
    }
  }

  /**
   * A superseded or cancelled request answers at once (nobody waits for it); its task is told to stop and its
   * late answer is dropped. Its slot is freed when the task actually ends, so sockets stay bounded.
   */
  private abort(entry: Entry): void {
    if (entry.aborted) return;
    entry.aborted = true;
    entry.controller?.abort(SUPERSEDED);
    entry.reject(SUPERSEDED);
  }
}

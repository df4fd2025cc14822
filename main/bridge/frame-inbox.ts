/**
 * A client's frames, handled in order and at most a budget of them per turn of the event loop. ws hands every
 * frame of one TCP read to its listener at once: a client flooding the bridge with thousands of small frames
 * would then hold the loop for hundreds of them (tens of milliseconds) before another client's Answer, or the
 * PBX reply it waits for, got a turn. Past the budget the frames wait here for the next turn, and a client with
 * too many waiting is no longer read (TCP pushes back on it), so what waits stays bounded too.
 *
 * Hand-written rather than ws's `allowSynchronousEvents: false`, which yields after every single frame: for 2,000
 * searches on one socket that took 1.4–1.5 times the CPU of this budget (a turn of the loop, a read and a write
 * per frame instead of per batch) for no better latency.
 */

/** How the inbox stops and restarts reading its socket (a ws WebSocket's pause and resume). */
export interface ReadFlow {
  pause(): void;
  resume(): void;
}

export interface FrameInboxLimits {
  /** Frames handled per turn of the event loop before other sockets' I/O gets its turn. */
  perTurn: number;
  /** Frames waiting beyond which the socket is no longer read until they are handled. */
  maxWaiting: number;
}

/** A page sends a few frames a second: it never meets these; a flood meets them at once. */
export const DEFAULT_FRAME_INBOX_LIMITS: FrameInboxLimits = { perTurn: 8, maxWaiting: 256 };

export class FrameInbox {
  private readonly waiting: string[] = [];
  private handledThisTurn = 0;
  private turnScheduled = false;
  private paused = false;
  private closed = false;

  constructor(
    private readonly handle: (text: string) => void,
    private readonly flow: ReadFlow,
    private readonly limits: FrameInboxLimits = DEFAULT_FRAME_INBOX_LIMITS,
  ) {}

  push(text: string): void {
    if (this.closed) return;
    if (this.waiting.length === 0 && this.handledThisTurn < this.limits.perTurn) {
      this.handleNow(text);
      return;
    }
    this.waiting.push(text);
    if (!this.paused && this.waiting.length >= this.limits.maxWaiting) {
      this.paused = true;
      this.flow.pause();
    }
  }

  /** Frames waiting for a later turn. */
  get backlog(): number {
    return this.waiting.length;
  }

  /** Drops what waits (the socket closed: nobody is there to answer). */
  close(): void {
    this.closed = true;
    this.waiting.length = 0;
  }

  private handleNow(text: string): void {
    this.handledThisTurn++;
    this.scheduleTurn();
    this.handle(text);
  }

  /** The budget is per turn: the count starts over once other I/O has had its go. */
  private scheduleTurn(): void {
    if (this.turnScheduled) return;
    this.turnScheduled = true;
    setImmediate(() => this.nextTurn());
  }

  private nextTurn(): void {
    this.turnScheduled = false;
    this.handledThisTurn = 0;
    if (this.closed) return;
    const batch = this.waiting.splice(0, this.limits.perTurn);
    if (this.paused && this.waiting.length < this.limits.maxWaiting) {
      this.paused = false;
      this.flow.resume();
    }
    for (const text of batch) {
      if (this.closed) return;
      this.handleNow(text);
    }
  }
}

/**
 * The stale-session guard every connection needs: a session's callbacks
 * (events, timers, replies) may arrive after it was closed and replaced,
 * and must then change nothing. Each session takes a token; only the token
 * of the current session is `current()`.
 */
export interface SessionToken {
  /** Whether this is still the current session. */
  current: () => boolean;
}

export class SessionGuard {
  private epoch = 0;

  /** Starts a new session: everything of the previous one is stale from now on. */
  begin(): SessionToken {
    const epoch = ++this.epoch;
    return { current: () => epoch === this.epoch };
  }

  /** Ends the current session (disconnect): its late callbacks are ignored. */
  end(): void {
    this.epoch++;
  }
}

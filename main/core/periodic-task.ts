/**
 * Something a connection does every so often — a keepalive, a check that
 * the session still stands, a resync — on an injectable clock. The next run
 * is scheduled when the previous one has finished (runs never overlap, and
 * a slow server is not flooded); stop() ends it for good.
 */
import type { Clock } from '../../app/clock';

export class PeriodicTask {
  private timer: unknown;
  private running = false;
  private stopped = true;

  constructor(
    private readonly clock: Clock,
    private readonly intervalMs: number,
    /** One run. It handles its own failures (a failed keepalive reports the link lost); a rejection only ends this run. */
    private readonly run: () => Promise<void> | void,
  ) {}

  /** Starts the period: the first run is one interval from now. */
  start(): void {
    this.stopped = false;
    this.schedule();
  }

  stop(): void {
    this.stopped = true;
    this.clear();
  }

  /** Runs now instead of waiting (a run in progress is not doubled), then keeps the period from here. */
  async runNow(): Promise<void> {
    this.clear();
    await this.runOnce();
  }

  private schedule(): void {
    this.clear();
    if (this.stopped) return;
    this.timer = this.clock.setTimeout(() => {
      this.timer = undefined;
      void this.runOnce();
    }, this.intervalMs);
  }

  private async runOnce(): Promise<void> {
    if (this.running || this.stopped) return;
    this.running = true;
    try {
      await this.run();
    } catch {
      // The run reports its own failures; the period goes on.
    } finally {
      this.running = false;
      this.schedule();
    }
  }

  private clear(): void {
    if (this.timer !== undefined) this.clock.clearTimeout(this.timer);
    this.timer = undefined;
  }
}

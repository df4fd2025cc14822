/**
 * One monitored device: opens the TelServices session with this console's
 * UDP event port, keeps it alive, filters its events, and reports when the
 * session is gone (onLost) or TelServer's own PBX link changes (onPbxLink).
 * It never reconnects by itself; the connector and supervisor do that.
 */
import type { Clock } from '../../../app/clock';
import { msg, type Message } from '../../../app/i18n/message';
import { english } from '../../core/errors';
import type { Logger } from '../../core/log';
import { PeriodicTask } from '../../core/periodic-task';
import { TransportError } from '../shared/transport-error';
import { TelServerError } from './errors';
import type { TelServerClient } from './client';
import type { TelServerEventListener } from './event-listener';
import type { TsEvent, TsRequest, TsResult, TsSessionEvent, TsSnapshot } from './messages';

export interface TelServerSessionOptions {
  client: TelServerClient;
  /** Owned by the session: started by open() if needed, closed by close(). */
  listener: TelServerEventListener;
  deviceNumber: string;
  userID?: string;
  userPassword?: string;
  sessionTimeoutSeconds?: number;
  /** Default: 10 s, or a third of the session timeout if that is shorter. */
  keepaliveMs?: number;
  /** How long close() waits for closeSession. Default 2000. */
  closeTimeoutMs?: number;
  clock: Clock;
  log: Logger;
}

type SessionClosure = Exclude<TsSessionEvent, 'pbxlinkOutOfService' | 'pbxlinkInService'>;

export const SESSION_CLOSED_REASONS: Readonly<Record<SessionClosure, Message>> = {
  sessionClosedByAdmin: msg('telserver.session.closedByAdmin'),
  sessionClosedByTimeout: msg('telserver.session.closedByTimeout'),
  sessionClosedByMonitoringReject: msg('telserver.session.closedByMonitoringReject'),
  sessionClosedByClient: msg('telserver.session.closedByClient'),
};

const NO_OPEN_SESSION_REASON = msg('telserver.session.gone');
/** At most this long between keepalives: a TelServer that is gone is noticed within seconds. */
export const DEFAULT_KEEPALIVE_MS = 10_000;
/**
 * A keepalive whose connection failed (refused, reset, closed before the
 * reply) is tried once more this long after — a moment, not a period, so a
 * TelServer that is gone is noticed within one keepalive period, while one
 * cut connection is ridden out. A keepalive that timed out is not retried:
 * TelServer had a whole request time-out to answer, and a PBX that stays
 * silent must be noticed within the period too.
 */
export const KEEPALIVE_RETRY_MS = 1000;

type State = 'new' | 'opening' | 'open' | 'lost' | 'closed';

export class TelServerSession {
  readonly deviceNumber: string;
  private state: State = 'new';
  /** Whether openSession succeeded, so close() owes TelServer a closeSession. */
  private sessionOpened = false;
  private opening: Promise<void> | undefined;
  private readonly keepalive: PeriodicTask;
  /** The pause before a failed keepalive's second try; ended early when the session closes or is lost. */
  private retryPause: { timer: unknown; end: () => void } | undefined;
  /** How often the keepalive snapshot goes, ms. */
  readonly keepaliveMs: number;
  private pbxLinkUp = true;
  /** 'refused': TelServer refused a keepalive for it, so a later successful one means it is back. */
  private pbxLinkDownBy: 'refused' | 'reported' | undefined;
  private readonly eventCallbacks: ((ev: TsEvent) => void)[] = [];
  private readonly snapshotCallbacks: ((s: TsSnapshot) => void)[] = [];
  private readonly lostCallbacks: ((reason: Message) => void)[] = [];
  private readonly pbxLinkCallbacks: ((up: boolean) => void)[] = [];

  constructor(private readonly opts: TelServerSessionOptions) {
    this.deviceNumber = opts.deviceNumber;
    const timeout = opts.sessionTimeoutSeconds;
    this.keepaliveMs =
      opts.keepaliveMs ?? (timeout && timeout > 0 ? Math.min(DEFAULT_KEEPALIVE_MS, (timeout * 1000) / 3) : DEFAULT_KEEPALIVE_MS);
    this.keepalive = new PeriodicTask(opts.clock, this.keepaliveMs, () => this.sendKeepalive());
    opts.listener.onEvent((ev) => this.receive(ev));
  }

  /**
   * Starts the event listener if needed and opens the session; rejects with
   * the client's error. A session opens once: calling open() again returns
   * the first call's outcome.
   */
  open(): Promise<void> {
    this.opening ??= this.openOnce();
    return this.opening;
  }

  private async openOnce(): Promise<void> {
    this.state = 'opening';
    const { deviceNumber, userID, userPassword, sessionTimeoutSeconds } = this.opts;
    try {
      const eventUDPPort = await this.opts.listener.start();
      await this.opts.client.request({
        type: 'openSession',
        deviceNumber,
        eventUDPPort,
        eventUpdate: 'full',
        ...(userID !== undefined && { userID }),
        ...(userPassword !== undefined && { userPassword }),
        ...(sessionTimeoutSeconds !== undefined && { sessionTimeout: sessionTimeoutSeconds }),
      });
    } catch (err) {
      if (this.state === 'opening') this.state = 'lost';
      throw err;
    }
    // The state may have changed while awaiting (TypeScript's narrowing does not know).
    const now = this.state as State;
    if (now === 'closed') return this.closeAtServer(); // close() came while opening
    this.sessionOpened = true;
    if (now !== 'opening') return; // lost meanwhile (a session event)
    this.state = 'open';
    this.opts.log.info('TelServer session open', { deviceNumber, eventUDPPort: this.opts.listener.boundPort });
    this.keepalive.start();
  }

  /** Stops the keepalive, closes the session at TelServer (best effort) and the event listener. */
  async close(): Promise<void> {
    if (this.state === 'closed') return;
    this.state = 'closed';
    this.keepalive.stop();
    this.endRetryPause();
    if (this.sessionOpened) {
      this.sessionOpened = false;
      await this.closeAtServer();
    }
    await this.opts.listener.close();
  }

  /** closeSession, best effort: a failure is logged, TelServer drops the session on its own eventually. */
  private async closeAtServer(): Promise<void> {
    try {
      await this.opts.client.request(
        { type: 'closeSession', deviceNumber: this.deviceNumber },
        { timeoutMs: this.opts.closeTimeoutMs ?? 2000 },
      );
    } catch (err) {
      this.opts.log.warn('closeSession failed', { deviceNumber: this.deviceNumber, error: (err as Error).message });
    }
  }

  /** The device's calls and features now (also the way to resynchronise). */
  async snapshot(): Promise<TsSnapshot> {
    const result = await this.request({ type: 'snapshot', deviceNumber: this.deviceNumber });
    if (result.type !== 'snapshot') {
      throw new TransportError('malformed', this.opts.client.server, {
        reason: msg('telserver.wrongResult.snapshot', { type: result.type }),
      });
    }
    this.noteSessionState(result.snapshot);
    return result.snapshot;
  }

  /**
   * Sends a request; a `noOpenSession` error also reports the session lost,
   * and a failed connection brings the keepalive forward, so a TelServer
   * that is gone is noticed now rather than at the next period.
   */
  async request(req: TsRequest): Promise<TsResult> {
    try {
      return await this.opts.client.request(req);
    } catch (err) {
      if (err instanceof TelServerError && err.code === 'noOpenSession') this.lose(NO_OPEN_SESSION_REASON);
      else if (err instanceof TransportError && err.kind !== 'timeout' && this.state === 'open') void this.keepalive.runNow();
      throw err;
    }
  }

  /** Call, agent and feature events of this device (session events go to onLost/onPbxLink instead). */
  onEvent(cb: (ev: TsEvent) => void): void {
    this.eventCallbacks.push(cb);
  }

  /** Each keepalive snapshot: reconciles whatever UDP lost. */
  onSnapshot(cb: (s: TsSnapshot) => void): void {
    this.snapshotCallbacks.push(cb);
  }

  /** The session is gone (reported once); the reason is a catalog message. */
  onLost(cb: (reason: Message) => void): void {
    this.lostCallbacks.push(cb);
  }

  /** TelServer lost (false) or regained (true) its link to the PBX. */
  onPbxLink(cb: (up: boolean) => void): void {
    this.pbxLinkCallbacks.push(cb);
  }

  // -------------------------------------------------------------------------

  private get live(): boolean {
    return this.state === 'opening' || this.state === 'open';
  }

  private receive(ev: TsEvent): void {
    if (!this.live) return;
    if (ev.deviceNumber !== undefined && ev.deviceNumber !== this.deviceNumber) {
      this.opts.log.debug('Ignored a TelServer event for another device', { deviceNumber: ev.deviceNumber });
      return;
    }
    if (ev.event.type === 'session') return this.onSessionEvent(ev.event.session, 'reported');
    emit(this.eventCallbacks, ev, this.opts.log);
  }

  private onSessionEvent(event: TsSessionEvent, source: 'refused' | 'reported'): void {
    if (event === 'pbxlinkOutOfService') return this.setPbxLink(false, source);
    if (event === 'pbxlinkInService') return this.setPbxLink(true, source);
    this.lose(SESSION_CLOSED_REASONS[event]);
  }

  /** A snapshot may carry the session's state, like a session event. */
  private noteSessionState(snapshot: TsSnapshot): void {
    if (snapshot.session) this.onSessionEvent(snapshot.session, 'reported');
  }

  private setPbxLink(up: boolean, source: 'refused' | 'reported'): void {
    if (up === this.pbxLinkUp) return;
    this.pbxLinkUp = up;
    this.pbxLinkDownBy = up ? undefined : source;
    this.opts.log.warn(up ? 'TelServer PBX link back in service' : 'TelServer PBX link out of service', {
      deviceNumber: this.deviceNumber,
    });
    emit(this.pbxLinkCallbacks, up, this.opts.log);
  }

  private lose(reason: Message): void {
    if (!this.live) return;
    this.state = 'lost';
    this.keepalive.stop();
    this.endRetryPause();
    this.opts.log.warn('TelServer session lost', { deviceNumber: this.deviceNumber, reason: english(reason) });
    emit(this.lostCallbacks, reason, this.opts.log);
  }

  /** A snapshot: refreshes the session timeout at TelServer and reconciles events lost in UDP. */
  private async sendKeepalive(): Promise<void> {
    if (this.state !== 'open') return;
    let result: TsResult;
    try {
      result = await this.keepaliveRequest();
    } catch (err) {
      if (this.state === 'open') this.keepaliveFailed(err);
      return;
    }
    if (this.state !== 'open' || result.type !== 'snapshot') return;
    // TelServer refuses requests while its PBX link is down, so an answer means it is back.
    if (this.pbxLinkDownBy === 'refused') this.setPbxLink(true, 'reported');
    this.noteSessionState(result.snapshot);
    if (this.state === 'open') emit(this.snapshotCallbacks, result.snapshot, this.opts.log);
  }

  /** The keepalive snapshot, tried once more after KEEPALIVE_RETRY_MS when its connection failed (not when it timed out). */
  private async keepaliveRequest(): Promise<TsResult> {
    const request: TsRequest = { type: 'snapshot', deviceNumber: this.deviceNumber };
    try {
      return await this.opts.client.request(request);
    } catch (err) {
      if (!(err instanceof TransportError) || err.kind === 'timeout' || this.state !== 'open') throw err;
      this.opts.log.warn('TelServer keepalive failed; trying again in a moment', {
        deviceNumber: this.deviceNumber,
        error: err.message,
      });
      await new Promise<void>((resolve) => {
        this.retryPause = { timer: this.opts.clock.setTimeout(() => this.endRetryPause(), KEEPALIVE_RETRY_MS), end: resolve };
      });
      if (this.state !== 'open') throw err;
      return await this.opts.client.request(request);
    }
  }

  private endRetryPause(): void {
    const pause = this.retryPause;
    this.retryPause = undefined;
    if (!pause) return;
    this.opts.clock.clearTimeout(pause.timer);
    pause.end();
  }

  private keepaliveFailed(err: unknown): void {
    if (err instanceof TelServerError) {
      if (err.code === 'noOpenSession') return this.lose(NO_OPEN_SESSION_REASON);
      if (err.code === 'pbxlinkOutOfService') return this.setPbxLink(false, 'refused');
      this.opts.log.warn('TelServer keepalive refused', { deviceNumber: this.deviceNumber, code: err.code });
      return;
    }
    // No answer (twice for a failed connection, once for a time-out): TelServer is gone, and the message says why.
    if (err instanceof TransportError) return this.lose(err.text);
    this.opts.log.error('TelServer keepalive failed unexpectedly', { deviceNumber: this.deviceNumber, error: (err as Error).message });
  }
}

/** Calls every callback; one that throws is logged and does not stop the others. */
function emit<T>(callbacks: ((value: T) => void)[], value: T, log: Logger): void {
  for (const cb of callbacks) {
    try {
      cb(value);
    } catch (err) {
      log.error('TelServer session handler failed', { error: (err as Error).message });
    }
  }
}

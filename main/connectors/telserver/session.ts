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
/** One lost packet is tolerated; the second failed keepalive in a row means TelServer is gone. */
const TRANSPORT_FAILURES_TO_LOSE = 2;

type State = 'new' | 'opening' | 'open' | 'lost' | 'closed';

export class TelServerSession {
  readonly deviceNumber: string;
  private state: State = 'new';
  /** Whether openSession succeeded, so close() owes TelServer a closeSession. */
  private sessionOpened = false;
  private opening: Promise<void> | undefined;
  private readonly keepalive: PeriodicTask;
  /** How often the keepalive snapshot goes, ms. */
  readonly keepaliveMs: number;
  private transportFailures = 0;
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
      throw new TransportError('malformed', this.opts.client.server, { reason: `a ${result.type} result to a snapshot request` });
    }
    this.noteSessionState(result.snapshot);
    return result.snapshot;
  }

  /** Sends a request; a `noOpenSession` error also reports the session lost. */
  async request(req: TsRequest): Promise<TsResult> {
    try {
      return await this.opts.client.request(req);
    } catch (err) {
      if (err instanceof TelServerError && err.code === 'noOpenSession') this.lose(NO_OPEN_SESSION_REASON);
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
    this.opts.log.warn('TelServer session lost', { deviceNumber: this.deviceNumber, reason: english(reason) });
    emit(this.lostCallbacks, reason, this.opts.log);
  }

  /** A snapshot: refreshes the session timeout at TelServer and reconciles events lost in UDP. */
  private async sendKeepalive(): Promise<void> {
    if (this.state !== 'open') return;
    try {
      const result = await this.opts.client.request({ type: 'snapshot', deviceNumber: this.deviceNumber });
      this.transportFailures = 0;
      if (this.state !== 'open' || result.type !== 'snapshot') return;
      // TelServer refuses requests while its PBX link is down, so an answer means it is back.
      if (this.pbxLinkDownBy === 'refused') this.setPbxLink(true, 'reported');
      this.noteSessionState(result.snapshot);
      if (this.state === 'open') emit(this.snapshotCallbacks, result.snapshot, this.opts.log);
    } catch (err) {
      if (this.state === 'open') this.keepaliveFailed(err);
    }
  }

  private keepaliveFailed(err: unknown): void {
    if (err instanceof TelServerError) {
      this.transportFailures = 0;
      if (err.code === 'noOpenSession') return this.lose(NO_OPEN_SESSION_REASON);
      if (err.code === 'pbxlinkOutOfService') return this.setPbxLink(false, 'refused');
      this.opts.log.warn('TelServer keepalive refused', { deviceNumber: this.deviceNumber, code: err.code });
      return;
    }
    if (err instanceof TransportError) {
      this.transportFailures++;
      if (this.transportFailures >= TRANSPORT_FAILURES_TO_LOSE) return this.lose(err.text);
      this.opts.log.warn('TelServer keepalive failed; trying again at the next one', {
        deviceNumber: this.deviceNumber,
        error: err.message,
      });
      return;
    }
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

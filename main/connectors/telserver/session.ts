/**
 * One monitored device: opens the TelServices session with this console's
 * UDP event port, keeps it alive, filters its events, and reports when the
 * session is gone (onLost) or TelServer's own PBX link changes (onPbxLink).
 * It never reconnects by itself; the connector and supervisor do that.
 */
import type { Clock } from '../../../app/clock';
import type { Logger } from '../../core/connector';
import { TelServerError, TelServerTransportError } from './errors';
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
  /** Default: 30 s, or a third of the session timeout if that is shorter. */
  keepaliveMs?: number;
  /** How long close() waits for closeSession. Default 2000. */
  closeTimeoutMs?: number;
  clock: Clock;
  log: Logger;
}

type SessionClosure = Exclude<TsSessionEvent, 'pbxlinkOutOfService' | 'pbxlinkInService'>;

export const SESSION_CLOSED_REASONS: Record<SessionClosure, string> = {
  sessionClosedByAdmin: 'The session was closed by the administrator.',
  sessionClosedByTimeout: 'TelServer closed the session after a period without activity.',
  sessionClosedByMonitoringReject: 'The telephone system refused to monitor this phone.',
  sessionClosedByClient: 'The session was closed by another client of this phone.',
};

const NO_OPEN_SESSION_REASON = 'TelServer no longer has a session for this phone (it may have restarted).';
const DEFAULT_KEEPALIVE_MS = 30_000;
/** One lost packet is tolerated; the second failed keepalive in a row means TelServer is gone. */
const TRANSPORT_FAILURES_TO_LOSE = 2;

type State = 'new' | 'opening' | 'open' | 'lost' | 'closed';

export class TelServerSession {
  readonly deviceNumber: string;
  private state: State = 'new';
  /** Whether openSession succeeded, so close() owes TelServer a closeSession. */
  private sessionOpened = false;
  private keepaliveTimer: unknown;
  private readonly keepaliveMs: number;
  private transportFailures = 0;
  private pbxLinkUp = true;
  /** 'refused': TelServer refused a keepalive for it, so a later successful one means it is back. */
  private pbxLinkDownBy: 'refused' | 'reported' | undefined;
  private readonly eventCallbacks: ((ev: TsEvent) => void)[] = [];
  private readonly snapshotCallbacks: ((s: TsSnapshot) => void)[] = [];
  private readonly lostCallbacks: ((reason: string) => void)[] = [];
  private readonly pbxLinkCallbacks: ((up: boolean) => void)[] = [];

  constructor(private readonly opts: TelServerSessionOptions) {
    this.deviceNumber = opts.deviceNumber;
    const timeout = opts.sessionTimeoutSeconds;
    this.keepaliveMs =
      opts.keepaliveMs ?? (timeout && timeout > 0 ? Math.min(DEFAULT_KEEPALIVE_MS, (timeout * 1000) / 3) : DEFAULT_KEEPALIVE_MS);
    opts.listener.onEvent((ev) => this.receive(ev));
  }

  /** Starts the event listener if needed and opens the session; rejects with the client's error. */
  async open(): Promise<void> {
    if (this.state !== 'new') throw new Error(`This TelServer session cannot be opened again (it is ${this.state}).`);
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
    this.scheduleKeepalive();
  }

  /** Stops the keepalive, closes the session at TelServer (best effort) and the event listener. */
  async close(): Promise<void> {
    if (this.state === 'closed') return;
    this.state = 'closed';
    this.stopKeepalive();
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
    if (result.type !== 'snapshot') throw new Error(`TelServer answered a snapshot request with a ${result.type} result.`);
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

  /** The session is gone (reported once); the reason is a readable sentence. */
  onLost(cb: (reason: string) => void): void {
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

  private lose(reason: string): void {
    if (!this.live) return;
    this.state = 'lost';
    this.stopKeepalive();
    this.opts.log.warn('TelServer session lost', { deviceNumber: this.deviceNumber, reason });
    emit(this.lostCallbacks, reason, this.opts.log);
  }

  private scheduleKeepalive(): void {
    this.keepaliveTimer = this.opts.clock.setTimeout(() => void this.keepalive(), this.keepaliveMs);
  }

  private stopKeepalive(): void {
    if (this.keepaliveTimer !== undefined) this.opts.clock.clearTimeout(this.keepaliveTimer);
    this.keepaliveTimer = undefined;
  }

  /** A snapshot: refreshes the session timeout at TelServer and reconciles events lost in UDP. */
  private async keepalive(): Promise<void> {
    this.keepaliveTimer = undefined;
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
    } finally {
      if (this.state === 'open') this.scheduleKeepalive();
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
    if (err instanceof TelServerTransportError) {
      this.transportFailures++;
      if (this.transportFailures >= TRANSPORT_FAILURES_TO_LOSE) return this.lose(err.message);
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

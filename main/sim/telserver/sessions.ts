/**
 * TelServer sessions: which clients monitor which device, where their UDP
 * events go, and each session's inactivity timeout. Several clients may
 * share one device's session; the session ends with its last client.
 */
import type { Clock } from '../../../app/clock';
import { DeviceCalls } from './calls';
import type { WireCall, ErrorCode } from './messages';

export interface SessionClient {
  /** The TCP peer address of the openSession request. */
  address: string;
  /** Where events go; no events without it. */
  udpPort?: number;
  /** 'restricted' clients get only alerting call events. */
  restricted: boolean;
}

export interface Session {
  device: string;
  clients: SessionClient[];
  timeoutMs?: number;
  timer?: unknown;
  /** The last call event sent per call group id, to send only what changed and a final 'cleared'. */
  lastSent: Map<string, WireCall>;
  /** Which legs share which <call> (primary and secondary). */
  calls: DeviceCalls;
}

export interface OpenRequest {
  device: string;
  client: SessionClient;
  password?: string;
  timeoutSeconds?: number;
}

export interface SessionTableOptions {
  clock: Clock;
  /** Sessions (devices) the "license" allows. */
  limit: number;
  /** Devices whose first session needs this password. */
  passwords: Record<string, string>;
  /** Called when a session times out, before it is removed. */
  onTimeout(session: Session): void;
}

export class SessionTable {
  private readonly sessions = new Map<string, Session>();

  constructor(private readonly options: SessionTableOptions) {}

  get(device: string): Session | undefined {
    return this.sessions.get(device);
  }

  all(): Session[] {
    return [...this.sessions.values()];
  }

  /**
   * Opens (or joins) the device's session. As the document says, only the
   * first openSession on a device is authenticated.
   */
  open(request: OpenRequest): ErrorCode | undefined {
    let session = this.sessions.get(request.device);
    if (!session) {
      if (this.sessions.size >= this.options.limit) return 'sessionLimitExceeded';
      const password = this.options.passwords[request.device];
      if (password !== undefined && request.password !== password) return 'invalidCredentials';
      session = { device: request.device, clients: [], lastSent: new Map(), calls: new DeviceCalls() };
      this.sessions.set(request.device, session);
    }
    const { address, udpPort } = request.client;
    session.clients = session.clients.filter((c) => !(c.address === address && c.udpPort === udpPort));
    session.clients.push(request.client);
    // The document: positive timeouts only, otherwise ignored.
    if (request.timeoutSeconds !== undefined && request.timeoutSeconds > 0) session.timeoutMs = request.timeoutSeconds * 1000;
    this.restartTimer(session);
    return undefined;
  }

  /** Removes the clients at `address` (or all); the session ends with its last client. */
  close(device: string, address: string, allClients: boolean): void {
    const session = this.sessions.get(device);
    if (!session) return;
    session.clients = allClients ? [] : session.clients.filter((c) => c.address !== address);
    if (session.clients.length === 0) this.remove(device);
  }

  /** A request from the client: the inactivity timeout starts again. */
  activity(device: string): void {
    const session = this.sessions.get(device);
    if (session) this.restartTimer(session);
  }

  remove(device: string): Session | undefined {
    const session = this.sessions.get(device);
    if (!session) return undefined;
    if (session.timer !== undefined) this.options.clock.clearTimeout(session.timer);
    this.sessions.delete(device);
    return session;
  }

  clear(): void {
    for (const device of [...this.sessions.keys()]) this.remove(device);
  }

  private restartTimer(session: Session): void {
    if (session.timer !== undefined) this.options.clock.clearTimeout(session.timer);
    session.timer = undefined;
    if (session.timeoutMs === undefined) return;
    session.timer = this.options.clock.setTimeout(() => {
      session.timer = undefined;
      if (this.sessions.get(session.device) !== session) return;
      this.options.onTimeout(session);
      this.remove(session.device);
    }, session.timeoutMs);
  }
}

/**
 * The demo PBX's PortaSIP front end: the Call Control API's JSON-RPC over a
 * WebSocket on loopback (ws://127.0.0.1:<port>/ws), on the shared switch.
 *
 * - Session.login → a session_id; every other request names it in auth_info.
 * - enable_api_notifications binds the scope (i_customer = the whole demo
 *   Centrex, i_account = one extension, its number) to the session and the
 *   socket it came on; sip.call_control_notifications then flow for every
 *   leg of every extension in scope, one per change of that leg.
 * - get_sip_calls_list for a scope the session has not subscribed answers
 *   what PortaOne's servers answer, "Server.CallControl.sip.disabled_api_notifications",
 *   or the document's sip.call_control_disabled (the disableNotifications switch chooses).
 * - originate_advanced_call charges the account bill_id names: it must be
 *   one of the Centrex's account IDs (accountIdOf), never the extension.
 * - Call control maps onto the switch; a call the switch does not have is
 *   sip.call_not_found, bad parameters sip.wrong_parameters, an unknown
 *   method sip.unsupported_method (the document's table). A refused session
 *   is "Server.Session.auth_failed" (PortaBilling's convention; the table has none).
 * - Call queues: a caller waiting in one shows at the queue's agent (the
 *   receptionist) as a dialog in state queued with queue_info (i_c_queue,
 *   position, operators), one notification per change of place; when the
 *   queue hands it over, dequeued, then ringing. answer_call works once it
 *   rings; terminate_call releases a waiting caller.
 * - originate_advanced_call: the simulated phone of caller_id picks up at
 *   once (as with callee_auto_pickup), then the switch dials callee_id.
 * - Faults: abrupt close, refused connections, session expiry, notifications
 *   switched off on every session, malformed and
 *   oversized frames, and a load mode (synthetic extensions with many calls
 *   and a steady stream of updates).
 */
import { randomBytes } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import { WebSocketServer, type WebSocket } from 'ws';
import { PORTASIP_SCOPE_KEYS } from '../../../app/vendors/portasip';
import type { Clock } from '../../../app/clock';
import { systemClock } from '../../core/clock';
import type { Logger } from '../../core/log';
import { SwitchError, type LegView, type Switch, type SwitchChange } from '../shared/switch';
import {
  accountIdOf,
  callInfoOf,
  dequeuedInfoOf,
  dialogOf,
  extensionParty,
  portaTime,
  refOf,
  SIM_TRANSPORT_ID,
  terminatedInfoOf,
} from './views';
import {
  jsonObject,
  NOTIFICATIONS_DISABLED_FAULTS,
  NOTIFICATIONS_EVENT,
  scalarText,
  type NotificationsDisabledFault,
  type SIPCallInfo,
} from './wire';

export interface PortaSipFrontEndOptions {
  switch: Switch;
  clock?: Clock;
  log?: Logger;
  port?: number;
  /** API logins and their passwords. Default: one login "reception" with a random password. */
  accounts?: Record<string, string>;
  /** The demo Centrex's i_customer. Default 30 (as in the document's examples). */
  customerId?: number;
  /** Frames above this are refused with sip.wrong_parameters. Default 256 KiB. */
  maxRequestBytes?: number;
}

export interface PortaSipFaults {
  /** Every socket is cut without a close frame. */
  abruptClose(): void;
  /** On: new WebSockets are refused (HTTP 503). */
  refuseConnections(on: boolean): void;
  /** Every session is forgotten (as after expiry): the next request gets auth_failed, notifications stop. */
  expireSessions(): void;
  /**
   * Every session's notifications are switched off (as after a restart of
   * PortaSIP's notification worker): no more notifications, and
   * get_sip_calls_list answers `fault` (default: disabled_api_notifications,
   * as PortaOne's servers do) until the session enables them again. `refuseEnable`:
   * enable_api_notifications is refused with the same fault too, until allowNotifications().
   */
  disableNotifications(options?: { fault?: NotificationsDisabledFault; refuseEnable?: boolean }): void;
  /** enable_api_notifications works again (after disableNotifications with refuseEnable). */
  allowNotifications(): void;
  /** Sends a frame that is not JSON to every subscribed socket. */
  sendMalformedFrame(): void;
  /** Sends a frame of this size (default 2 MiB) to every subscribed socket. */
  sendOversizedFrame(bytes?: number): void;
  /** Synthetic extensions with `calls` calls in all, `updatesPerSecond` state changes a second. Stop with stopLoad. */
  startLoad(options?: { calls?: number; updatesPerSecond?: number; extensions?: number }): void;
  /** The load's calls stay as they are, without further changes (what a bench reads back); stopLoad ends them. */
  pauseLoad(): void;
  stopLoad(): void;
}

interface Session {
  id: string;
  login: string;
  /** "i_customer:30", "i_account:1100" … */
  scopes: Set<string>;
  socket?: WebSocket;
}

const HOST = '127.0.0.1';
const AUTH_FAILED = 'Server.Session.auth_failed';
const silentLog: Logger = { debug() {}, info() {}, warn() {}, error() {} };

class ApiError extends Error {
  constructor(
    readonly code: string,
    message: string,
    readonly details?: unknown,
  ) {
    super(message);
  }
}

export class PortaSipFrontEnd {
  readonly faults: PortaSipFaults;
  readonly accounts: Record<string, string>;
  readonly customerId: number;
  private readonly sw: Switch;
  private readonly clock: Clock;
  private readonly log: Logger;
  private readonly maxRequestBytes: number;
  private readonly sessions = new Map<string, Session>();
  private readonly lastSent = new Map<string, string>();
  /** Each leg's state as last notified: a leg that leaves 'queued' for ringing says 'dequeued' first. */
  private readonly lastState = new Map<string, SIPCallInfo['state']>();
  private server?: WebSocketServer;
  private port: number;
  private unsubscribe?: () => void;
  private refusing = false;
  /** What a list request on a scope without notifications is answered with. */
  private notificationsDisabledCode: string = NOTIFICATIONS_DISABLED_FAULTS.disabled_api_notifications;
  private refusingEnable = false;
  private loadTimer?: ReturnType<typeof setInterval>;
  private loadCalls: SIPCallInfo[] = [];

  constructor(options: PortaSipFrontEndOptions) {
    this.sw = options.switch;
    this.clock = options.clock ?? systemClock;
    this.log = options.log ?? silentLog;
    this.port = options.port ?? 0;
    this.accounts = options.accounts ?? { reception: randomBytes(12).toString('hex') };
    this.customerId = options.customerId ?? 30;
    this.maxRequestBytes = options.maxRequestBytes ?? 256 * 1024;
    this.faults = this.createFaults();
  }

  async start(): Promise<{ host: string; port: number; url: string }> {
    const server = new WebSocketServer({
      host: HOST,
      port: this.port,
      path: '/ws',
      maxPayload: this.maxRequestBytes,
      verifyClient: (_info, done) => done(!this.refusing, 503, 'Service Unavailable'),
    });
    this.server = server;
    await new Promise<void>((resolve, reject) => {
      server.once('listening', resolve);
      server.once('error', reject);
    });
    this.port = (server.address() as AddressInfo).port;
    server.on('connection', (socket) => this.accept(socket));
    this.unsubscribe = this.sw.onChange((changes) => this.publish(changes));
    this.log.info('portasip sim listening', { host: HOST, port: this.port });
    return { host: HOST, port: this.port, url: `ws://${HOST}:${this.port}/ws` };
  }

  async stop(): Promise<void> {
    this.faults.stopLoad();
    this.unsubscribe?.();
    this.unsubscribe = undefined;
    const server = this.server;
    this.server = undefined;
    if (!server) return;
    for (const client of server.clients) client.terminate();
    await new Promise<void>((resolve) => server.close(() => resolve()));
    this.sessions.clear();
  }

  /** Logins with a live session (tests). */
  sessionLogins(): string[] {
    return [...this.sessions.values()].map((s) => s.login);
  }

  private accept(socket: WebSocket): void {
    socket.on('error', () => {});
    socket.on('message', (data, isBinary) => {
      if (isBinary)
        return this.send(socket, { error: { code: 'sip.wrong_parameters', message: 'Bad parameters', details: 'binary frame' } });
      this.handle(
        socket,
        Buffer.isBuffer(data) ? data.toString('utf8') : Buffer.concat(Array.isArray(data) ? data : [Buffer.from(data)]).toString('utf8'),
      );
    });
    socket.on('close', () => {
      for (const session of this.sessions.values()) if (session.socket === socket) session.socket = undefined;
    });
  }

  private handle(socket: WebSocket, text: string): void {
    let frame: Record<string, unknown> | undefined;
    try {
      frame = jsonObject(JSON.parse(text));
    } catch {
      frame = undefined;
    }
    if (!frame) {
      this.send(socket, { error: { code: 'sip.wrong_parameters', message: 'Bad parameters', details: 'not a JSON object' } });
      return;
    }
    const cseq = typeof frame.cseq === 'number' ? frame.cseq : undefined;
    try {
      const result = this.execute(socket, frame);
      if (cseq !== undefined) this.send(socket, { cseq, result: { ...result, success: 1 }, success: 1 });
    } catch (error) {
      const e = error instanceof ApiError ? error : new ApiError('sip.internal_server_error', 'Internal processing error', String(error));
      if (cseq !== undefined) this.send(socket, { cseq, error: { code: e.code, message: e.message, details: e.details ?? null } });
    }
  }

  private execute(socket: WebSocket, frame: Record<string, unknown>): Record<string, unknown> {
    const params = jsonObject(frame.params) ?? {};
    if (frame.service === 'Session' && frame.method === 'login') {
      const login = scalarText(params.login);
      if (!Object.prototype.hasOwnProperty.call(this.accounts, login) || this.accounts[login] !== params.password) {
        throw new ApiError(AUTH_FAILED, 'Authentication failed');
      }
      const session: Session = { id: randomBytes(16).toString('hex'), login, scopes: new Set(), socket };
      this.sessions.set(session.id, session);
      return { session_id: session.id };
    }
    const sessionId = jsonObject(frame.auth_info)?.session_id;
    const session = typeof sessionId === 'string' ? this.sessions.get(sessionId) : undefined;
    if (!session) throw new ApiError(AUTH_FAILED, 'Session expired or unknown');
    if (frame.service === 'Session' && frame.method === 'logout') {
      this.sessions.delete(session.id);
      return {};
    }
    if (frame.service !== 'CallControl') throw new ApiError('sip.unsupported_method', 'Unsupported method', frame.service);
    switch (frame.method) {
      case 'enable_api_notifications':
        if (this.refusingEnable) throw new ApiError(this.notificationsDisabledCode, 'Disabled', 'notifications are switched off');
        session.scopes.add(this.scopeKey(params));
        session.socket = socket;
        return {};
      case 'disable_api_notifications':
        session.scopes.delete(this.scopeKey(params));
        return {};
      case 'get_sip_calls_list': {
        const key = this.scopeKey(params);
        if (!session.scopes.has(key)) throw new ApiError(this.notificationsDisabledCode, 'Disabled', 'enable_api_notifications first');
        return { calls_list: this.callsIn(key) };
      }
      case 'originate_advanced_call': {
        const from = scalarText(params.caller_id);
        const to = scalarText(params.callee_id);
        if (!this.sw.hasDevice(from) || !to)
          throw new ApiError('sip.wrong_parameters', 'Bad parameters', 'caller_id must be an extension, callee_id a number');
        const billId = scalarText(params.bill_id);
        if (!this.sw.deviceNumbers().some((device) => accountIdOf(device) === billId))
          throw new ApiError('sip.wrong_parameters', 'Bad parameters', 'bill_id must be an account ID of this environment');
        const ref = this.switchOp(() => this.sw.makeCall(from, to));
        return { call: { id: dialogOf(ref).id } };
      }
      case 'answer_call':
      case 'terminate_call':
      case 'hold_call':
      case 'unhold_call':
      case 'transfer_call':
      case 'join_calls': {
        const { device, ref } = this.findLeg(params.call);
        if (params.transport_id !== SIM_TRANSPORT_ID) throw new ApiError('sip.wrong_parameters', 'Bad parameters', 'transport_id');
        const ops: Record<string, () => void> = {
          answer_call: () => this.sw.answer(device, ref),
          terminate_call: () => this.sw.drop(device, ref),
          hold_call: () => this.sw.hold(device, ref),
          unhold_call: () => this.sw.retrieve(device, ref),
          transfer_call: () => {
            if (typeof params.cld !== 'string' || !params.cld) throw new ApiError('sip.wrong_parameters', 'Bad parameters', 'cld');
            this.sw.divert(device, params.cld, ref);
          },
          join_calls: () => {
            const other = this.findLeg(params.to_call);
            if (other.device !== device)
              throw new ApiError('sip.wrong_parameters', 'Bad parameters', 'call and to_call of different extensions');
            this.sw.transfer(device);
          },
        };
        this.switchOp(ops[frame.method]);
        return {};
      }
      default:
        throw new ApiError('sip.unsupported_method', 'Unsupported method', frame.method);
    }
  }

  private switchOp<T>(op: () => T): T {
    try {
      return op();
    } catch (error) {
      if (error instanceof SwitchError) {
        if (error.code === 'noCall') throw new ApiError('sip.call_not_found', 'Not found', error.message);
        throw new ApiError('sip.wrong_parameters', 'Bad parameters', error.message);
      }
      throw error;
    }
  }

  private scopeKey(params: Record<string, unknown>): string {
    const keys = PORTASIP_SCOPE_KEYS.filter((k) => params[k] !== undefined);
    if (keys.length !== 1 || !Number.isInteger(params[keys[0]]))
      throw new ApiError('sip.wrong_parameters', 'Bad parameters', 'exactly one of i_account, i_customer, i_main_office, i_ivr_an');
    return `${keys[0]}:${scalarText(params[keys[0]])}`;
  }

  private inScope(key: string, device: string): boolean {
    return key === `i_customer:${this.customerId}` || key === `i_main_office:${this.customerId}` || key === `i_account:${Number(device)}`;
  }

  private findLeg(call: unknown): { device: string; ref: string } {
    const ref = refOf(jsonObject(call));
    if (!ref) throw new ApiError('sip.call_not_found', 'Not found', call);
    for (const device of this.sw.deviceNumbers()) {
      const view = this.sw.deviceView(device);
      if (view.groups.some((g) => g.primary.ref === ref || g.consultation?.ref === ref)) return { device, ref };
    }
    throw new ApiError('sip.call_not_found', 'Not found', call);
  }

  private deviceInfos(device: string): SIPCallInfo[] {
    return this.deviceLegInfos(device).map((d) => d.info);
  }

  private deviceLegInfos(device: string): { leg: LegView; info: SIPCallInfo }[] {
    const view = this.sw.deviceView(device);
    const now = this.clock.now();
    return view.groups
      .flatMap((g) => [g.primary, g.consultation])
      .filter((leg) => leg !== undefined)
      .map((leg) => ({ leg, info: callInfoOf(view, leg, String(this.customerId), now) }));
  }

  private callsIn(key: string): SIPCallInfo[] {
    const calls = this.sw
      .deviceNumbers()
      .filter((d) => this.inScope(key, d))
      .flatMap((d) => this.deviceInfos(d));
    if (this.inScope(key, '')) calls.push(...this.loadCalls);
    return calls;
  }

  private publish(changes: SwitchChange[]): void {
    const now = this.clock.now();
    for (const change of changes) {
      if (change.kind !== 'calls') continue;
      const view = this.sw.deviceView(change.device);
      for (const ended of change.ended) {
        this.lastSent.delete(ended.ref);
        this.lastState.delete(ended.ref);
        this.notify(
          change.device,
          terminatedInfoOf(
            view,
            ended.last,
            ended.endCause === 'transfer' ? 'blind transfer' : ended.endCause,
            String(this.customerId),
            now,
          ),
        );
      }
      for (const { leg, info } of this.deviceLegInfos(change.device)) {
        const text = JSON.stringify(info);
        const ref = leg.ref;
        if (this.lastSent.get(ref) === text) continue;
        if (this.lastState.get(ref) === 'queued' && info.state !== 'queued') {
          const dequeued = dequeuedInfoOf(view, leg, String(this.customerId), now);
          if (dequeued) this.notify(change.device, dequeued);
        }
        this.lastSent.set(ref, text);
        this.lastState.set(ref, info.state);
        this.notify(change.device, info);
      }
    }
  }

  private notify(device: string, info: SIPCallInfo): void {
    const frame = JSON.stringify({ action: 'update', event: NOTIFICATIONS_EVENT, result: { call_info: info } });
    const sockets = new Set<WebSocket>();
    for (const session of this.sessions.values()) {
      if (!session.socket || session.socket.readyState !== session.socket.OPEN) continue;
      if ([...session.scopes].some((key) => this.inScope(key, device))) sockets.add(session.socket);
    }
    for (const socket of sockets) socket.send(frame);
  }

  private subscribedSockets(): WebSocket[] {
    return [...new Set([...this.sessions.values()].filter((s) => s.socket && s.scopes.size > 0).map((s) => s.socket!))];
  }

  private send(socket: WebSocket, message: unknown): void {
    if (socket.readyState === socket.OPEN) socket.send(JSON.stringify(message));
  }

  private createFaults(): PortaSipFaults {
    return {
      abruptClose: () => {
        for (const client of this.server?.clients ?? []) client.terminate();
      },
      refuseConnections: (on) => {
        this.refusing = on;
      },
      expireSessions: () => this.sessions.clear(),
      disableNotifications: ({ fault = 'disabled_api_notifications', refuseEnable = false } = {}) => {
        this.notificationsDisabledCode = NOTIFICATIONS_DISABLED_FAULTS[fault];
        this.refusingEnable = refuseEnable;
        for (const session of this.sessions.values()) session.scopes.clear();
      },
      allowNotifications: () => {
        this.refusingEnable = false;
      },
      sendMalformedFrame: () => {
        for (const socket of this.subscribedSockets())
          socket.send('{"action":"update","event":"sip.call_control_notifications","result":{"call_info":');
      },
      sendOversizedFrame: (bytes = 2 * 1024 * 1024) => {
        const filler = 'x'.repeat(Math.max(0, bytes - 100));
        for (const socket of this.subscribedSockets())
          socket.send(JSON.stringify({ action: 'update', event: NOTIFICATIONS_EVENT, filler }));
      },
      startLoad: (options = {}) => this.startLoad(options.calls ?? 1000, options.updatesPerSecond ?? 200, options.extensions ?? 250),
      pauseLoad: () => {
        if (this.loadTimer) clearInterval(this.loadTimer);
        this.loadTimer = undefined;
      },
      stopLoad: () => {
        if (this.loadTimer) clearInterval(this.loadTimer);
        this.loadTimer = undefined;
        this.loadCalls = [];
      },
    };
  }

  /**
   * Load mode: synthetic extensions (9000…) outside the switch, `calls`
   * connected calls among them, and `updatesPerSecond` hold/unhold changes,
   * sent in 20 ms batches to every whole-Centrex subscriber.
   */
  private startLoad(calls: number, updatesPerSecond: number, extensions: number): void {
    this.faults.stopLoad();
    const now = portaTime(this.clock.now());
    const centrex = String(this.customerId);
    this.loadCalls = Array.from({ length: calls }, (_, i) => {
      const ext = String(9000 + (i % extensions));
      return {
        call: { id: `load-${i}@sim.portasip`, tag: `l${i}` },
        caller: {
          id: `+37255${String(i).padStart(5, '0')}`,
          display_id: `+37255${String(i).padStart(5, '0')}`,
          display_name: `Load caller ${i}`,
          forwarder_list: [],
        },
        callee: extensionParty(ext, `Load extension ${ext}`, centrex),
        state: 'connected',
        type: 'incoming',
        transport_id: SIM_TRANSPORT_ID,
        connect_time: now,
      } satisfies SIPCallInfo;
    });
    for (const info of this.loadCalls) this.notify('', info);
    const perTick = Math.max(1, Math.round(updatesPerSecond / 50));
    let next = 0;
    this.loadTimer = setInterval(() => {
      for (let i = 0; i < perTick && this.loadCalls.length; i++) {
        const info = this.loadCalls[next++ % this.loadCalls.length];
        info.state = info.state === 'connected' ? 'holding' : 'connected';
        this.notify('', info);
      }
    }, 20);
    this.loadTimer.unref?.();
  }
}

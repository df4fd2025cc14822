/**
 * The demo PBX's innovaphone front end: the PBX SOAP API over HTTP on
 * loopback (POST /PBX0/user.soap), on the shared switch.
 *
 * - Authentication: Basic or Digest (MD5 / SHA-256), per configured users.
 * - Sessions: Initialize queues one UserInfo per user and the empty-cn
 *   terminator; UserInitialize queues the user's current calls; switch
 *   changes queue CallInfo (for monitored users) and UserInfo (presence)
 *   events. Poll answers at once when events wait, else holds up to
 *   `pollHoldMs` (the real PBX: about 60 s).
 * - A session ends shortly after the last HTTP connection it used closes.
 * - Fault switches: SOAP faults, invalid sessions, dropped connections, slow Poll.
 */
import http from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { onRequestBody } from '../shared/request-body';
import { randomInt } from 'node:crypto';
import type { Clock } from '../../../app/clock';
import type { Logger } from '../../core/log';
import {
  anyInfoValue,
  callInfoValue,
  encodeResponse,
  partBool,
  partInt,
  partText,
  readRequest,
  userInfoValue,
  type ReceivedRequest,
} from '../../connectors/innovaphone/codec';
import type { CallInfo, UserInfo } from '../../connectors/innovaphone/messages';
import { DigestVerifier, verifyBasic, type DigestAlgorithm } from '../../connectors/shared/http-auth';
import { buildFaultEnvelope, SoapArray, type SoapValue } from '../../connectors/shared/soap';
import { SwitchError, type LegView, type Switch, type SwitchChange } from '../shared/switch';
import { callHandleOf, callInfoOf, endedCallInfo, legRefOf } from './calls';
import { STREAM_END, userInfoOf, usersOf, type SimUser } from './users';

export interface InnovaphoneFrontEndOptions {
  switch: Switch;
  clock?: Clock;
  log?: Logger;
  port?: number;
  /** HTTP users and passwords. Default { API: 'demo' }. */
  accounts?: Record<string, string>;
  auth?: 'basic' | 'digest';
  digestAlgorithm?: DigestAlgorithm;
  /** How long an idle Poll is held. Default 55 s. */
  pollHoldMs?: number;
  /** Events per Poll reply at most. Default 2000. */
  pollBatch?: number;
  /** A session with no HTTP connection left ends after this long. Default 2 s. */
  orphanSessionMs?: number;
}

export interface InnovaphoneFaults {
  /** The next `count` requests (of `op`, or any) are answered with a SOAP Fault. */
  soapFault(count?: number, op?: string): void;
  /** Every session is forgotten: the next request naming one gets "invalid session". */
  invalidateSessions(): void;
  /** Every HTTP connection is cut (sessions then end, as on a real PBX). */
  dropConnections(): void;
  /** Every Poll reply waits this long first (0 = off). */
  slowPoll(ms: number): void;
  /** Users' presence changes, for the demo and the benchmark. */
  setPresence(e164: string, presence: { activity: string; note: string } | undefined): void;
  setRegistered(e164: string, registered: boolean): void;
  /** Changes random users' presence `perSecond` times a second for `seconds` (benchmarks, demo life). */
  presenceLoad(perSecond: number, seconds: number): void;
}

interface PendingPoll {
  respond(): void;
  timer: NodeJS.Timeout;
  res: http.ServerResponse;
}

interface Session {
  id: number;
  key: number;
  queue: { user?: UserInfo; call?: CallInfo }[];
  /** user handle → device number */
  handles: Map<number, string>;
  pending?: PendingPoll;
  sockets: Set<Socket>;
  orphanTimer?: NodeJS.Timeout;
  /** Last CallInfo state sent per call handle, to send only changes. */
  sentCalls: Map<number, string>;
}

/** Calls may be asked without UserInitialize, so its records carry no usable handles (the document: "meaningless"). */
const MEANINGLESS_HANDLE = 0;

const SOAP_PATH = /^\/PBX0(-[A-Za-z0-9_-]+)?\/user\.soap$/;

export class InnovaphoneFrontEnd {
  readonly faults: InnovaphoneFaults;
  private readonly sw: Switch;
  private readonly server: http.Server;
  private readonly sessions = new Map<number, Session>();
  private readonly users: Map<string, SimUser>;
  private readonly byCn: Map<string, SimUser>;
  private readonly digest: DigestVerifier;
  private readonly sockets = new Set<Socket>();
  private nextSession = 1;
  private nextHandle = 1;
  private faultBudget = 0;
  private faultOp: string | undefined;
  private pollDelayMs = 0;
  private unsubscribe: (() => void) | undefined;

  constructor(private readonly options: InnovaphoneFrontEndOptions) {
    this.sw = options.switch;
    const users = usersOf(this.sw);
    this.users = new Map(users.map((u) => [u.e164, u]));
    this.byCn = new Map(users.map((u) => [u.cn, u]));
    const accounts = options.accounts ?? { API: 'demo' };
    this.digest = new DigestVerifier({
      realm: 'PBX0',
      algorithm: options.digestAlgorithm ?? 'SHA-256',
      passwordOf: (u) => (Object.hasOwn(accounts, u) ? accounts[u] : undefined),
    });
    this.server = http.createServer((req, res) => this.handle(req, res, accounts));
    this.server.keepAliveTimeout = 120_000;
    this.server.headersTimeout = 130_000;
    this.server.requestTimeout = 0;
    this.server.on('connection', (socket) => {
      this.sockets.add(socket);
      socket.on('close', () => {
        this.sockets.delete(socket);
        for (const session of this.sessions.values()) if (session.sockets.delete(socket)) this.checkOrphan(session);
      });
    });
    this.faults = {
      soapFault: (count = 1, op) => {
        this.faultBudget = count;
        this.faultOp = op;
      },
      invalidateSessions: () => {
        for (const session of [...this.sessions.values()]) this.endSession(session);
      },
      dropConnections: () => {
        for (const socket of this.sockets) socket.destroy();
      },
      slowPoll: (ms) => {
        this.pollDelayMs = ms;
      },
      setPresence: (e164, presence) => this.updateUser(e164, (u) => (u.presence = presence)),
      setRegistered: (e164, registered) => this.updateUser(e164, (u) => (u.registered = registered)),
      presenceLoad: (perSecond, seconds) => this.presenceLoad(perSecond, seconds),
    };
  }

  async start(): Promise<{ host: string; port: number; url: string }> {
    this.unsubscribe = this.sw.onChange((changes) => this.onSwitchChange(changes));
    await new Promise<void>((resolve, reject) => {
      this.server.once('error', reject);
      this.server.listen(this.options.port ?? 0, '127.0.0.1', resolve);
    });
    const { port } = this.server.address() as AddressInfo;
    return { host: '127.0.0.1', port, url: `http://127.0.0.1:${port}/PBX0/user.soap` };
  }

  async stop(): Promise<void> {
    this.unsubscribe?.();
    for (const session of [...this.sessions.values()]) this.endSession(session);
    for (const socket of this.sockets) socket.destroy();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  sessionCount(): number {
    return this.sessions.size;
  }

  // ------------------------------------------------------------------ HTTP

  private handle(req: http.IncomingMessage, res: http.ServerResponse, accounts: Record<string, string>): void {
    if (req.method !== 'POST' || !SOAP_PATH.test(req.url ?? '')) {
      res.writeHead(404).end();
      return;
    }
    const verdict =
      this.options.auth === 'basic'
        ? verifyBasic(req.headers.authorization, (u) => (Object.hasOwn(accounts, u) ? accounts[u] : undefined))
        : this.digest.verify(req.headers.authorization, 'POST');
    if (!verdict.ok) {
      req.resume();
      const challenge = this.options.auth === 'basic' ? 'Basic realm="PBX0"' : this.digest.challenge(verdict.stale);
      res.writeHead(401, { 'WWW-Authenticate': challenge, 'Content-Length': 0 }).end();
      return;
    }
    onRequestBody(req, (body) => {
      let request: ReceivedRequest;
      try {
        request = readRequest(body);
      } catch (error) {
        this.fault(res, 'SOAP-ENV:Client', (error as Error).message);
        return;
      }
      if (this.faultBudget > 0 && (!this.faultOp || this.faultOp === request.op)) {
        this.faultBudget--;
        this.fault(res, 'SOAP-ENV:Server', 'simulated fault');
        return;
      }
      try {
        this.dispatch(request, req.socket, res);
      } catch (error) {
        const message =
          error instanceof SwitchError || error instanceof SimRequestError ? error.message : `internal error: ${String(error)}`;
        this.fault(res, error instanceof SimRequestError ? 'SOAP-ENV:Client' : 'SOAP-ENV:Server', message);
      }
    });
  }

  private reply(res: http.ServerResponse, op: string, parts: [string, SoapValue][]): void {
    if (res.writableEnded || res.destroyed) return;
    const body = encodeResponse(op as never, parts);
    res.writeHead(200, { 'Content-Type': 'text/xml; charset=utf-8', 'Content-Length': Buffer.byteLength(body) }).end(body);
  }

  private fault(res: http.ServerResponse, code: string, message: string): void {
    if (res.writableEnded || res.destroyed) return;
    const body = buildFaultEnvelope(code, message);
    res.writeHead(500, { 'Content-Type': 'text/xml; charset=utf-8', 'Content-Length': Buffer.byteLength(body) }).end(body);
  }

  // -------------------------------------------------------------- operations

  private dispatch(request: ReceivedRequest, socket: Socket, res: http.ServerResponse): void {
    const op = request.op;
    const ok = (parts: [string, SoapValue][] = []) => this.reply(res, op, parts);
    switch (op) {
      case 'Version':
        return ok([
          ['return', 1000],
          ['gkId', 'nordvalgus.demo'],
          ['location', 'master'],
          ['firmware', 'demo PBX (innovaphone SOAP v10)'],
          ['serial', '00-00-00-00-00-00'],
        ]);
      case 'Initialize': {
        if (!this.byCn.has(partText(request, 'user')))
          return ok([
            ['return', 0],
            ['key', 0],
          ]);
        if (!partBool(request, 'v501') || !partBool(request, 'vx1000'))
          throw new SimRequestError('the v10 interface needs the version flags');
        const session: Session = {
          id: this.nextSession++,
          key: randomInt(1, 2 ** 31 - 1),
          queue: [],
          handles: new Map(),
          sockets: new Set([socket]),
          sentCalls: new Map(),
        };
        this.sessions.set(session.id, session);
        for (const user of this.users.values()) session.queue.push({ user: userInfoOf(this.sw, user) });
        session.queue.push({ user: STREAM_END });
        return ok([
          ['return', session.id],
          ['key', session.key],
        ]);
      }
      case 'Echo': {
        const session = this.sessions.get(partInt(request, 'session'));
        if (session) session.sockets.add(socket);
        return ok([['return', session && session.key === partInt(request, 'key') ? 1 : 0]]);
      }
      case 'End': {
        const session = this.sessions.get(partInt(request, 'session'));
        if (session) this.endSession(session);
        return ok();
      }
      case 'UserInitialize': {
        const session = this.session(request, socket);
        const user = this.byCn.get(partText(request, 'user'));
        if (!user) return ok([['return', 0]]);
        const handle = this.nextHandle++;
        session.handles.set(handle, user.e164);
        this.queueCalls(session, handle, user.e164, []);
        this.wake(session);
        return ok([['return', handle]]);
      }
      case 'UserEnd': {
        for (const session of this.sessions.values()) session.handles.delete(partInt(request, 'user'));
        return ok();
      }
      case 'Poll':
        return this.poll(this.session(request, socket), res);
      case 'Calls': {
        this.session(request, socket);
        const user = this.byCn.get(partText(request, 'user'));
        const legs = user ? this.legsOf(user.e164) : [];
        return ok([
          [
            'return',
            new SoapArray(
              'CallInfo',
              legs.map((leg) => callInfoValue(callInfoOf(0, leg, '', MEANINGLESS_HANDLE))),
            ),
          ],
        ]);
      }
      case 'FindUser':
        return ok([
          [
            'return',
            new SoapArray(
              'UserInfo',
              this.findUsers(request).map((u) => userInfoValue(userInfoOf(this.sw, u))),
            ),
          ],
        ]);
      case 'UserCall': {
        const [session, device] = this.userOf(partInt(request, 'user'));
        const to = partText(request, 'e164') || this.byCn.get(partText(request, 'cn'))?.e164 || '';
        return ok([['return', callHandleOf(session.id, this.sw.makeCall(device, to))]]);
      }
      case 'UserConnect':
        this.sw.answer(...this.legOf(request, 'call'));
        return ok();
      case 'UserClear':
        this.sw.drop(...this.legOf(request, 'call'));
        return ok();
      case 'UserHold':
        this.sw.hold(...this.legOf(request, 'call'));
        return ok();
      case 'UserRetrieve':
        this.sw.retrieve(...this.legOf(request, 'call'));
        return ok();
      case 'UserTransfer': {
        // The document names the parts acall/bcall; some clients send a/b.
        const [device] = this.legOf(request, request.parts.has('acall') ? 'acall' : 'a');
        this.sw.transfer(device);
        return ok();
      }
      case 'UserRedirect': {
        const [device, ref] = this.legOf(request, 'call');
        const to = partText(request, 'e164') || this.byCn.get(partText(request, 'cn'))?.e164 || '';
        this.sw.divert(device, to, ref);
        return ok([['return', true]]);
      }
      case 'UserPickup': {
        const [session, device] = this.userOf(partInt(request, 'user'));
        const call = partInt(request, 'call');
        if (call) {
          this.sw.unpark(device, legRefOf(call));
          return ok([['return', call]]);
        }
        const from = this.byCn.get(partText(request, 'cn'));
        if (!from) return ok([['return', 0]]);
        return ok([['return', callHandleOf(session.id, this.sw.pickup(device, from.e164))]]);
      }
      case 'UserPark': {
        const [device, ref] = this.legOf(request, 'call');
        this.sw.park(device, ref);
        return ok([['return', partInt(request, 'call')]]);
      }
      case 'UserRc': {
        const [device] = this.legOf(request, 'call');
        if (partInt(request, 'rc') !== 4) throw new SimRequestError('only rc 4 (conference) is simulated');
        this.sw.conference(device);
        return ok();
      }
      default:
        throw new SimRequestError(`unknown operation ${op}`);
    }
  }

  private session(request: ReceivedRequest, socket: Socket): Session {
    const session = this.sessions.get(partInt(request, 'session'));
    if (!session) throw new SimRequestError('invalid session');
    session.sockets.add(socket);
    if (session.orphanTimer) clearTimeout(session.orphanTimer);
    session.orphanTimer = undefined;
    return session;
  }

  /** The device and leg ref of a call handle (a session's handle for a switch leg). */
  private legOf(request: ReceivedRequest, part: string): [string, string] {
    const ref = legRefOf(partInt(request, part));
    for (const device of this.users.keys()) {
      if (this.legsOf(device).some((l) => l.ref === ref)) return [device, ref];
    }
    throw new SwitchError('noCall', `no call ${ref}`);
  }

  private userOf(userHandle: number): [Session, string] {
    for (const session of this.sessions.values()) {
      const device = session.handles.get(userHandle);
      if (device) return [session, device];
    }
    throw new SimRequestError('invalid user handle');
  }

  private legsOf(device: string): LegView[] {
    return this.sw.deviceView(device).groups.flatMap((g) => (g.consultation ? [g.primary, g.consultation] : [g.primary]));
  }

  private findUsers(request: ReceivedRequest): SimUser[] {
    const count = Math.max(1, Math.min(partInt(request, 'count') || 20, 100));
    const next = partBool(request, 'next');
    const e164 = partText(request, 'e164');
    const cn = partText(request, 'cn');
    const sorted = e164
      ? [...this.users.values()].sort((a, b) => a.e164.localeCompare(b.e164))
      : [...this.users.values()].sort((a, b) => a.cn.localeCompare(b.cn, 'en', { sensitivity: 'base' }));
    const key = (u: SimUser) => (e164 ? u.e164 : u.cn);
    const start = e164 || cn;
    const from = sorted.findIndex((u) => {
      const c = key(u).localeCompare(start, 'en', { sensitivity: 'base' });
      return next ? c > 0 : c >= 0;
    });
    return from < 0 ? [] : sorted.slice(from, from + count);
  }

  // ------------------------------------------------------------------ events

  private poll(session: Session, res: http.ServerResponse): void {
    session.pending?.respond();
    const respond = () => {
      if (session.pending?.respond === respond) {
        clearTimeout(session.pending.timer);
        session.pending = undefined;
      }
      const batch = session.queue.splice(0, this.options.pollBatch ?? 2000);
      const send = () =>
        this.reply(res, 'Poll', [
          [
            'return',
            anyInfoValue({ user: batch.flatMap((e) => (e.user ? [e.user] : [])), call: batch.flatMap((e) => (e.call ? [e.call] : [])) }),
          ],
        ]);
      if (this.pollDelayMs > 0) setTimeout(send, this.pollDelayMs).unref();
      else send();
    };
    if (session.queue.length > 0) {
      respond();
      return;
    }
    const timer = setTimeout(respond, this.options.pollHoldMs ?? 55_000);
    timer.unref();
    session.pending = { respond, timer, res };
    res.on('close', () => {
      if (session.pending?.respond === respond) {
        clearTimeout(timer);
        session.pending = undefined;
      }
    });
  }

  private wake(session: Session): void {
    if (session.queue.length > 0) session.pending?.respond();
  }

  private onSwitchChange(changes: SwitchChange[]): void {
    for (const change of changes) {
      if (change.kind !== 'calls') continue;
      const user = this.users.get(change.device);
      if (!user) continue;
      const info = userInfoOf(this.sw, user);
      for (const session of this.sessions.values()) {
        session.queue.push({ user: info });
        for (const [handle, device] of session.handles) {
          if (device === change.device)
            this.queueCalls(
              session,
              handle,
              device,
              change.ended.map((e) => e.last),
            );
        }
      }
    }
    for (const session of this.sessions.values()) this.wake(session);
  }

  private queueCalls(session: Session, handle: number, device: string, ended: LegView[]): void {
    for (const leg of ended) {
      session.sentCalls.delete(callHandleOf(session.id, leg.ref));
      session.queue.push({ call: endedCallInfo(handle, leg, callHandleOf(session.id, leg.ref)) });
    }
    for (const leg of this.legsOf(device)) {
      const info = callInfoOf(handle, leg, leg.state === 'alerting' ? 'r-alert' : 'x-info', callHandleOf(session.id, leg.ref));
      const signature = `${info.state}|${info.no.map((n) => `${n.type}:${n.e164}`).join(',')}`;
      if (session.sentCalls.get(info.call) === signature) continue;
      session.sentCalls.set(info.call, signature);
      session.queue.push({ call: info });
    }
  }

  private updateUser(e164: string, change: (user: SimUser) => void): void {
    const user = this.users.get(e164);
    if (!user) throw new SimRequestError(`no user ${e164}`);
    change(user);
    const info = userInfoOf(this.sw, user);
    for (const session of this.sessions.values()) {
      session.queue.push({ user: info });
      this.wake(session);
    }
  }

  private presenceLoad(perSecond: number, seconds: number): void {
    const users = [...this.users.values()];
    const tickMs = 20;
    const perTick = perSecond * (tickMs / 1000);
    let due = 0;
    let n = 0;
    const end = Date.now() + seconds * 1000;
    const timer = setInterval(() => {
      if (Date.now() >= end) {
        clearInterval(timer);
        return;
      }
      for (due += perTick; due >= 1; due--) {
        const user = users[randomInt(users.length)];
        user.presence = { activity: ['away', 'busy', 'lunch', 'meeting'][n++ % 4], note: `note ${n}` };
        const info = userInfoOf(this.sw, user);
        for (const session of this.sessions.values()) session.queue.push({ user: info });
      }
      for (const session of this.sessions.values()) this.wake(session);
    }, tickMs);
    timer.unref();
  }

  private checkOrphan(session: Session): void {
    if (session.sockets.size > 0 || session.orphanTimer || !this.sessions.has(session.id)) return;
    session.orphanTimer = setTimeout(() => {
      if (session.sockets.size === 0) this.endSession(session);
    }, this.options.orphanSessionMs ?? 2000);
    session.orphanTimer.unref();
  }

  /** Ends a session; a Poll still pending on it is answered as a request for it would be: "invalid session". */
  private endSession(session: Session): void {
    this.sessions.delete(session.id);
    if (session.orphanTimer) clearTimeout(session.orphanTimer);
    const pending = session.pending;
    session.pending = undefined;
    if (pending) {
      clearTimeout(pending.timer);
      this.fault(pending.res, 'SOAP-ENV:Client', 'invalid session');
    }
    this.options.log?.debug('innovaphone sim: session ended', { session: session.id });
  }
}

class SimRequestError extends Error {}

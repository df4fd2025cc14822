/**
 * The demo PBX's innovaphone front end: the PBX SOAP API over HTTP on
 * loopback (POST /PBX0/user.soap), on the shared switch.
 *
 * - Both WSDL dialects at once, per request (as a v11 PBX serves both): a
 *   request is read and answered in the dialect its SOAPAction names
 *   (pbx10_00 rpc/encoded `…/pbx#Op`, pbx11_00 document/literal `…/pbx/Op`),
 *   so a client can probe with Version. `dialects` limits what is served
 *   (a v10 PBX: only pbx10_00).
 * - Requests are checked by the WSDL's part names and types (wire.ts): an
 *   unknown or missing part is a Client fault and changes nothing.
 * - Authentication: Basic or Digest (MD5 / SHA-256), per configured users.
 * - Sessions: Initialize queues one UserInfo per user and the empty-cn
 *   terminator; UserInitialize (for any user, colleagues too) queues that
 *   user's current calls; switch changes queue CallInfo for monitored users
 *   and UserInfo (calls, presence, DND) for everyone. Poll answers at once
 *   when events wait, else holds up to `pollHoldMs` (the real PBX: about 60 s).
 * - A session ends shortly after the last HTTP connection it used closes.
 * - Fault switches: SOAP faults, invalid sessions, dropped connections, slow
 *   Poll, and ignoreCommands (call control accepted with an empty response
 *   and not carried out).
 */
import http from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { randomInt } from 'node:crypto';
import type { Clock } from '../../../app/clock';
import type { Logger } from '../../core/log';
import { DigestVerifier, verifyBasic, type DigestAlgorithm } from '../shared/http-digest';
import { onRequestBody } from '../shared/request-body';
import { writeSoapFault } from '../shared/soap-envelope';
import { SwitchError, type LegView, type Switch, type SwitchChange } from '../shared/switch';
import { callHandleOf, callInfoOf, endedCallInfo, legRefOf } from './calls';
import {
  anyInfoValue,
  callInfoValue,
  deviceValue,
  userInfoArrayValue,
  type CallInfoRecord,
  type PresenceRecord,
  type UserInfoRecord,
} from './records';
import { queueUsersOf, STREAM_END, userInfoOf, usersOf, type SimUser } from './users';
import {
  type InnovaphoneRequest,
  NotSimulatedError,
  PRESENCE_ACTIVITIES,
  readRequest,
  wArray,
  wBool,
  WireError,
  wInt,
  writeResponse,
  wStr,
  type WireField,
} from './wire';
import { CALL_CONTROL_OPERATIONS, versionFlag, WSDL_VERSION, type Dialect } from './wsdl';

export type { Dialect } from './wsdl';

export interface InnovaphoneFrontEndOptions {
  switch: Switch;
  clock?: Clock;
  log?: Logger;
  port?: number;
  /** HTTP users and passwords. Default { API: 'demo' }. */
  accounts?: Record<string, string>;
  auth?: 'basic' | 'digest';
  digestAlgorithm?: DigestAlgorithm;
  /** The WSDL dialects served. Default both (a v11 PBX); ['pbx10_00'] is a v10 PBX. */
  dialects?: Dialect[];
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
  /** While on, call-control requests (UserCall, UserTransfer …) get an empty response and the PBX does nothing. */
  ignoreCommands(on: boolean): void;
  /** Which WSDL dialects the PBX serves from now on. */
  serveDialects(dialects: Dialect[]): void;
  /** A user's presence (status defaults to open), for the demo and the benchmark; undefined clears it. */
  setPresence(e164: string, presence: { status?: string; activity: string; note: string } | undefined): void;
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
  queue: { user?: UserInfoRecord; call?: CallInfoRecord }[];
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

/** The document: UserRc with rc 4 on an active call while a second one is on hold makes a three-party conference. */
const RC_CONFERENCE = 4;

const SOAP_PATH = /^\/PBX0(-[A-Za-z0-9_-]+)?\/user\.soap$/;

/** What Version tells about the demo PBX (an IP811 on 13r3 firmware; innovaphone MACs start 00-90-33). */
const DEMO_PBX = {
  gatekeeperId: 'nordvalgus.ee',
  location: 'Tallinn',
  firmware: '13r3 sr9 IP811[13.6972], Bootcode[13.6972], Hardware[811-100]',
  serial: '00-90-33-4a-1c-2e',
};

const ALL_DIALECTS: readonly Dialect[] = ['pbx10_00', 'pbx11_00'];

export class InnovaphoneFrontEnd {
  readonly faults: InnovaphoneFaults;
  private readonly sw: Switch;
  private readonly server: http.Server;
  private readonly sessions = new Map<number, Session>();
  private readonly users: Map<string, SimUser>;
  private readonly byCn: Map<string, SimUser>;
  private readonly digest: DigestVerifier;
  private readonly sockets = new Set<Socket>();
  private dialects: Set<Dialect>;
  private nextSession = 1;
  private nextHandle = 1;
  private faultBudget = 0;
  private faultOp: string | undefined;
  private pollDelayMs = 0;
  private ignoringCommands = false;
  private unsubscribe: (() => void) | undefined;

  constructor(private readonly options: InnovaphoneFrontEndOptions) {
    this.sw = options.switch;
    const users = usersOf(this.sw);
    this.users = new Map(users.map((u) => [u.e164, u]));
    this.byCn = new Map(users.map((u) => [u.cn, u]));
    this.dialects = new Set(options.dialects ?? ALL_DIALECTS);
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
      ignoreCommands: (on) => {
        this.ignoringCommands = on;
      },
      serveDialects: (dialects) => {
        this.dialects = new Set(dialects);
      },
      setPresence: (e164, presence) => this.updateUser(e164, (u) => (u.presence = presence && demoPresence(presence))),
      setRegistered: (e164, registered) => this.updateUser(e164, (u) => (u.registered = registered)),
      presenceLoad: (perSecond, seconds) => this.presenceLoad(perSecond, seconds),
    };
  }

  async start(): Promise<{ host: string; port: number; url: string }> {
    this.unsubscribe = this.sw.onChange((changes) => this.onSwitchChange(changes));
    const port = await new Promise<number>((resolve, reject) => {
      this.server.once('error', reject);
      this.server.listen(this.options.port ?? 0, '127.0.0.1', () => resolve(portOf(this.server.address())));
    });
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
    const passwordOf = (u: string) => (Object.hasOwn(accounts, u) ? accounts[u] : undefined);
    const verdict =
      this.options.auth === 'basic'
        ? verifyBasic(req.headers.authorization, passwordOf)
        : this.digest.verify(req.headers.authorization, 'POST', req.url ?? '');
    if (!verdict.ok) {
      req.resume();
      const challenge = this.options.auth === 'basic' ? 'Basic realm="PBX0"' : this.digest.challenge(verdict.stale);
      res.writeHead(401, { 'WWW-Authenticate': challenge, 'Content-Length': 0 }).end();
      return;
    }
    const soapAction = req.headers.soapaction;
    onRequestBody(req, (body) => {
      let request: InnovaphoneRequest;
      try {
        request = readRequest(body, Array.isArray(soapAction) ? soapAction[0] : soapAction, this.dialects);
      } catch (error) {
        if (error instanceof WireError) return this.fault(res, 'Client', error.message);
        if (error instanceof NotSimulatedError) return this.fault(res, 'Server', error.message);
        throw error;
      }
      if (this.faultBudget > 0 && (!this.faultOp || this.faultOp === request.op)) {
        this.faultBudget--;
        this.fault(res, 'Server', 'simulated fault');
        return;
      }
      try {
        this.dispatch(request, req.socket, res);
      } catch (error) {
        if (error instanceof SimRequestError) this.fault(res, 'Client', error.message);
        else if (error instanceof SwitchError) this.fault(res, 'Server', error.message);
        else this.fault(res, 'Server', `internal error: ${String(error)}`);
      }
    });
  }

  private reply(res: http.ServerResponse, request: InnovaphoneRequest, parts: WireField[]): void {
    if (res.writableEnded || res.destroyed) return;
    const body = writeResponse(request.dialect, request.op, parts);
    res.writeHead(200, { 'Content-Type': 'text/xml; charset=utf-8', 'Content-Length': Buffer.byteLength(body) }).end(body);
  }

  private fault(res: http.ServerResponse, code: 'Client' | 'Server', message: string): void {
    if (res.writableEnded || res.destroyed) return;
    const body = writeSoapFault({ code, message });
    res.writeHead(500, { 'Content-Type': 'text/xml; charset=utf-8', 'Content-Length': Buffer.byteLength(body) }).end(body);
  }

  // -------------------------------------------------------------- operations

  private dispatch(request: InnovaphoneRequest, socket: Socket, res: http.ServerResponse): void {
    const ok = (parts: WireField[] = []) => this.reply(res, request, parts);
    if (this.ignoringCommands && CALL_CONTROL_OPERATIONS.has(request.op)) {
      this.options.log?.debug('innovaphone sim: ignoring a call-control request', { op: request.op });
      return ok();
    }
    switch (request.op) {
      case 'Version':
        return ok([
          [request.dialect === 'pbx10_00' ? 'WSDLVersion' : 'VersionResult', wInt(WSDL_VERSION[request.dialect])],
          ['GatekeeperID', wStr(DEMO_PBX.gatekeeperId)],
          ['Location', wStr(DEMO_PBX.location)],
          ['FirmwareVersion', wStr(DEMO_PBX.firmware)],
          ['SerialNumber', wStr(DEMO_PBX.serial)],
        ]);
      case 'Initialize':
        return ok(this.initialize(request, socket));
      case 'Echo': {
        const session = this.sessions.get(request.int('session'));
        if (session) session.sockets.add(socket);
        return ok([['return', wInt(session && session.key === request.int('key') ? 1 : 0)]]);
      }
      case 'End': {
        const session = this.sessions.get(request.int('session'));
        if (session) this.endSession(session);
        return ok();
      }
      case 'UserInitialize': {
        const session = this.session(request, socket);
        const user = this.byCn.get(request.text('user'));
        if (!user) return ok([['return', wInt(0)]]);
        const handle = this.nextHandle++;
        session.handles.set(handle, user.e164);
        this.queueCalls(session, handle, user.e164, []);
        this.wake(session);
        return ok([['return', wInt(handle)]]);
      }
      case 'UserEnd': {
        for (const session of this.sessions.values()) session.handles.delete(request.int('user'));
        return ok();
      }
      case 'Poll':
        return this.poll(this.session(request, socket), request, res);
      case 'Calls': {
        this.session(request, socket);
        const user = this.userByCn(request.text('user'));
        const legs = user?.queueId !== undefined ? this.waitingLegsOf(user.queueId) : user ? this.legsOf(user.e164) : [];
        const calls = legs.map((leg) => callInfoValue(callInfoOf(0, leg, '', MEANINGLESS_HANDLE)));
        return ok(request.dialect === 'pbx10_00' ? [['return', wArray('CallInfo', calls)]] : [['CallInfo', wArray('CallInfo', calls)]]);
      }
      case 'Devices': {
        this.session(request, socket);
        const user = this.byCn.get(request.text('user'));
        const devices = user ? [deviceValue({ hw: `IP232-${user.e164}`, text: `Desk phone ${user.e164}` })] : [];
        return ok(request.dialect === 'pbx10_00' ? [['return', wArray('Device', devices)]] : [['Device', wArray('Device', devices)]]);
      }
      case 'FindUser':
        return ok([
          [
            'return',
            userInfoArrayValue(
              request.dialect,
              this.findUsers(request).map((u) => userInfoOf(this.sw, u)),
            ),
          ],
        ]);
      case 'SetPresence':
        return ok([['return', wInt(this.setPresence(request) ? 1 : 0)]]);
      case 'UserCall': {
        const [session, device] = this.userOf(request.int('user'));
        const to = this.destinationOf(request);
        if (!to) return ok([['return', wInt(0)]]);
        return ok([['return', wInt(callHandleOf(session.id, this.sw.makeCall(device, to)))]]);
      }
      case 'UserConnect':
        this.sw.answer(...this.legOf(request.int('call')));
        return ok();
      case 'UserClear':
        this.sw.drop(...this.legOf(request.int('call')));
        return ok();
      case 'UserHold':
        this.sw.hold(...this.legOf(request.int('call')));
        return ok();
      case 'UserRetrieve':
        this.sw.retrieve(...this.legOf(request.int('call')));
        return ok();
      case 'UserTransfer':
        this.transfer(request.int('a'), request.int('b'));
        return ok();
      case 'UserRedirect':
      case 'UserReroute': {
        const [device, ref] = this.legOf(request.int('call'));
        const to = this.destinationOf(request);
        if (!to) return ok([['return', wBool(false)]]);
        this.sw.divert(device, to, ref);
        return ok([['return', wBool(true)]]);
      }
      case 'UserPickup':
        return ok([['return', wInt(this.pickup(request))]]);
      case 'UserPark': {
        const [device, ref] = this.legOf(request.int('call'));
        this.sw.park(device, ref);
        // The parked call keeps its handle: UserPickup with it unparks.
        return ok([['return', wInt(request.int('call'))]]);
      }
      case 'UserRc': {
        const rc = request.int('rc');
        if (rc !== RC_CONFERENCE) throw new SimRequestError(`rc ${rc}: only ${RC_CONFERENCE} (conference) is simulated`);
        const found = this.findLeg(request.int('call'));
        if (!found) throw new SwitchError('noCall', `no call ${request.int('call')}`);
        // "UserRc on an active call using the rc value 4, while a second call is on hold": that call carries the conference.
        if (found.leg.state !== 'connected') throw new SwitchError('noCall', 'rc 4 goes to the active call while a second one is on hold');
        this.sw.conference(found.device, found.leg.ref);
        return ok();
      }
      case 'UserDTMF':
        this.legOf(request.int('call'));
        return ok();
      default:
        throw new SimRequestError(`unknown operation ${request.op}`);
    }
  }

  private initialize(request: InnovaphoneRequest, socket: Socket): WireField[] {
    const flags = ['v', 'v501', 'v700', 'v800', versionFlag(request.dialect)];
    if (!flags.every((f) => request.bool(f)))
      throw new SimRequestError(`the demo PBX serves only the current interface: ${flags.join(', ')} must be true`);
    if (!this.byCn.has(request.text('user'))) {
      return [
        ['return', wInt(0)],
        ['key', wInt(0)],
      ];
    }
    const session: Session = {
      id: this.nextSession++,
      key: randomInt(1, 2 ** 31 - 1),
      queue: [],
      handles: new Map(),
      sockets: new Set([socket]),
      sentCalls: new Map(),
    };
    this.sessions.set(session.id, session);
    for (const user of [...this.users.values(), ...queueUsersOf(this.sw)]) session.queue.push({ user: userInfoOf(this.sw, user) });
    session.queue.push({ user: STREAM_END });
    return [
      ['return', wInt(session.id)],
      ['key', wInt(session.key)],
    ];
  }

  private session(request: InnovaphoneRequest, socket: Socket): Session {
    const session = this.sessions.get(request.int('session'));
    if (!session) throw new SimRequestError('invalid session');
    session.sockets.add(socket);
    if (session.orphanTimer) clearTimeout(session.orphanTimer);
    session.orphanTimer = undefined;
    return session;
  }

  /** The device and leg ref of a call handle (a session's handle for a switch leg). */
  private legOf(handle: number): [string, string] {
    const found = this.findLeg(handle);
    if (!found) throw new SwitchError('noCall', `no call ${handle}`);
    return [found.device, found.leg.ref];
  }

  private findLeg(handle: number): { device: string; leg: LegView } | undefined {
    const ref = legRefOf(handle);
    for (const device of this.users.keys()) {
      const leg = this.legsOf(device).find((l) => l.ref === ref);
      if (leg) return { device, leg };
    }
    return undefined;
  }

  private userOf(userHandle: number): [Session, string] {
    for (const session of this.sessions.values()) {
      const device = session.handles.get(userHandle);
      if (device) return [session, device];
    }
    throw new SimRequestError('invalid user handle');
  }

  /** A phone's calls; a caller waiting in a queue served there is not one yet (it shows at the waiting-queue object). */
  private legsOf(device: string): LegView[] {
    return this.sw
      .deviceView(device)
      .groups.flatMap((g) => (g.consultation ? [g.primary, g.consultation] : [g.primary]))
      .filter((leg) => leg.state !== 'queued');
  }

  /** The callers waiting in a queue, as calls alerting at its waiting-queue object (longest waiting first). */
  private waitingLegsOf(queueId: string): LegView[] {
    const queue = this.sw.queues().find((q) => q.id === queueId);
    if (!queue) return [];
    const legs = this.sw
      .deviceView(queue.agent)
      .groups.flatMap((g) => [g.primary])
      .filter((leg) => leg.state === 'queued' && leg.queue?.id === queueId);
    const order = queue.waiting.map((w) => w.ref);
    return legs.sort((a, b) => order.indexOf(a.ref) - order.indexOf(b.ref)).map((leg) => ({ ...leg, state: 'alerting' }));
  }

  /** A user by Long Name: a phone's user or a waiting-queue object. */
  private userByCn(cn: string): SimUser | undefined {
    return this.byCn.get(cn) ?? queueUsersOf(this.sw).find((user) => user.cn === cn);
  }

  /** A destination by number (e164), else by Long Name (cn), else by alias (h323). */
  private destinationOf(request: InnovaphoneRequest): string {
    if (request.text('e164')) return request.text('e164');
    const cn = request.text('cn');
    if (cn) return this.byCn.get(cn)?.e164 ?? '';
    const h323 = request.text('h323');
    return h323 ? ([...this.users.values()].find((u) => userInfoOf(this.sw, u).h323 === h323)?.e164 ?? '') : '';
  }

  /**
   * The document: "acall and bcall are both calls a single user currently has
   * active. This method will connect acall with bcall, leaving the user
   * without both calls." Here: one of them held, the other connected or
   * still ringing at the consulted party, and no third call of the user's
   * that the switch could take for one of them.
   */
  private transfer(a: number, b: number): void {
    const first = this.findLeg(a);
    const second = this.findLeg(b);
    if (!first) throw new SwitchError('noCall', `no call ${a}`);
    if (!second) throw new SwitchError('noCall', `no call ${b}`);
    if (first.device !== second.device || a === b) throw new SwitchError('reject', 'a and b must be two calls of the same user');
    const pair = [first.leg, second.leg];
    const held = pair.filter((l) => l.state === 'hold' && !l.parked);
    const other = pair.filter((l) => l.state === 'connected' || l.state === 'delivered');
    if (held.length !== 1 || other.length !== 1) throw new SwitchError('noCall', 'UserTransfer needs one held call and one active call');
    const rest = this.legsOf(first.device).filter((l) => !pair.some((p) => p.ref === l.ref) && l.state !== 'alerting');
    if (rest.length > 0) throw new SwitchError('reject', 'the demo PBX transfers only when the user has no third call');
    this.sw.transfer(first.device);
  }

  /**
   * UserPickup: by call handle (a parked call of the user comes back; a call
   * ringing at a colleague is taken over), by the colleague's cn, by group,
   * or, with nothing given, within the user's own group. 0 when nothing rings.
   */
  private pickup(request: InnovaphoneRequest): number {
    const [session, device] = this.userOf(request.int('user'));
    const call = request.int('call');
    if (call) {
      const found = this.findLeg(call);
      if (!found) throw new SwitchError('noCall', `no call ${call}`);
      if (found.leg.parked) {
        if (found.device !== device) throw new SwitchError('reject', `call ${call} is parked at another user`);
        this.sw.unpark(device, found.leg.ref);
        return call;
      }
      return callHandleOf(session.id, this.sw.pickup(device, found.device, found.leg.ref));
    }
    const cn = request.text('cn');
    // A waiting-queue object: its longest-waiting caller, taken by the queue's agent.
    const queueUser = cn ? queueUsersOf(this.sw).find((user) => user.cn === cn) : undefined;
    if (queueUser?.queueId !== undefined) {
      const waiting = this.sw.queues().find((q) => q.id === queueUser.queueId)?.waiting.length ?? 0;
      return waiting === 0 ? 0 : callHandleOf(session.id, this.sw.takeFromQueue(device, queueUser.queueId));
    }
    const group = request.text('group') || (cn ? '' : this.users.get(device)?.group);
    const candidates = cn ? [this.byCn.get(cn)] : [...this.users.values()].filter((u) => u.group === group && u.e164 !== device);
    const ringing = candidates.find((u) => u && this.legsOf(u.e164).some((l) => l.state === 'alerting'));
    if (!ringing) return 0;
    return callHandleOf(session.id, this.sw.pickup(device, ringing.e164));
  }

  /**
   * FindUser: the document's "starting point into the alphabetically sorted
   * list", at most `count` records; `next` (an xsd:int) non-zero starts after the match.
   */
  private findUsers(request: InnovaphoneRequest): SimUser[] {
    const flags = ['v501', 'v700', 'v800', versionFlag(request.dialect)];
    if (flags.some((f) => !request.text(f))) throw new SimRequestError(`FindUser: ${flags.join(', ')} must be set to a non-empty value`);
    const count = Math.max(1, Math.min(request.int('count'), 100));
    const next = request.int('next') !== 0;
    const e164 = request.text('e164');
    const h323 = request.text('h323');
    const cn = request.text('cn');
    const key = e164 ? (u: SimUser) => u.e164 : h323 ? (u: SimUser) => userInfoOf(this.sw, u).h323 : (u: SimUser) => u.cn;
    const compare = (x: string, y: string) => x.localeCompare(y, 'en', { sensitivity: 'base' });
    const sorted = [...this.users.values()].sort((x, y) => compare(key(x), key(y)));
    const start = e164 || h323 || cn;
    const from = sorted.findIndex((u) => {
      const c = compare(key(u), start);
      return next ? c > 0 : c >= 0;
    });
    return from < 0 ? [] : sorted.slice(from, from + count);
  }

  /** SetPresence by guid ("*" when unknown) or h323 name; 1 when a user was found. */
  private setPresence(request: InnovaphoneRequest): boolean {
    const guid = request.text('guid');
    const h323 = request.text('h323');
    const user = [...this.users.values()].find(
      (u) => (guid && guid !== '*' && u.guid === guid) || (h323 && userInfoOf(this.sw, u).h323 === h323),
    );
    if (!user) return false;
    const presence = request.presence('presence');
    const record: PresenceRecord | undefined =
      presence && (presence.status || presence.activity || presence.note)
        ? { status: presence.status || 'open', activity: presence.activity, note: presence.note }
        : undefined;
    this.updateUser(user.e164, (u) => (u.presence = record));
    return true;
  }

  // ------------------------------------------------------------------ events

  private poll(session: Session, request: InnovaphoneRequest, res: http.ServerResponse): void {
    session.pending?.respond();
    const respond = () => {
      if (session.pending?.respond === respond) {
        clearTimeout(session.pending.timer);
        session.pending = undefined;
      }
      const batch = session.queue.splice(0, this.options.pollBatch ?? 2000);
      const users = batch.flatMap((e) => (e.user ? [e.user] : []));
      const calls = batch.flatMap((e) => (e.call ? [e.call] : []));
      const send = () => this.reply(res, request, [['return', anyInfoValue(request.dialect, users, calls)]]);
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
    // A queue's callers changed with its agent's calls: the waiting-queue objects are published again.
    const agents = new Set(changes.filter((c) => c.kind === 'calls').map((c) => c.device));
    const queueUsers = queueUsersOf(this.sw).filter((user) => this.sw.queues().some((q) => q.id === user.queueId && agents.has(q.agent)));
    for (const user of queueUsers) {
      const info = userInfoOf(this.sw, user);
      for (const session of this.sessions.values()) session.queue.push({ user: info });
    }
    for (const change of changes) {
      if (change.kind !== 'calls' && change.kind !== 'dnd') continue;
      const user = this.users.get(change.device);
      if (!user) continue;
      const info = userInfoOf(this.sw, user);
      for (const session of this.sessions.values()) {
        session.queue.push({ user: info });
        if (change.kind !== 'calls') continue;
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
    const activities = ['away', 'busy', 'lunch', 'meeting'];
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
        user.presence = { status: 'open', activity: activities[n++ % activities.length], note: `note ${n}` };
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
      this.fault(pending.res, 'Client', 'invalid session');
    }
    this.options.log?.debug('innovaphone sim: session ended', { session: session.id });
  }
}

/** A presence the demo sets, checked against the WSDL's enumerations (status defaults to closed for dnd, else open). */
function demoPresence(presence: { status?: string; activity: string; note: string }): PresenceRecord {
  const status = presence.status || (presence.activity === 'dnd' ? 'closed' : 'open');
  if (status !== 'open' && status !== 'closed') throw new SimRequestError(`presence status "${status}" is not open or closed`);
  if (presence.activity && !PRESENCE_ACTIVITIES.includes(presence.activity))
    throw new SimRequestError(`"${presence.activity}" is not an inno:PresenceActivity`);
  return { status, activity: presence.activity, note: presence.note };
}

function portOf(address: string | AddressInfo | null): number {
  if (address === null || typeof address === 'string') throw new Error('the innovaphone front end listens on no TCP port');
  return address.port;
}

/** A request the PBX refuses (a Client fault). */
class SimRequestError extends Error {}

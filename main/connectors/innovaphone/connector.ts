/**
 * The innovaphone connection: one SOAP session (Version — which also
 * finds the WSDL dialect the PBX binds — → Initialize → Echo →
 * UserInitialize per monitored user → the initial UserInfo stream),
 * then a Poll loop on its own kept-alive connection, an Echo every so often
 * on the command connection, and commands on the command connection.
 * Any fault, failed Echo or transport error reports the link lost; the
 * core's supervisor then reconnects with backoff and jitter, and connect()
 * builds a fresh session and resyncs everything (the old session is Ended
 * first when possible).
 */
import { readFileSync } from 'node:fs';
import { accepted, isCallCommand, refused, type Command, type CommandResult } from '../../../app/commands';
import type { DomainEvent } from '../../../app/events';
import { msg, type Message, type MessageKey } from '../../../app/i18n/message';
import type { ConnectionFact, DirectoryEntry } from '../../../app/model';
import { looksLikeNumber } from '../../../app/phone';
import type { InnovaphoneConnectionConfig } from '../../../app/vendors';
import type { Connector, ConnectorHost } from '../../core/connector';
import { ConsoleError, english, errorMessage } from '../../core/errors';
import { PeriodicTask } from '../../core/periodic-task';
import { SessionGuard, type SessionToken } from '../../core/session-guard';
import { requiredPassword } from '../shared/password';
import { probeUrl } from '../shared/probe';
import { TransportError } from '../shared/transport-error';
import type { XmlNode } from '../shared/xml';
import { InnovaphoneLineAdapter, InnovaphonePresence, lineIdFor, ringingCallers, toDirectoryEntry } from './adapter';
import { InnovaphoneClient, InnovaphoneError } from './client';
import {
  decodeAnyInfo,
  decodeCallInfoArray,
  decodeInitialize,
  decodeIntReturn,
  decodeUserInfoArray,
  decodeVersion,
  type PbxRequest,
} from './codec';
import type { AnyInfo, Dialect, VersionInfo } from './messages';
import { refusedPartWay, type PlanUndo } from '../shared/undo';

const APPLICATION_NAME = 'Attendant console';
const FIND_USER_PAGE = 20;
/**
 * How long a call-control request whose reply is an empty message may go
 * without the CallInfo change it must cause before the receptionist is told
 * the PBX did not act on it.
 */
export const EFFECT_TIMEOUT_MS = 4000;
/** At most this many ringing colleagues are asked about (`Calls`) at once; the rest wait for their next UserInfo. */
const CALLER_LOOKUPS_QUEUED = 50;

/** Operations whose reply is an empty message in both WSDLs: only the CallInfo stream shows whether the PBX acted. */
const SILENT_OPERATIONS = new Set<PbxRequest['op']>(['UserTransfer', 'UserHold', 'UserRetrieve', 'UserConnect', 'UserClear', 'UserRc']);

export class InnovaphoneConnector implements Connector {
  readonly vendor = 'innovaphone' as const;
  readonly id: string;
  readonly label: string;
  private client: InnovaphoneClient | undefined;
  private session = 0;
  private key = 0;
  /** A new token on every connect, ended on disconnect, so a Poll or Echo of an old session changes nothing. */
  private readonly sessions = new SessionGuard();
  /** The current session's Echo, every `echoIntervalSeconds`. */
  private echo: PeriodicTask | undefined;
  private version: VersionInfo | undefined;
  private presence: InnovaphonePresence;
  /** Adapters outlive sessions so call ids stay stable across reconnects. */
  private readonly adapters = new Map<string, InnovaphoneLineAdapter>();
  private readonly byHandle = new Map<number, InnovaphoneLineAdapter>();
  /** Commands waiting for the CallInfo change their requests must cause, by the call handles they named. */
  private readonly effects = new Set<{ handles: ReadonlySet<number>; arrived: () => void }>();
  /** Ringing colleagues (cn) whose callers are being asked for, in order. */
  private readonly callerLookups = new Set<string>();
  private lookingUpCallers = false;

  /** While offline: does the PBX's port answer again (main/core/supervisor.ts)? */
  readonly probe = () => probeUrl(this.config.url);

  constructor(
    private readonly config: InnovaphoneConnectionConfig,
    private readonly host: ConnectorHost,
    defaultCountry: string,
  ) {
    this.id = config.id;
    this.label = config.label;
    for (const line of config.lines) {
      const adapter = new InnovaphoneLineAdapter(
        {
          connectionId: config.id,
          cn: line.cn,
          number: line.number,
          label: line.label ?? line.cn,
          country: line.country ?? defaultCountry,
        },
        () => host.clock.now(),
      );
      this.adapters.set(line.cn, adapter);
    }
    this.presence = this.newPresence();
  }

  async connect(): Promise<void> {
    await this.teardown();
    const token = this.sessions.begin();
    const password = await requiredPassword(this.config, this.host);
    // Disconnected while the password was read (a slow keychain): no session is opened for a connection let go. Later
    // on, a disconnect closes this attempt's client (teardown), which ends whatever of it is still under way.
    if (!token.current()) return;
    const client = new InnovaphoneClient({
      url: this.config.url,
      credentials: { username: this.config.username, password },
      auth: this.config.auth,
      tls: {
        fingerprint256: this.config.tlsFingerprint256,
        caPem: this.config.tlsCaFile ? readCaFile(this.config.tlsCaFile) : undefined,
      },
      requestTimeoutMs: this.config.requestTimeoutMs,
      pollTimeoutMs: this.config.pollTimeoutSeconds !== undefined ? this.config.pollTimeoutSeconds * 1000 : undefined,
      dialect: this.config.dialect === 'pbx11' ? 'pbx11' : 'pbx10',
    });
    this.client = client;
    try {
      this.version = await this.negotiateDialect(client);
      const sessionUser = this.config.sessionUser ?? this.config.username;
      const init = decodeInitialize(await client.call({ op: 'Initialize', user: sessionUser, appl: APPLICATION_NAME }));
      if (!init.session) throw new InnovaphoneError(msg('innovaphone.sessionRefused', { user: sessionUser }), 'session');
      this.session = init.session;
      this.key = init.key;
      if (!decodeIntReturn(await client.call({ op: 'Echo', session: this.session, key: this.key })))
        throw new InnovaphoneError(msg('innovaphone.sessionNotConfirmed'), 'session');
      this.byHandle.clear();
      for (const adapter of this.adapters.values()) {
        const handle = decodeIntReturn(
          await client.call({ op: 'UserInitialize', session: this.session, user: adapter.cn, xfer: true, disc: false, hw: '' }),
        );
        if (!handle) throw new InnovaphoneError(msg('innovaphone.unknownUser', { user: adapter.cn }), 'session');
        adapter.userHandle = handle;
        this.byHandle.set(handle, adapter);
        adapter.beginResync();
      }
      await this.takeCallsSnapshot(client);
      if (!token.current()) return;
      for (const adapter of this.adapters.values()) this.host.emit({ type: 'lineUpserted', line: adapter.line() });
      this.presence = this.newPresence();
      // The initial UserInfo stream may take several Polls; it ends with an empty cn.
      while (!this.presence.complete) {
        const info = await this.poll(client);
        if (!token.current()) return;
        this.ingest(info);
      }
      for (const adapter of this.adapters.values()) this.emitAll(adapter.finishResync());
      this.host.factsChanged();
      this.lookUpCallers(token, client);
    } catch (error) {
      this.logCause('connect failed', error);
      if (token.current()) await this.teardown();
      // A ConsoleError says why in the catalog's words (a TransportError names the server); anything else is a bug.
      throw error;
    }
    void this.pollLoop(token, client);
    this.echo = new PeriodicTask(this.host.clock, (this.config.echoIntervalSeconds ?? 30) * 1000, () => this.sendEcho(token, client));
    this.echo.start();
  }

  /**
   * Resync with `Calls`: the PBX's own list of each line's calls now, so a
   * call that ended while the link was down is gone and one that started
   * meanwhile appears. Its call handles are meaningless (the document), so
   * the adapter matches the records to the calls it knew (conference GUID,
   * else peer and direction) to keep their ids, and takes the handles it
   * needs for commands from the CallInfo stream that UserInitialize starts
   * (a call without a handle yet is shown without actions). A PBX that
   * refuses `Calls` leaves the stream alone to decide, as before.
   */
  private async takeCallsSnapshot(client: InnovaphoneClient): Promise<void> {
    for (const adapter of this.adapters.values()) {
      let records;
      try {
        records = decodeCallInfoArray(await client.call({ op: 'Calls', session: this.session, user: adapter.cn }), client.dialect);
      } catch (error) {
        if (!(error instanceof InnovaphoneError && error.kind === 'fault')) throw error;
        this.host.log.warn('innovaphone: Calls refused, resyncing from the CallInfo stream alone', {
          line: adapter.lineId,
          reason: english(error.text),
        });
        continue;
      }
      adapter.applyCallsSnapshot(records);
    }
  }

  async disconnect(): Promise<void> {
    this.sessions.end();
    await this.teardown();
  }

  async execute(command: Command): Promise<CommandResult> {
    const lineId = isCallCommand(command) ? command.callId.split('#')[0] : 'lineId' in command ? command.lineId : '';
    const adapter = [...this.adapters.values()].find((a) => a.lineId === lineId);
    if (!adapter || !this.client) return refused(msg('command.lineNotConnected'));
    let plan;
    if (command.kind === 'pickup') {
      const cn = this.presence.cnOf(command.colleagueId);
      plan = cn ? adapter.planPickup(cn) : { refused: msg('innovaphone.colleagueGone') };
    } else {
      plan = adapter.plan(command);
    }
    if ('refused' in plan) return refused(plan.refused);
    const client = this.client;
    // A reply that is an empty message says nothing about the effect: wait for the CallInfo change on the calls named.
    const silent = plan.requests.filter((r) => SILENT_OPERATIONS.has(r.op));
    const effect = silent.length > 0 ? this.expectEffect(new Set(plan.effectOn ?? silent.flatMap(handlesNamed))) : undefined;
    // How many of the requests the PBX carried out: a request failing after the first gives back what it did (plan.undo).
    let done = 0;
    const failed = (result: CommandResult) =>
      this.failedPartWay(client, command, done > 0 && done < plan.requests.length ? plan.undo : undefined, result);
    try {
      for (const request of plan.requests) {
        const response = await client.call(request);
        if (returnsHandle(request) && decodeIntReturn(response) === 0) return await failed(refused(commandFailed(command.kind)));
        if (request.op === 'UserRedirect' && returnsFalse(response)) return await failed(refused(msg('innovaphone.redirectFailed')));
        done++;
        // innovaphone does not say which call a new one consults for: the adapter pairs them by the handle UserCall returned.
        if (request.op === 'UserCall' && plan.consultationOf !== undefined)
          this.emitAll(adapter.consultationPlaced(decodeIntReturn(response), plan.consultationOf));
      }
      if (effect && !(await effect.arrived)) {
        this.host.log.warn('innovaphone: the PBX accepted a command but no CallInfo followed', {
          connection: this.id,
          command: command.kind,
          operations: silent.map((r) => r.op).join(','),
        });
        return refused(msg('innovaphone.noEffect'));
      }
      return accepted;
    } catch (error) {
      return await failed(refused(errorMessage(error), error instanceof ConsoleError ? error.code : undefined));
    } finally {
      effect?.cancel();
    }
  }

  /**
   * A request after the first failed (the PBX did not carry it out): sends `undo` to take back the first one's change
   * — a consult's caller is not left on hold with nobody on the line — and the refusal says why it failed and what
   * the call is now. Without an undo the failure stands as it is.
   */
  private async failedPartWay(
    client: InnovaphoneClient,
    command: Command,
    undo: PlanUndo<PbxRequest> | undefined,
    failure: CommandResult,
  ): Promise<CommandResult> {
    if (!undo || failure.ok) return failure;
    let undone = true;
    try {
      await client.call(undo.request);
    } catch (error) {
      this.host.log.warn('innovaphone: could not undo a failed command', {
        connection: this.id,
        command: command.kind,
        undo: undo.request.op,
        error: english(errorMessage(error)),
      });
      undone = false;
    }
    return refusedPartWay(failure.error, undo, undone, failure.code);
  }

  /**
   * Resolves true when a CallInfo for one of `handles` arrives (registered
   * before the request goes out: the Poll may bring it before the reply),
   * false after EFFECT_TIMEOUT_MS without one.
   */
  private expectEffect(handles: ReadonlySet<number>): { arrived: Promise<boolean>; cancel: () => void } {
    let settle: (value: boolean) => void = () => undefined;
    const arrived = new Promise<boolean>((resolve) => (settle = resolve));
    const waiter = { handles, arrived: () => finish(true) };
    const timer = this.host.clock.setTimeout(() => finish(false), EFFECT_TIMEOUT_MS);
    const finish = (value: boolean) => {
      this.effects.delete(waiter);
      this.host.clock.clearTimeout(timer);
      settle(value);
    };
    this.effects.add(waiter);
    return { arrived, cancel: () => finish(false) };
  }

  /**
   * FindUser, paged by 20 as the document advises, from the text as a starting point. Once `signal` fires no
   * further page is asked for, and the page on its way is not read.
   */
  async searchDirectory(text: string, limit: number, signal: AbortSignal): Promise<DirectoryEntry[]> {
    const client = this.client;
    // Gone since the search was scheduled (the link dropped while it waited for a slot): a failure to show, not "no matches".
    if (!client) throw new ConsoleError(msg('directory.vendorOffline'));
    const byNumber = looksLikeNumber(text);
    const wanted = text.trim().toLowerCase();
    const entries: DirectoryEntry[] = [];
    let start = text.trim();
    for (let page = 0; entries.length < limit && page < 10; page++) {
      const request: PbxRequest = byNumber
        ? { op: 'FindUser', cn: '', h323: '', e164: start, count: FIND_USER_PAGE, next: page > 0 ? 1 : 0, nohide: false }
        : { op: 'FindUser', cn: start, h323: '', e164: '', count: FIND_USER_PAGE, next: page > 0 ? 1 : 0, nohide: false };
      const users = decodeUserInfoArray(await client.call(request, 'command', signal), client.dialect);
      let beyond = false;
      for (const user of users) {
        const key = (byNumber ? user.e164 : user.cn).toLowerCase();
        if (!key.startsWith(wanted.replace(/\s+/g, byNumber ? '' : ' '))) {
          beyond = true;
          break;
        }
        if (user.type !== 'gw' && (user.e164 || user.h323)) entries.push(toDirectoryEntry(user, this.label, this.id));
      }
      if (beyond || users.length < FIND_USER_PAGE) break;
      start = byNumber ? users[users.length - 1].e164 : users[users.length - 1].cn;
    }
    return entries.slice(0, limit);
  }

  /** The PBX: its gatekeeper ID and firmware as its VersionResponse reports them (data, not words), and the WSDL spoken. */
  statusFacts(): ConnectionFact[] {
    const version = this.version;
    if (!version || !this.client) return [];
    const facts: ConnectionFact[] = [];
    if (version.gkId) facts.push({ label: msg('innovaphone.fact.gatekeeper'), value: version.gkId });
    if (version.firmware) facts.push({ label: msg('innovaphone.fact.firmware'), value: version.firmware });
    facts.push({ label: msg('innovaphone.fact.interface'), value: WSDL_NAME[this.client.dialect] });
    return facts;
  }

  /**
   * Which WSDL the PBX binds: the configured one, or with `auto` (the
   * default) a Version in pbx11_00's document/literal form first — a PBX
   * that answers it with a VersionResult speaks pbx11 — else pbx10_00,
   * which every v10+ firmware offers. A PBX that cannot be reached at all
   * fails the connect as always.
   */
  private async negotiateDialect(client: InnovaphoneClient): Promise<VersionInfo> {
    const configured = this.config.dialect ?? 'auto';
    if (configured === 'auto') {
      client.dialect = 'pbx11';
      try {
        const response = await client.call({ op: 'Version' });
        if (response.children.some((c) => c.name.toLowerCase() === 'versionresult')) return this.spoken(client, decodeVersion(response));
      } catch (error) {
        if (!answeredButNotUnderstood(error)) throw error;
        this.logCause('pbx11 Version probe refused', error);
      }
    }
    client.dialect = configured === 'pbx11' ? 'pbx11' : 'pbx10';
    return this.spoken(client, decodeVersion(await client.call({ op: 'Version' })));
  }

  private spoken(client: InnovaphoneClient, version: VersionInfo): VersionInfo {
    this.host.log.info('innovaphone: PBX version', {
      connection: this.id,
      dialect: client.dialect,
      wsdlVersion: version.version,
      gatekeeperId: version.gkId,
      firmware: version.firmware,
    });
    return version;
  }

  private newPresence(): InnovaphonePresence {
    return new InnovaphonePresence(this.id, new Set(this.config.lines.map((l) => l.cn)));
  }

  private async poll(client: InnovaphoneClient): Promise<AnyInfo> {
    return decodeAnyInfo(await client.call({ op: 'Poll', session: this.session }, 'poll'), client.dialect);
  }

  /**
   * One Poll pending at all times: it carries the events and keeps the
   * session's connection open. A long poll, not a period: the next Poll
   * goes out as soon as the previous one is answered.
   */
  private async pollLoop(token: SessionToken, client: InnovaphoneClient): Promise<void> {
    while (token.current()) {
      let info: AnyInfo;
      try {
        info = await this.poll(client);
      } catch (error) {
        this.lost(token, error);
        return;
      }
      if (!token.current()) return;
      this.ingest(info);
      this.lookUpCallers(token, client);
    }
  }

  /**
   * Who is calling at a ringing colleague's phone: UserInfo only counts
   * alerting calls, so the PBX is asked with `Calls` for that colleague
   * (no UserInitialize needed), one colleague at a time. Best effort: a
   * refusal leaves the colleague shown as ringing without a caller.
   */
  private lookUpCallers(token: SessionToken, client: InnovaphoneClient): void {
    for (const cn of this.presence.callersWanted()) {
      if (this.callerLookups.size >= CALLER_LOOKUPS_QUEUED) break;
      this.callerLookups.add(cn);
    }
    if (this.lookingUpCallers) return;
    this.lookingUpCallers = true;
    void (async () => {
      try {
        for (const cn of this.callerLookups) {
          this.callerLookups.delete(cn);
          if (!token.current()) return;
          let records;
          try {
            records = decodeCallInfoArray(await client.call({ op: 'Calls', session: this.session, user: cn }), client.dialect);
          } catch (error) {
            this.host.log.debug('innovaphone: Calls for a ringing colleague failed', {
              connection: this.id,
              error: english(errorMessage(error)),
            });
            continue;
          }
          if (!token.current()) return;
          this.emitAll(this.presence.setCallers(cn, ringingCallers(records)));
        }
      } finally {
        this.lookingUpCallers = false;
        if (!token.current()) this.callerLookups.clear();
      }
    })();
  }

  /** One Echo of the period: the session still stands, or the link is lost. */
  private async sendEcho(token: SessionToken, client: InnovaphoneClient): Promise<void> {
    if (!token.current()) return;
    let ok: number;
    try {
      ok = decodeIntReturn(await client.call({ op: 'Echo', session: this.session, key: this.key }));
    } catch (error) {
      this.lost(token, error);
      return;
    }
    if (!ok) this.lost(token, new InnovaphoneError(msg('innovaphone.sessionLost'), 'session'));
  }

  /** The current session is gone: no more Echo, and the supervisor reconnects. A stale session's failure changes nothing. */
  private lost(token: SessionToken, error: unknown): void {
    if (!token.current()) return;
    this.logCause('link lost', error);
    this.echo?.stop();
    this.host.link({ type: 'lost', reason: errorMessage(error) });
  }

  /** What the message leaves out (the transport's own error, a reply that was not SOAP), for administrators. */
  private logCause(what: string, error: unknown): void {
    const cause = error instanceof Error ? error.cause : undefined;
    if (cause instanceof Error)
      this.host.log.debug(`innovaphone: ${what}`, { connection: this.id, error: english(errorMessage(error)), cause: cause.message });
  }

  private ingest(info: AnyInfo): void {
    for (const user of info.user) {
      const own = user.cn ? this.adapters.get(user.cn) : undefined;
      if (own) this.emitAll(own.applyOwnUserInfo(user));
      this.emitAll(this.presence.apply(user));
    }
    for (const call of info.call) {
      const adapter = this.byHandle.get(call.user);
      if (adapter) this.emitAll(adapter.applyCallInfo(call));
      for (const waiter of this.effects) if (waiter.handles.has(call.call)) waiter.arrived();
    }
  }

  private emitAll(events: DomainEvent[]): void {
    for (const event of events) this.host.emit(event);
  }

  /** Ends the session (best effort, briefly) and drops every connection. */
  private async teardown(): Promise<void> {
    this.echo?.stop();
    this.echo = undefined;
    const client = this.client;
    const session = this.session;
    this.client = undefined;
    this.session = 0;
    for (const adapter of this.adapters.values()) adapter.userHandle = 0;
    if (!client) return;
    if (session) {
      await Promise.race([
        client.call({ op: 'End', session }).catch(() => undefined),
        new Promise((resolve) => setTimeout(resolve, 1000).unref()),
      ]);
    }
    client.close();
  }
}

const WSDL_NAME: Record<Dialect, string> = { pbx10: 'pbx10_00', pbx11: 'pbx11_00' };

/** The PBX answered, but not in a way that binds the request: a SOAP Fault, an HTTP error status, or no SOAP at all. */
function answeredButNotUnderstood(error: unknown): boolean {
  return (
    (error instanceof InnovaphoneError && error.kind === 'fault') ||
    (error instanceof TransportError && (error.kind === 'status' || error.kind === 'malformed'))
  );
}

/** The call handles a call-control request names (the calls whose CallInfo must change). */
function handlesNamed(request: PbxRequest): number[] {
  if (request.op === 'UserTransfer') return [request.a, request.b];
  return 'call' in request ? [request.call] : [];
}

/** UserRedirect answers an xsd:boolean: false means the PBX did not redirect. */
function returnsFalse(response: XmlNode): boolean {
  const text = response.children.find((c) => c.name.toLowerCase() === 'return')?.text;
  return text === 'false' || text === '0';
}

/** Operations whose return value is a handle, 0 meaning failure. */
function returnsHandle(request: PbxRequest): boolean {
  return request.op === 'UserCall' || request.op === 'UserPickup' || request.op === 'UserPark';
}

/** Why a command whose request returned no handle (0) failed. */
const COMMAND_FAILED: Partial<Record<Command['kind'], MessageKey>> = {
  dial: 'innovaphone.dialFailed',
  consult: 'innovaphone.consultFailed',
  pickup: 'innovaphone.pickupFailed',
  park: 'innovaphone.parkFailed',
  unpark: 'innovaphone.unparkFailed',
};

function commandFailed(kind: Command['kind']): Message {
  return msg(COMMAND_FAILED[kind] ?? 'command.failed');
}

/** The PEM of the CA file the configuration names. */
function readCaFile(path: string): string {
  try {
    return readFileSync(path, 'utf8');
  } catch (error) {
    const reason = (error as NodeJS.ErrnoException).code ?? (error instanceof Error ? error.message : String(error));
    throw new ConsoleError(msg('innovaphone.caFileUnreadable', { path, reason }), { cause: error });
  }
}

export { lineIdFor };

/**
 * The TelServer connection: one TCP request client shared by all lines, and
 * per line a TelServices session (its own UDP event port) and an adapter.
 * Lifecycle (retry, backoff) belongs to the core's supervisor; this class
 * only opens, resyncs, reports and closes.
 */
import { lookup } from 'node:dns/promises';
import { isIP } from 'node:net';
import { accepted, isCallCommand, isConnectionCommand, refused, type Command, type CommandResult } from '../../../app/commands';
import { msg } from '../../../app/i18n/message';
import type { DirectoryEntry } from '../../../app/model';
import { looksLikeNumber, normalizeNumber } from '../../../app/phone';
import type { TelServerConnectionConfig } from '../../../app/vendors';
import type { Connector, ConnectorHost } from '../../core/connector';
import { errorMessage } from '../../core/errors';
import { SessionGuard, type SessionToken } from '../../core/session-guard';
import { connectionPassword } from '../shared/password';
import { PeerFaultText } from '../shared/peer-fault-text';
import { probeTcp } from '../shared/probe';
import { TransportError } from '../shared/transport-error';
import { lineIdFor, TelServerLineAdapter, toDirectoryEntry } from './adapter';
import { TelServerClient, TelServerError } from './client';
import { TelServerEventListener } from './event-listener';
import { effectOf, EffectWatch } from './late-reply';
import { AGENT_STATISTICS_PERIOD_MS, agentStatisticsOf } from './agent-statistics';
import { PeriodicTask } from '../../core/periodic-task';
import type { TsEvent } from './messages';
import { TelServerSession } from './session';

interface LineBinding {
  adapter: TelServerLineAdapter;
  session: TelServerSession;
}

export class TelServerConnector implements Connector {
  readonly vendor = 'telserver' as const;
  readonly id: string;
  readonly label: string;
  private readonly client: TelServerClient;
  /** Every line's credentials, as they are read, redacted from the reply texts errors and logs quote. */
  private readonly faultText = new PeerFaultText();
  private bindings: LineBinding[] = [];
  /** Adapters outlive sessions so call ids stay stable across reconnects. */
  private readonly adapters = new Map<string, TelServerLineAdapter>();
  /** A new token on every connect, ended on disconnect, so callbacks of an old session are ignored. */
  private readonly sessions = new SessionGuard();
  /** Commands whose reply timed out, waiting for the events to show they worked. */
  private readonly effects = new EffectWatch();
  /** Reads agent lines' statistics every AGENT_STATISTICS_PERIOD_MS while online. */
  private statisticsTask: PeriodicTask | undefined;

  /** While offline: does TelServer's port answer again (main/core/supervisor.ts)? */
  readonly probe = () => probeTcp(this.config.host, this.config.port, `TelServer ${this.config.host}:${this.config.port}`);

  constructor(
    private readonly config: TelServerConnectionConfig,
    private readonly host: ConnectorHost,
    private readonly defaultCountry: string,
  ) {
    this.id = config.id;
    this.label = config.label;
    this.client = new TelServerClient({
      host: config.host,
      port: config.port,
      requestTimeoutMs: config.requestTimeoutMs,
      endOfPdu: config.endOfPdu,
      clock: host.clock,
      faultText: this.faultText,
    });
    for (const line of config.lines) {
      const adapter = new TelServerLineAdapter(
        {
          connectionId: config.id,
          deviceNumber: line.device,
          label: line.label ?? `${config.label} ${line.device}`,
          country: line.country ?? defaultCountry,
        },
        () => host.clock.now(),
      );
      this.adapters.set(adapter.lineId, adapter);
    }
  }

  async connect(): Promise<void> {
    await this.closeSessions();
    const token = this.sessions.begin();
    const bindings: LineBinding[] = [];
    try {
      // Events are accepted only from TelServer's own addresses (UDP is easy to spoof).
      const allowedSources = await addressesOf(this.config.host, this.client.server);
      for (const line of this.config.lines) {
        const adapter = this.adapters.get(lineIdFor(this.id, line.device))!;
        // A line's own passwordEnv, else (for a line that logs in) the connection's stored password.
        const userPassword = line.passwordEnv || line.userId ? await connectionPassword(line, this.host) : undefined;
        // Disconnected (or connected anew) meanwhile: what this attempt opened is closed again, never left running.
        if (!token.current()) return await this.release(bindings);
        this.faultText.add({ username: line.userId, password: userPassword });
        const listener = new TelServerEventListener({
          bindAddress: this.config.events?.bindAddress ?? defaultBindAddress(this.config.host),
          port: this.config.events?.port ?? 0,
          allowedSources,
          endOfPdu: this.config.endOfPdu,
          faultText: this.faultText,
          log: this.host.log,
        });
        const session = new TelServerSession({
          client: this.client,
          listener,
          deviceNumber: line.device,
          userID: line.userId,
          userPassword,
          sessionTimeoutSeconds: this.config.sessionTimeoutSeconds,
          keepaliveMs: this.config.keepaliveSeconds !== undefined ? this.config.keepaliveSeconds * 1000 : undefined,
          clock: this.host.clock,
          log: this.host.log,
        });
        bindings.push({ adapter, session });
        this.wire(token, adapter, session);
        await session.open();
        if (!token.current()) return await this.release(bindings);
      }
      this.bindings = bindings;
      // Full resync: every line's features and calls from a fresh snapshot.
      for (const { adapter, session } of bindings) {
        const snapshot = await session.snapshot();
        if (!token.current()) return;
        for (const event of adapter.applySnapshot(snapshot)) this.host.emit(event);
      }
      this.startStatistics(token);
    } catch (error) {
      await this.release(bindings);
      // TelServer's error, a transport error naming the server, or the event port's: each says why in the catalog's words.
      throw error;
    }
  }

  /** Closes the sessions of one connect attempt (and forgets them, if they are the connection's): never another attempt's. */
  private async release(bindings: LineBinding[]): Promise<void> {
    if (this.bindings === bindings) this.bindings = [];
    await Promise.all(bindings.map((b) => b.session.close()));
  }

  async disconnect(): Promise<void> {
    this.sessions.end();
    this.statisticsTask?.stop();
    this.statisticsTask = undefined;
    this.effects.cancelAll();
    await this.closeSessions();
  }

  async execute(command: Command): Promise<CommandResult> {
    if (isConnectionCommand(command)) return refused(msg('command.noPhonebook'));
    const lineId = isCallCommand(command) ? command.callId.split('#')[0] : command.lineId;
    const binding = this.bindings.find((b) => b.adapter.lineId === lineId);
    if (!binding) return refused(msg('command.lineNotConnected'));
    const request = binding.adapter.toRequest(command);
    if ('refused' in request) return refused(request.refused);
    try {
      await binding.session.request(request);
      return accepted;
    } catch (error) {
      if (error instanceof TelServerError) return refused(error.text, error.code);
      if (error instanceof TransportError && error.kind === 'timeout' && (await this.effectSeen(command, binding.adapter))) {
        this.host.log.warn('telserver: reply late, but the events show the command worked', { command: command.kind });
        return accepted;
      }
      return refused(errorMessage(error));
    }
  }

  /** After a timed-out reply: whether the events show the command's effect, waiting up to one more request timeout. */
  private effectSeen(command: Command, adapter: TelServerLineAdapter): Promise<boolean> {
    const seen = effectOf(command, adapter);
    if (!seen) return Promise.resolve(false);
    return this.effects.waitFor(seen, this.client.requestTimeoutMs, this.host.clock);
  }

  /** One request on its own socket; the signal closes that socket at once. */
  async searchDirectory(text: string, limit: number, signal: AbortSignal): Promise<DirectoryEntry[]> {
    const deviceNumber = this.config.lines[0]?.device;
    const country = this.config.lines[0]?.country ?? this.defaultCountry;
    const request = looksLikeNumber(text)
      ? ({ type: 'searchNumber', deviceNumber, number: normalizedOrRaw(text, country) } as const)
      : ({ type: 'searchName', deviceNumber, name: text.trim(), limit } as const);
    const result = await this.client.request(request, { signal });
    // Any other answer is TelServer misreading the request: a failure the Finder shows, never "no matches".
    if (result.type !== 'searchDirectory') {
      throw new TransportError('malformed', this.client.server, {
        reason: msg('telserver.wrongResult.search', { type: result.type }),
      });
    }
    return result.parties.slice(0, limit).map((p) => toDirectoryEntry(p, this.label, this.id));
  }

  private wire(token: SessionToken, adapter: TelServerLineAdapter, session: TelServerSession): void {
    const current = token.current;
    session.onEvent((event: TsEvent) => {
      if (!current()) return;
      const body = event.event;
      if (body.type === 'call') {
        const events = adapter.applyCallEvent(body.call);
        for (const e of events) this.host.emit(e);
        // A finished call on an agent line changes what the PBX counts for the agent.
        if (adapter.isAgent && events.some((e) => e.type === 'callEnded')) void this.statisticsTask?.runNow();
      } else if (body.type !== 'session') {
        for (const e of adapter.applyFeatureEvent(body)) this.host.emit(e);
        // A new agent state changes what the PBX counts: read its statistics again.
        if (body.type === 'agent') void this.statisticsTask?.runNow();
      }
      this.effects.check();
    });
    session.onSnapshot((snapshot) => {
      if (!current()) return;
      for (const e of adapter.applySnapshot(snapshot)) this.host.emit(e);
      this.effects.check();
    });
    session.onLost((reason) => {
      if (current()) this.host.link({ type: 'lost', reason });
    });
    session.onPbxLink((up) => {
      if (!current()) return;
      if (!up) {
        this.host.link({ type: 'pbxLink', up: false, reason: msg('telserver.pbxLinkDown') });
        return;
      }
      // The PBX may have changed anything while the link was down: rebuild from a snapshot first.
      session.snapshot().then(
        (snapshot) => {
          if (!current()) return;
          for (const e of adapter.applySnapshot(snapshot)) this.host.emit(e);
          this.host.link({ type: 'pbxLink', up: true });
        },
        (error) => {
          if (current()) this.host.link({ type: 'lost', reason: errorMessage(error) });
        },
      );
    });
  }

  /** The PBX's statistics for every agent line now, then every period; a failed read is logged and tried next time. */
  private startStatistics(token: SessionToken): void {
    this.statisticsTask?.stop();
    const task = new PeriodicTask(this.host.clock, AGENT_STATISTICS_PERIOD_MS, () => this.readStatistics(token));
    this.statisticsTask = task;
    task.start();
    void task.runNow();
  }

  private async readStatistics(token: SessionToken): Promise<void> {
    for (const { adapter } of this.bindings) {
      if (!token.current() || !adapter.isAgent) continue;
      try {
        const result = await this.client.request({
          type: 'queryUserStatistics',
          deviceNumber: adapter.deviceNumber,
          statisticsType: 'total',
        });
        if (!token.current() || result.type !== 'userStatistics' || result.statisticsType !== 'total') continue;
        for (const event of adapter.applyStatistics(agentStatisticsOf(result.data))) this.host.emit(event);
      } catch (error) {
        this.host.log.warn('telserver: agent statistics not read', { line: adapter.lineId, error: errorMessage(error).key });
      }
    }
  }

  private async closeSessions(): Promise<void> {
    const bindings = this.bindings;
    this.bindings = [];
    await Promise.all(bindings.map((b) => b.session.close()));
  }
}

function normalizedOrRaw(text: string, country: string): string {
  const n = normalizeNumber(text, country);
  return n.ok ? n.number : text.trim();
}

/** The host's IP addresses: itself when it is an IP literal, else what DNS says now. */
async function addressesOf(host: string, server: string): Promise<string[]> {
  if (isIP(host)) return [host];
  try {
    return (await lookup(host, { all: true })).map((entry) => entry.address);
  } catch (error) {
    throw new TransportError('not-found', server, {}, { cause: error });
  }
}

/** Listen for events on loopback when the server is local, else on every interface. */
function defaultBindAddress(host: string): string {
  return host === '127.0.0.1' || host === 'localhost' ? '127.0.0.1' : '0.0.0.0';
}

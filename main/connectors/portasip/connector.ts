/**
 * The PortaSIP connection: one WebSocket, one API session, one adapter for
 * every watched extension. Lifecycle (retry, backoff) belongs to the core's
 * supervisor; this class opens (login, subscribe, full resync), reports
 * notifications and a lost socket, resyncs periodically, and closes.
 * Everything it says is a catalog message; its failures are ConsoleErrors.
 */
import { accepted, refused, type Command, type CommandResult } from '../../../app/commands';
import { msg, type Message } from '../../../app/i18n/message';
import type { DirectoryEntry } from '../../../app/model';
import type { PortaSipConnectionConfig } from '../../../app/vendors';
import type { Connector, ConnectorHost } from '../../core/connector';
import { errorMessage } from '../../core/errors';
import { PeriodicTask } from '../../core/periodic-task';
import { SessionGuard, type SessionToken } from '../../core/session-guard';
import { requiredPassword } from '../shared/password';
import { probeUrl } from '../shared/probe';
import { TransportError } from '../shared/transport-error';
import { PortaSipAdapter } from './adapter';
import { PortaSipClient } from './client';
import { PortaSipError } from './errors';
import type { PsRequest } from './messages';
import { PortaSipSession } from './session';
import { refusedPartWay } from '../shared/undo';

export class PortaSipConnector implements Connector {
  readonly vendor = 'portasip' as const;
  readonly id: string;
  readonly label: string;
  /** Outlives sockets so call ids and lines stay stable across reconnects. */
  readonly adapter: PortaSipAdapter;
  private client?: PortaSipClient;
  private session?: PortaSipSession;
  private resyncTask?: PeriodicTask;
  /** A new token on every connect, ended on disconnect: callbacks of an old socket change nothing. */
  private readonly sessions = new SessionGuard();

  /** While offline: does the PBX's port answer again (main/core/supervisor.ts)? */
  readonly probe = () => probeUrl(this.config.url);

  constructor(
    private readonly config: PortaSipConnectionConfig,
    private readonly host: ConnectorHost,
    defaultCountry: string,
  ) {
    this.id = config.id;
    this.label = config.label;
    this.adapter = new PortaSipAdapter(
      {
        connectionId: config.id,
        connectionLabel: config.label,
        country: config.country ?? defaultCountry,
        reception: config.reception,
        extensions: config.extensions ?? [],
        answerMode: config.answerMode,
        queueNames: config.queueNames,
      },
      () => host.clock.now(),
    );
  }

  async connect(): Promise<void> {
    this.close();
    const token = this.sessions.begin();
    const password = await requiredPassword(this.config, this.host);
    // Disconnected (or connected again) while the password was read: this attempt has nothing left to do.
    if (!token.current()) return;
    /** Whether connect() got through; a renewal before that is repaired by one resync right after. */
    let connected = false;
    let renewedWhileConnecting = false;
    const resyncTask = new PeriodicTask(this.host.clock, (this.config.resyncSeconds ?? 60) * 1000, () => this.resync(token));
    const client = new PortaSipClient({
      url: this.config.url,
      fingerprint256: this.config.certificateSha256,
      requestTimeoutMs: this.config.requestTimeoutMs,
      heartbeatMs: (this.config.heartbeatSeconds ?? 15) * 1000,
      credentials: { username: this.config.login, password },
      clock: this.host.clock,
      log: this.host.log,
      onNotification: (info) => {
        if (token.current()) for (const event of this.adapter.applyCallInfo(info)) this.host.emit(event);
      },
      onClosed: (error) => {
        if (token.current()) this.host.link({ type: 'lost', reason: error.text });
      },
    });
    const session = new PortaSipSession({
      client,
      login: this.config.login,
      password,
      scopes: this.config.watch,
      log: this.host.log,
      // A new session may have missed notifications while the old one was refused.
      onRenewed: () => {
        if (!token.current()) return;
        if (connected) void resyncTask.runNow();
        else renewedWhileConnecting = true;
      },
    });
    this.client = client;
    this.session = session;
    this.resyncTask = resyncTask;
    try {
      await client.open();
      await session.open();
      const since = this.adapter.mark();
      const calls = await session.callsList();
      if (!token.current()) return;
      for (const event of this.adapter.replaceAll(calls, since)) this.host.emit(event);
    } catch (error) {
      if (token.current()) this.close();
      throw error;
    }
    connected = true;
    resyncTask.start();
    if (renewedWhileConnecting) void resyncTask.runNow();
  }

  async disconnect(): Promise<void> {
    this.sessions.end();
    this.close();
  }

  async execute(command: Command): Promise<CommandResult> {
    const session = this.session;
    if (!session) return refused(msg('command.connectionUnavailable'));
    const plan = this.adapter.plan(command);
    if ('refused' in plan) return refused(plan.refused);
    let sent = 0;
    try {
      for (const request of plan.requests) {
        await session.request(request);
        sent++;
      }
    } catch (error) {
      const failure = failureOf(error);
      // PortaSIP refused a later step (it did not carry it out): take back the first one's change (a consult's hold).
      // An unknown outcome is left alone: the step may still be carried out (the callback ring).
      if (!plan.undo || sent === 0 || !(error instanceof PortaSipError)) return refused(failure.error, failure.code);
      return refusedPartWay(failure.error, plan.undo, await this.undo(session, plan.undo.request), failure.code);
    }
    return plan.notice ? { ok: true, notice: plan.notice } : accepted;
  }

  /** Sends a failed command's undo; whether PortaSIP carried it out. */
  private async undo(session: PortaSipSession, request: PsRequest): Promise<boolean> {
    try {
      await session.request(request);
      return true;
    } catch (error) {
      this.host.log.warn('portasip: could not undo a failed command', { error: errorMessage(error).key });
      return false;
    }
  }

  /** The extensions read at connect: no I/O, so a replaced search needs only to be refused before it starts. */
  async searchDirectory(text: string, limit: number, signal: AbortSignal): Promise<DirectoryEntry[]> {
    signal.throwIfAborted();
    return this.adapter.searchExtensions(text, limit);
  }

  /** The calls list again: repairs anything missed, and proves the session still stands. */
  private async resync(token: SessionToken): Promise<void> {
    const session = this.session;
    if (!session || !token.current()) return;
    try {
      const since = this.adapter.mark();
      const calls = await session.callsList();
      if (token.current()) for (const event of this.adapter.replaceAll(calls, since)) this.host.emit(event);
    } catch (error) {
      if (!token.current()) return;
      if (error instanceof TransportError && error.kind === 'closed') return; // onClosed reports it
      this.host.link({ type: 'lost', reason: errorMessage(error) });
    }
  }

  private close(): void {
    this.resyncTask?.stop();
    this.resyncTask = undefined;
    this.client?.close();
    this.client = undefined;
    this.session = undefined;
  }
}

/** What the receptionist is told when a request fails, and PortaSIP's error code if it answered with one. */
function failureOf(error: unknown): { error: Message; code?: string } {
  if (error instanceof PortaSipError) return { error: error.text, code: error.code };
  // No answer came: the request may or may not have been carried out.
  if (error instanceof TransportError && (error.kind === 'closed' || error.kind === 'timeout')) {
    return { error: msg('portasip.outcomeUnknown', { reason: error.text }) };
  }
  return { error: errorMessage(error) };
}

/**
 * The PortaSIP connection: one WebSocket, one API session, one adapter for
 * every watched extension. Lifecycle (retry, backoff) belongs to the core's
 * supervisor; this class opens (login, subscribe, full resync), reports
 * notifications and a lost socket, resyncs periodically, and closes.
 */
import { accepted, refused, type Command, type CommandResult } from '../../../app/commands';
import type { DirectoryEntry } from '../../../app/model';
import { requiredPassword } from '../../core/secrets';
import type { Connector, ConnectorHost } from '../../core/connector';
import { PortaSipAdapter } from './adapter';
import { PortaSipClient } from './client';
import type { PortaSipConnectionConfig } from './config';
import { PortaSipError, PortaSipTransportError } from './errors';
import { PortaSipSession } from './session';

export class PortaSipConnector implements Connector {
  readonly vendor = 'portasip' as const;
  readonly id: string;
  readonly label: string;
  /** Outlives sockets so call ids and lines stay stable across reconnects. */
  readonly adapter: PortaSipAdapter;
  private client?: PortaSipClient;
  private session?: PortaSipSession;
  private resyncTimer: unknown;
  /** Bumped on every connect/disconnect so callbacks of an old socket are ignored. */
  private epoch = 0;

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
      },
      () => host.clock.now(),
    );
  }

  async connect(): Promise<void> {
    this.close();
    const epoch = ++this.epoch;
    const current = () => epoch === this.epoch;
    const password = await requiredPassword(this.config, this.host);
    const client = new PortaSipClient({
      url: this.config.url,
      fingerprint256: this.config.certificateSha256,
      requestTimeoutMs: this.config.requestTimeoutMs,
      heartbeatMs: (this.config.heartbeatSeconds ?? 15) * 1000,
      clock: this.host.clock,
      log: this.host.log,
      onNotification: (info) => {
        if (current()) for (const event of this.adapter.applyCallInfo(info)) this.host.emit(event);
      },
      onClosed: (reason) => {
        if (current()) this.host.link({ type: 'lost', reason });
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
        if (current()) void this.resync(epoch);
      },
    });
    this.client = client;
    this.session = session;
    try {
      await client.open();
      await session.open();
      const since = this.adapter.mark();
      const calls = await session.callsList();
      if (!current()) return;
      for (const event of this.adapter.replaceAll(calls, since)) this.host.emit(event);
    } catch (error) {
      if (current()) this.close();
      throw new Error(describeError(error, this.config), { cause: error });
    }
    this.scheduleResync(epoch);
  }

  async disconnect(): Promise<void> {
    this.epoch++;
    this.close();
  }

  async execute(command: Command): Promise<CommandResult> {
    const session = this.session;
    if (!session) return refused('PortaSIP is not connected.');
    const plan = this.adapter.plan(command);
    if ('refused' in plan) return refused(plan.refused);
    try {
      for (const request of plan.requests) await session.request(request);
    } catch (error) {
      if (error instanceof PortaSipError) return refused(error.message, error.code);
      return refused(describeError(error, this.config));
    }
    return plan.notice ? { ok: true, notice: plan.notice } : accepted;
  }

  async searchDirectory(text: string, limit: number): Promise<DirectoryEntry[]> {
    return this.adapter.searchExtensions(text, limit);
  }

  /** The calls list again: repairs anything missed, and proves the session still stands. */
  private async resync(epoch: number): Promise<void> {
    const session = this.session;
    if (!session || epoch !== this.epoch) return;
    try {
      const since = this.adapter.mark();
      const calls = await session.callsList();
      if (epoch === this.epoch) for (const event of this.adapter.replaceAll(calls, since)) this.host.emit(event);
    } catch (error) {
      if (epoch !== this.epoch) return;
      if (error instanceof PortaSipTransportError && error.kind === 'closed') return; // onClosed reports it
      this.host.link({ type: 'lost', reason: describeError(error, this.config) });
    }
  }

  private scheduleResync(epoch: number): void {
    const interval = (this.config.resyncSeconds ?? 60) * 1000;
    this.resyncTimer = this.host.clock.setTimeout(() => {
      if (epoch !== this.epoch) return;
      void this.resync(epoch).finally(() => {
        if (epoch === this.epoch) this.scheduleResync(epoch);
      });
    }, interval);
  }

  private close(): void {
    if (this.resyncTimer !== undefined) this.host.clock.clearTimeout(this.resyncTimer);
    this.resyncTimer = undefined;
    this.client?.close();
    this.client = undefined;
    this.session = undefined;
  }
}

function describeError(error: unknown, config: PortaSipConnectionConfig): string {
  const message = error instanceof Error ? error.message : String(error);
  const host = safeHost(config.url);
  return message.includes(host) ? message : `${message} (PortaSIP ${host})`;
}

function safeHost(url: string): string {
  try {
    return new URL(url).host;
  } catch {
    return url;
  }
}

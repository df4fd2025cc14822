/**
 * ConsoleService: owns the connectors and the console state. Connectors
 * report domain events; the pure reducer turns them into state and change
 * lists, which are published in order to every subscriber (Electron
 * windows, WebSocket clients). Commands from the UI are checked here once
 * (the call exists, the action is allowed now, the number is valid) and then
 * routed to the line's connector.
 */
import {
  accepted,
  isCallCommand,
  isConnectionCommand,
  refused,
  type Command,
  type CommandResult,
  type LineCommand,
} from '../../app/commands';
import type { DirectoryQuery, StateMessage } from '../../app/contract';
import type { DomainEvent } from '../../app/events';
import { cleanPeerFields } from '../../app/peer-text';
import { msg, type Message } from '../../app/i18n/message';
import { emptyConsoleState, type ConsoleState, type DirectoryEntry, type LineCapability, type LinkState } from '../../app/model';
import { normalizeNumber, looksLikeNumber } from '../../app/phone';
import { reduceAll } from '../../app/reducer';
import { ConsoleError, errorMessage, InvariantError } from './errors';
import type { BaseConnectionConfig } from '../../app/vendors';
import type { Clock } from '../../app/clock';
import { systemClock } from './clock';
import type { Logger } from './log';
import type { Connector, ConnectorFactory, ConnectorHost } from './connector';
import { consoleLogger } from './log';
import { ConnectionSupervisor } from './supervisor';
import type { BackoffPolicy } from '../../app/backoff';

/** Turns a connection's settings into a connector (the runtime's vendor registry; test connectors in tests). */
export type ConnectorBuilder = (connection: BaseConnectionConfig) => ConnectorFactory;

/** What the credential store offers the core: the secret saved for a connection id. */
export interface SecretSource {
  get: (connectionId: string) => Promise<string | undefined>;
}

export interface ConsoleServiceOptions {
  /** The connections to run from the start. */
  connectors: ConnectorFactory[];
  /** Needed for connections added, replaced or tested at runtime (settings). */
  buildConnector?: ConnectorBuilder;
  /** Stored passwords by connection id (the credential store). */
  secrets?: SecretSource;
  /** How long testConnection waits for the connector to connect. */
  testTimeoutMs?: number;
  clock?: Clock;
  log?: Logger;
  backoff?: BackoffPolicy;
  /** How long a directory search waits for each connection. */
  searchTimeoutMs?: number;
}

type Listener = (message: StateMessage) => void;

export class ConsoleService {
  private state: ConsoleState = emptyConsoleState();
  private pending: DomainEvent[] = [];
  private seq = 0;
  private readonly listeners = new Set<Listener>();
  private readonly supervisors = new Map<string, ConnectionSupervisor>();
  /** Connections being removed or replaced: their late events must not reach the state. */
  private readonly retired = new WeakSet<ConnectionSupervisor>();
  private readonly clock: Clock;
  private readonly log: Logger;
  private started = false;

  constructor(private readonly options: ConsoleServiceOptions) {
    this.clock = options.clock ?? systemClock;
    this.log = options.log ?? consoleLogger('core');
    for (const factory of options.connectors) {
      const supervisor = this.supervise(factory);
      if (this.supervisors.has(supervisor.connector.id))
        throw new ConsoleError(msg('settings.connectionExists', { id: supervisor.connector.id }));
      this.supervisors.set(supervisor.connector.id, supervisor);
    }
  }

  /** Creates a connector and its supervisor; everything it reports is dropped once the supervisor is retired. */
  private supervise(factory: ConnectorFactory): ConnectionSupervisor {
    let supervisor: ConnectionSupervisor | undefined;
    const live = () => supervisor !== undefined && !this.retired.has(supervisor);
    const connector: Connector = factory({
      emit: (event) => {
        if (live()) this.apply(event);
      },
      link: (event) => {
        if (live()) supervisor?.handleLink(event);
      },
      factsChanged: () => {
        if (live()) supervisor?.republish();
      },
      storedPassword: () => this.storedPassword(connector.id),
      log: this.log,
      clock: this.clock,
    });
    supervisor = new ConnectionSupervisor(connector, {
      clock: this.clock,
      log: this.log,
      backoff: this.options.backoff,
      onStatus: (status) => {
        if (live()) this.apply({ type: 'connectionStatus', status });
      },
    });
    return supervisor;
  }

  private async storedPassword(connectionId: string): Promise<string | undefined> {
    return this.options.secrets?.get(connectionId);
  }

  private builder(): ConnectorBuilder {
    if (!this.options.buildConnector) throw new ConsoleError(msg('settings.cannotChange'));
    return this.options.buildConnector;
  }

  hasConnection(connectionId: string): boolean {
    return this.supervisors.has(connectionId);
  }

  /** Starts a new connection (settings: add). Throws when the id is taken. */
  addConnection(connection: BaseConnectionConfig): void {
    if (this.supervisors.has(connection.id)) throw new ConsoleError(msg('settings.connectionExists', { id: connection.id }));
    const supervisor = this.supervise(this.builder()(connection));
    if (supervisor.connector.id !== connection.id)
      throw new InvariantError(`The connector for "${connection.id}" reports the id "${supervisor.connector.id}".`);
    this.supervisors.set(connection.id, supervisor);
    if (this.started) supervisor.start();
  }

  /** Restarts a connection with new settings (or a new password): its old lines and calls go, the new session resyncs. */
  async replaceConnection(connection: BaseConnectionConfig): Promise<void> {
    if (!this.supervisors.has(connection.id)) throw new ConsoleError(msg('settings.noSuchConnection', { id: connection.id }));
    const next = this.supervise(this.builder()(connection));
    await this.retire(connection.id);
    this.supervisors.set(connection.id, next);
    if (this.started) next.start();
  }

  /** Stops a connection for good; its lines, calls and colleagues leave the state. */
  async removeConnection(connectionId: string): Promise<CommandResult> {
    if (!this.supervisors.has(connectionId)) return refused(msg('command.connectionGone'));
    await this.retire(connectionId);
    return accepted;
  }

  private async retire(connectionId: string): Promise<void> {
    const supervisor = this.supervisors.get(connectionId);
    if (!supervisor) return;
    this.supervisors.delete(connectionId);
    this.retired.add(supervisor);
    await supervisor.stop();
    this.apply({ type: 'connectionRemoved', connectionId });
  }

  /**
   * Connects a throwaway connector once and disconnects it: accepted, or
   * refused with the reason a receptionist can read. Nothing it reports
   * reaches the live state. `password` stands in for the stored one.
   */
  async testConnection(connection: BaseConnectionConfig, password?: string): Promise<CommandResult> {
    const connector = this.builder()(connection)({
      emit: () => {},
      link: () => {},
      factsChanged: () => {},
      storedPassword: async () => password ?? (await this.storedPassword(connection.id)),
      log: this.log,
      clock: this.clock,
    } satisfies ConnectorHost);
    const timeoutMs = this.options.testTimeoutMs ?? 10_000;
    try {
      await withTimeout(connector.connect(), timeoutMs, msg('settings.testTimeout', { seconds: timeoutMs / 1000 }));
      return accepted;
    } catch (error) {
      return refused(errorMessage(error));
    } finally {
      await connector.disconnect().catch(() => {});
    }
  }

  start(): void {
    if (this.started) return;
    this.started = true;
    for (const supervisor of this.supervisors.values()) supervisor.start();
  }

  async stop(): Promise<void> {
    this.started = false;
    await Promise.all([...this.supervisors.values()].map((s) => s.stop()));
  }

  getState(): ConsoleState {
    this.flush();
    return this.state;
  }

  /** The listener receives a snapshot at once, then every patch in order. */
  subscribe(listener: Listener): () => void {
    this.flush();
    this.listeners.add(listener);
    listener({ type: 'snapshot', seq: this.seq, state: this.state });
    return () => this.listeners.delete(listener);
  }

  /**
   * Takes a domain event. Events are reduced and published together at the
   * end of the current turn of the event loop (setImmediate: right after the
   * I/O that brought them), so a burst of vendor frames costs one state copy
   * and one patch per subscriber instead of one per event.
   */
  apply(event: DomainEvent): void {
    // Names, companies and notes come from a network peer: no control or bidi-override characters enter the model.
    cleanPeerFields(event);
    this.pending.push(event);
    if (this.pending.length === 1) setImmediate(() => this.flush());
  }

  /** Reduces and publishes what is pending; reads of the state call it first so they never see stale state. */
  private flush(): void {
    if (this.pending.length === 0) return;
    const events = this.pending;
    this.pending = [];
    const { state, changes } = reduceAll(this.state, events);
    if (changes.length === 0) return;
    this.state = state;
    const message: StateMessage = { type: 'patch', seq: ++this.seq, changes };
    for (const listener of this.listeners) {
      try {
        listener(message);
      } catch (error) {
        this.log.error('state listener failed', { error: String(error) });
      }
    }
  }

  async execute(command: Command): Promise<CommandResult> {
    this.flush();
    const prepared = this.prepare(command);
    if ('error' in prepared) return refused(prepared.error);
    const supervisor = this.supervisors.get(prepared.connectionId);
    if (!supervisor) return refused(msg('command.connectionGone'));
    if (supervisor.linkState !== 'online') {
      return refused(msg('command.notOnline', { connection: supervisor.connector.label, state: linkStateWords(supervisor.linkState) }));
    }
    try {
      return await supervisor.connector.execute(prepared.command);
    } catch (error) {
      this.log.error('command failed', { command: prepared.command.kind, error: String(error) });
      return refused(errorMessage(error));
    }
  }

  async searchDirectory(query: DirectoryQuery): Promise<DirectoryEntry[]> {
    const text = query.text.trim();
    if (!text) return [];
    const limit = query.limit ?? 50;
    const online = [...this.supervisors.values()].filter((s) => s.linkState === 'online');
    const results = await Promise.all(
      online.map((s) =>
        withTimeout(s.connector.searchDirectory(text, limit), this.options.searchTimeoutMs ?? 3000).catch((error) => {
          this.log.warn('directory search failed', { connection: s.connector.id, error: String(error) });
          return [] as DirectoryEntry[];
        }),
      ),
    );
    const seen = new Set<string>();
    const merged: DirectoryEntry[] = [];
    for (const entry of results.flat()) {
      const key = `${entry.number}\u0000${entry.name ?? ''}`;
      if (seen.has(key)) continue;
      seen.add(key);
      merged.push(entry);
    }
    const byNumber = looksLikeNumber(text);
    merged.sort((a, b) => (byNumber ? a.number.localeCompare(b.number) : (a.name ?? '').localeCompare(b.name ?? '')));
    return merged.slice(0, limit);
  }

  reconnect(connectionId: string): CommandResult {
    const supervisor = this.supervisors.get(connectionId);
    if (!supervisor) return refused(msg('command.connectionGone'));
    supervisor.reconnectNow();
    return { ok: true };
  }

  /** After sleep or a network change: every connection reconnects and resyncs now. */
  reconnectAll(reason: Message): void {
    for (const supervisor of this.supervisors.values()) supervisor.reconnectNow(reason);
  }

  /** Checks a command against the current state and normalises its number. */
  private prepare(command: Command): { command: Command; connectionId: string } | { error: Message } {
    if (isConnectionCommand(command)) {
      const { connectionId } = command;
      const lines = Object.values(this.state.lines).filter((l) => l.connectionId === connectionId);
      if (lines.length === 0) return { error: msg('command.connectionUnavailable') };
      if (!lines.some((l) => l.capabilities.includes('phonebook'))) return { error: msg('command.noPhonebook') };
      return { command, connectionId };
    }
    let lineId: string;
    if (isCallCommand(command)) {
      const call = this.state.calls[command.callId];
      if (!call) return { error: msg('command.callEnded') };
      if (!call.actions.includes(command.kind)) {
        return { error: msg('command.notPossibleNow', { action: msg(`action.${command.kind}`) }) };
      }
      lineId = call.lineId;
    } else {
      lineId = command.lineId;
    }
    const line = this.state.lines[lineId];
    if (!line) return { error: msg('command.lineUnavailable') };
    if (!isCallCommand(command)) {
      const needed = LINE_COMMAND_CAPABILITY[command.kind];
      if (!line.capabilities.includes(needed)) return { error: msg('command.lineCannot', { line: line.label }) };
    }
    if ('to' in command && command.to !== undefined) {
      const normalized = normalizeNumber(command.to, line.country);
      if (!normalized.ok) return { error: normalized.error };
      command = { ...command, to: normalized.number };
    }
    return { command, connectionId: line.connectionId };
  }
}

/** The line capability each line command needs. */
const LINE_COMMAND_CAPABILITY: Record<LineCommand['kind'], LineCapability> = {
  dial: 'dial',
  setDnd: 'dnd',
  setForward: 'forward',
  setAgentState: 'agent',
  pickup: 'pickup',
  setCallerName: 'caller-name',
};

/** The words for a link state, as a parameter of a refusal ("… is not online (offline, retrying)"). */
export function linkStateWords(state: LinkState): Message {
  switch (state) {
    case 'connecting':
      return msg('link.connecting');
    case 'online':
      return msg('link.online');
    case 'pbx-link-down':
      return msg('link.pbxLinkDown');
    case 'offline':
      return msg('link.offlineRetrying');
    case 'stopped':
      return msg('link.stopped');
  }
}

function withTimeout<T>(
  promise: Promise<T>,
  ms: number,
  message: Message = msg('settings.testTimeout', { seconds: ms / 1000 }),
): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const timer = setTimeout(() => reject(new ConsoleError(message)), ms);
    promise.then(
      (value) => {
        clearTimeout(timer);
        resolve(value);
      },
      (error: unknown) => {
        clearTimeout(timer);
        reject(error instanceof Error ? error : new Error(String(error)));
      },
    );
  });
}

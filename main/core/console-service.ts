/**
 * ConsoleService: owns the connectors and the console state. Connectors
 * report domain events; the pure reducer turns them into state and change
 * lists, which are published in order to every subscriber (Electron
 * windows, WebSocket clients). Commands from the UI are checked here once
 * (the call exists, the action is allowed now, the number is valid) and then
 * routed to the line's connector.
 */
import { isCallCommand, isConnectionCommand, refused, type Command, type CommandResult, type LineCommand } from '../../app/commands';
import type { DirectoryQuery, StateMessage } from '../../app/contract';
import type { DomainEvent } from '../../app/events';
import { ACTION_LABEL, emptyConsoleState, type ConsoleState, type DirectoryEntry, type LineCapability } from '../../app/model';
import { normalizeNumber, looksLikeNumber } from '../../app/phone';
import { reduce } from '../../app/reducer';
import { systemClock, type Clock, type ConnectorFactory, type Logger } from './connector';
import { consoleLogger } from './log';
import { ConnectionSupervisor } from './supervisor';
import type { BackoffPolicy } from '../../app/backoff';

export interface ConsoleServiceOptions {
  connectors: ConnectorFactory[];
  clock?: Clock;
  log?: Logger;
  backoff?: BackoffPolicy;
  /** How long a directory search waits for each connection. */
  searchTimeoutMs?: number;
}

type Listener = (message: StateMessage) => void;

export class ConsoleService {
  private state: ConsoleState = emptyConsoleState();
  private seq = 0;
  private readonly listeners = new Set<Listener>();
  private readonly supervisors = new Map<string, ConnectionSupervisor>();
  private readonly clock: Clock;
  private readonly log: Logger;
  private started = false;

  constructor(private readonly options: ConsoleServiceOptions) {
    this.clock = options.clock ?? systemClock;
    this.log = options.log ?? consoleLogger('core');
    for (const factory of options.connectors) {
      let supervisor: ConnectionSupervisor | undefined;
      const connector = factory({
        emit: (event) => this.apply(event),
        link: (event) => supervisor?.handleLink(event),
        factsChanged: () => supervisor?.republish(),
        log: this.log,
        clock: this.clock,
      });
      if (this.supervisors.has(connector.id)) throw new Error(`Two connections are named "${connector.id}".`);
      supervisor = new ConnectionSupervisor(connector, {
        clock: this.clock,
        log: this.log,
        backoff: options.backoff,
        onStatus: (status) => this.apply({ type: 'connectionStatus', status }),
      });
      this.supervisors.set(connector.id, supervisor);
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
    return this.state;
  }

  /** The listener receives a snapshot at once, then every patch in order. */
  subscribe(listener: Listener): () => void {
    this.listeners.add(listener);
    listener({ type: 'snapshot', seq: this.seq, state: this.state });
    return () => this.listeners.delete(listener);
  }

  /** Applies a domain event and publishes what changed. */
  apply(event: DomainEvent): void {
    const { state, changes } = reduce(this.state, event);
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
    const prepared = this.prepare(command);
    if ('error' in prepared) return refused(prepared.error);
    const supervisor = this.supervisors.get(prepared.connectionId);
    if (!supervisor) return refused('That connection no longer exists.');
    if (supervisor.linkState !== 'online') {
      return refused(`${supervisor.connector.label} is not online (${describeLinkState(supervisor.linkState)}).`);
    }
    try {
      return await supervisor.connector.execute(prepared.command);
    } catch (error) {
      this.log.error('command failed', { command: prepared.command.kind, error: String(error) });
      return refused(error instanceof Error ? error.message : 'The command failed.');
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
    if (!supervisor) return refused('That connection no longer exists.');
    supervisor.reconnectNow();
    return { ok: true };
  }

  /** After sleep or a network change: every connection reconnects and resyncs now. */
  reconnectAll(reason: string): void {
    for (const supervisor of this.supervisors.values()) supervisor.reconnectNow(reason);
  }

  /** Checks a command against the current state and normalises its number. */
  private prepare(command: Command): { command: Command; connectionId: string } | { error: string } {
    if (isConnectionCommand(command)) {
      const { connectionId } = command;
      const lines = Object.values(this.state.lines).filter((l) => l.connectionId === connectionId);
      if (lines.length === 0) return { error: 'That connection is not available.' };
      if (!lines.some((l) => l.capabilities.includes('phonebook'))) return { error: 'This connection has no phonebook the console can edit.' };
      return { command, connectionId };
    }
    let lineId: string;
    if (isCallCommand(command)) {
      const call = this.state.calls[command.callId];
      if (!call) return { error: 'That call has ended.' };
      if (!call.actions.includes(command.kind)) {
        return { error: `${ACTION_LABEL[command.kind]} is not possible on this call right now.` };
      }
      lineId = call.lineId;
    } else {
      lineId = command.lineId;
    }
    const line = this.state.lines[lineId];
    if (!line) return { error: 'That line is not available.' };
    if (!isCallCommand(command)) {
      const needed = LINE_COMMAND_CAPABILITY[command.kind];
      if (!line.capabilities.includes(needed)) return { error: `${line.label} cannot do that.` };
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

export function describeLinkState(state: string): string {
  switch (state) {
    case 'connecting':
      return 'connecting';
    case 'pbx-link-down':
      return 'PBX link down';
    case 'offline':
      return 'offline, retrying';
    case 'stopped':
      return 'stopped';
    default:
      return state;
  }
}

function withTimeout<T>(promise: Promise<T>, ms: number): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`no answer within ${ms} ms`)), ms);
    promise.then(
      (value) => {
        clearTimeout(timer);
        resolve(value);
      },
      (error) => {
        clearTimeout(timer);
        reject(error);
      },
    );
  });
}

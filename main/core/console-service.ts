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
import type { DirectoryAnswer, DirectoryFailure, DirectoryQuery, StateMessage } from '../../app/contract';
import type { DomainEvent } from '../../app/events';
import { cleanEventPeerFields, cleanPeerFields } from '../../app/peer-text';
import { msg, type Message } from '../../app/i18n/message';
import { emptyConsoleState, type ConsoleState, type LineCapability, type LinkState } from '../../app/model';
import { normalizeNumber } from '../../app/phone';
import { OwnedState } from '../../app/reducer';
import { ConsoleError, errorMessage, InvariantError } from './errors';
import type { BaseConnectionConfig } from '../../app/vendors';
import type { Clock } from '../../app/clock';
import { systemClock } from './clock';
import { DEFAULT_COUNTRY } from '../../app/config';
import type {
  ContactDeletedReply,
  ContactInput,
  ContactSavedReply,
  ContactsReply,
  ImportPosition,
  ImportReply,
} from '../../app/directory/contact';
import { directoryNameOf, identifyCallers } from './directory/caller-id';
import { ContactBook, memoryContactStore, type ContactStore } from './directory/contact-book';
import { Directory } from './directory/directory';
import { mergeVendorEntries } from './directory/merge';
import type { Logger } from './log';
import type { Connector, ConnectorFactory, ConnectorHost } from './connector';
import { consoleLogger } from './log';
import { ConnectionSupervisor } from './supervisor';
import { RequestScheduler, SupersededError, type SchedulerLimits } from './request-scheduler';
import type { BackoffPolicy } from '../../app/backoff';
import type { StateChange } from '../../app/reducer';
import type { JournalDoneRequest, JournalFigures, JournalNoteRequest, JournalPage, JournalQuery, JournalStore } from '../../app/journal';
import type { JournalEntry, JournalOutcome } from '../../app/model';

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
  /** Requests each connection's PBX gets at once, and how many may wait (request-scheduler.ts). */
  requestLimits?: SchedulerLimits;
  /** Where finished calls are kept (main/runtime/journal); without one, only the state's recent calls exist. */
  journal?: JournalStore;
  /** Where local contacts are kept (main/runtime/contacts-file); without one, only while the console runs. */
  contacts?: ContactStore;
  /** The country contacts' numbers are read with when typed without one. */
  defaultCountry?: () => string;
}

type Listener = (message: StateMessage) => void;

/** The local contacts' source as data (the UI names it by the result's origin, in the receptionist's language). */
const CONTACTS_SOURCE = 'Contacts';

export class ConsoleService {
  /** Reduced in place between the times it is handed out (OwnedState): hand it out only through `store.share()`. */
  private readonly store = new OwnedState(emptyConsoleState());
  private pending: DomainEvent[] = [];
  private seq = 0;
  private lastSnapshot: Extract<StateMessage, { type: 'snapshot' }> | undefined;
  private readonly listeners = new Set<Listener>();
  private readonly supervisors = new Map<string, ConnectionSupervisor>();
  /** Connections being removed or replaced: their late events must not reach the state. */
  private readonly retired = new WeakSet<ConnectionSupervisor>();
  private readonly clock: Clock;
  private readonly log: Logger;
  private started = false;
  /** Calls the receptionist transferred or diverted (accepted by the PBX): how their journal entry ends. */
  private readonly handoffs = new Map<string, { outcome: JournalOutcome; to: string }>();
  /** Each connection's requests to its PBX, bounded (commands ahead of searches, the newest search of a client wins). */
  private readonly schedulers = new WeakMap<ConnectionSupervisor, RequestScheduler>();
  /** Every PBX's users and the local contacts, searched locally; names callers. */
  readonly directory: Directory;
  private readonly contacts: ContactBook;

  constructor(private readonly options: ConsoleServiceOptions) {
    this.clock = options.clock ?? systemClock;
    this.log = options.log ?? consoleLogger('core');
    this.directory = new Directory({
      connectionLabel: (id) => this.state.connections[id]?.label ?? this.supervisors.get(id)?.connector.label ?? id,
      colleague: (id) => this.state.colleagues[id],
      contactsSource: CONTACTS_SOURCE,
    });
    this.contacts = new ContactBook(
      options.contacts ?? memoryContactStore(),
      this.directory,
      () => options.defaultCountry?.() ?? DEFAULT_COUNTRY,
      this.log,
    );
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
      phonebook: (entries) => {
        if (!live()) return;
        // Names from the PBX's phonebook name callers in the model (caller identification): cleaned like any peer text.
        cleanPeerFields(entries);
        this.directory.setPhonebook(connector.id, entries);
      },
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
    this.schedulers.set(supervisor, new RequestScheduler(this.options.requestLimits));
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
    this.schedulerOf(supervisor).close();
    await supervisor.stop();
    this.directory.setPhonebook(connectionId, []);
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
    this.contacts.load().catch(() => {}); // logged by the book; the contacts view shows why
    for (const supervisor of this.supervisors.values()) supervisor.start();
  }

  async stop(): Promise<void> {
    this.started = false;
    this.directory.dispose();
    await Promise.all([...this.supervisors.values()].map((s) => s.stop()));
  }

  /** A snapshot the caller may keep (the next change to a collection in it copies that collection once). */
  getState(): ConsoleState {
    this.flush();
    return this.store.share();
  }

  /**
   * The current state for a read finished before `read` returns (e.g. the tray after each patch): no copy
   * later, unlike getState. Never keep the state or its collections.
   */
  readState<T>(read: (state: ConsoleState) => T): T {
    this.flush();
    return read(this.state);
  }

  /** For the service's own lookups, done at once: never hand this out or keep it. */
  private get state(): ConsoleState {
    return this.store.peek();
  }

  /** The listener receives a snapshot at once, then every patch in order. */
  subscribe(listener: Listener): () => void {
    this.flush();
    this.listeners.add(listener);
    listener(this.snapshot());
    return () => this.listeners.delete(listener);
  }

  /**
   * The snapshot message of the current seq, the same object for every subscriber until the state changes, so a
   * bridge serialises it once however many clients (re)subscribe; kept only until the state next changes.
   */
  private snapshot(): StateMessage {
    const state = this.store.share();
    const last = this.lastSnapshot;
    if (last?.seq === this.seq && last.state === state) return last;
    return (this.lastSnapshot = { type: 'snapshot', seq: this.seq, state });
  }

  /**
   * Takes a domain event. Events are reduced and published together at the
   * end of the current turn of the event loop (setImmediate: right after the
   * I/O that brought them), so a burst of vendor frames costs one state copy
   * and one patch per subscriber instead of one per event.
   */
  apply(event: DomainEvent): void {
    // Names, companies and notes come from a network peer: no control or bidi-override characters enter the model.
    // What the model already holds (a re-sent call's unchanged parties) was cleaned when it came in.
    cleanEventPeerFields(event, this.state);
    this.pending.push(event);
    if (this.pending.length === 1) setImmediate(() => this.flush());
  }

  /** Reduces and publishes what is pending; reads of the state call it first so they never see stale state. */
  private flush(): void {
    if (this.pending.length === 0) return;
    const events = this.pending;
    this.pending = [];
    // Callers named by the directory in the same update that shows the call: no flicker, no lookup per render.
    identifyCallers(events, this.state, this.directory);
    const changes = this.store.reduce(events);
    const state = this.state;
    this.directory.applyChanges(changes, state);
    this.keepJournal(events, changes, state);
    if (changes.length === 0) return;
    // The old snapshot must not keep the collections this change replaced (nor a bridge's text of it) alive.
    this.lastSnapshot = undefined;
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
      const result = await this.schedulerOf(supervisor).schedule({ kind: 'command' }, () => supervisor.connector.execute(prepared.command));
      if (result.ok) this.noteHandoff(prepared.command);
      return result;
    } catch (error) {
      this.log.error('command failed', { command: prepared.command.kind, error: String(error) });
      return refused(errorMessage(error));
    }
  }

  /** Remembers where an accepted transfer or divert sent a call, for its journal entry (a bounded number of calls). */
  private noteHandoff(command: Command): void {
    if (!this.options.journal) return;
    // A call whose end never reaches the journal (its connection removed first) must not stay here for good.
    if (this.handoffs.size >= MAX_PENDING_HANDOFFS) this.handoffs.delete(this.handoffs.keys().next().value!);
    if (command.kind === 'transfer' || command.kind === 'divert') {
      // Named as the directory knows the number ("Maria Lind (1102)"): the journal is read later, by name.
      const call = this.state.calls[command.callId];
      const country = (call && this.state.lines[call.lineId]?.country) ?? DEFAULT_COUNTRY;
      const known = call ? directoryNameOf(command.to, call.connectionId, country, this.directory) : undefined;
      const to = partyWords({ number: command.to, ...(known ? { name: known.name } : {}) });
      this.handoffs.set(command.callId, { outcome: command.kind === 'transfer' ? 'transferred' : 'diverted', to });
    } else if (command.kind === 'completeTransfer') {
      const call = this.state.calls[command.callId];
      const other = call?.relatedCallId ? this.state.calls[call.relatedCallId] : undefined;
      if (!call || !other) return;
      const [held, consultation] = call.role === 'consultation' ? [other, call] : [call, other];
      this.handoffs.set(held.id, { outcome: 'transferred', to: partyWords(consultation.remote) });
    }
  }

  /**
   * Hands what the reduction finished to the journal store: each call that
   * ended (with its line's names and where it was handed to) and each vendor
   * history merge. A store failure is logged, never lets the state stall.
   */
  private keepJournal(events: readonly DomainEvent[], changes: readonly StateChange[], state: ConsoleState): void {
    const store = this.options.journal;
    if (!store) return;
    try {
      for (const change of changes) {
        if (change.op !== 'journal' || change.entry.source === 'vendor') continue;
        const line = state.lines[change.entry.lineId];
        const handoff = this.handoffs.get(change.entry.callId);
        this.handoffs.delete(change.entry.callId);
        // A colleague's watched extension (Centrex) is not the receptionist's journal.
        if (line?.watched) continue;
        store.record(this.described(change.entry, state, handoff));
      }
      for (const event of events) {
        if (event.type === 'historyMerged') store.merge(event.entries.map((entry) => this.described(entry, state)));
      }
    } catch (error) {
      this.log.error('journal write failed', { error: String(error) });
    }
  }

  private described(entry: JournalEntry, state: ConsoleState, handoff?: { outcome: JournalOutcome; to: string }): JournalEntry {
    const line = state.lines[entry.lineId];
    const connectionId = entry.connectionId ?? line?.connectionId;
    const connection = connectionId !== undefined ? state.connections[connectionId] : undefined;
    const lineName = line ? line.label || line.number : undefined;
    return {
      ...entry,
      ...(connectionId !== undefined ? { connectionId } : {}),
      ...(connection ? { connectionLabel: connection.label } : {}),
      ...(lineName !== undefined ? { lineLabel: lineName, handledBy: lineName } : {}),
      ...(handoff ? { outcome: handoff.outcome, handedTo: handoff.to } : {}),
    };
  }

  queryJournal(query: JournalQuery): JournalPage {
    this.flush();
    return this.options.journal?.query(query) ?? { entries: [], total: 0, missedOpen: 0 };
  }

  journalFigures(since: number): JournalFigures | null {
    this.flush();
    return this.options.journal?.figures(since) ?? null;
  }

  markJournalDone(request: JournalDoneRequest): CommandResult {
    const store = this.options.journal;
    if (!store) return refused(msg('journal.unavailable'));
    store.markDone(request);
    return accepted;
  }

  /** A note on a running call (kept until it ends) or on a journal entry. */
  setJournalNote(request: JournalNoteRequest): CommandResult {
    this.flush();
    const store = this.options.journal;
    if (!store) return refused(msg('journal.unavailable'));
    const note = request.note.trim();
    if ('callId' in request) {
      if (!this.state.calls[request.callId]) return refused(msg('journal.callGone'));
      store.setLiveNote(request.callId, note, this.clock.now());
      return accepted;
    }
    return store.setNote(request.entryId, note) ? accepted : refused(msg('journal.noSuchEntry'));
  }

  /** The journal (as the query filters it) as CSV text, for the bridge to download or save. */
  async exportJournalCsv(query: JournalQuery): Promise<string | undefined> {
    this.flush();
    return this.options.journal?.exportCsv(query);
  }

  /**
   * The directory's own answer at once (scope 'local'); with scope 'all', every
   * online PBX's search too, merged in with the same ranking. A PBX that fails
   * or is too slow is named in `failures`, so the UI never shows "no matches" for it.
   */
  private schedulerOf(supervisor: ConnectionSupervisor): RequestScheduler {
    let scheduler = this.schedulers.get(supervisor);
    if (!scheduler) this.schedulers.set(supervisor, (scheduler = new RequestScheduler(this.options.requestLimits)));
    return scheduler;
  }

  /**
   * Stops the PBX searches of a client that went away (a closed bridge socket): the waiting ones never start, the
   * running ones close their sockets, and their slots go to the clients still there.
   */
  cancelSearches(origin: string): void {
    for (const supervisor of this.supervisors.values()) this.schedulers.get(supervisor)?.cancel(searchKey(origin));
  }

  /**
   * `origin` names the client asking (a bridge socket, the desktop window): its newer search replaces its older
   * one still waiting for a PBX, so typing never queues a backlog of searches, while other clients are untouched.
   */
  async searchDirectory(query: DirectoryQuery, origin?: string): Promise<DirectoryAnswer> {
    this.flush();
    const text = query.text.trim();
    if (!text) return { entries: [], vendorsPending: false, failures: [] };
    const limit = query.limit ?? 50;
    const online = [...this.supervisors.values()].filter((s) => s.linkState === 'online');
    if (query.scope === 'local') return { entries: this.directory.search(text, limit), vendorsPending: online.length > 0, failures: [] };
    const failures: DirectoryFailure[] = [];
    let superseded = false;
    const timeoutMs = this.options.searchTimeoutMs ?? 3000;
    const supersedes = origin !== undefined ? searchKey(origin) : undefined;
    const replies = await Promise.all(
      online.map((s) =>
        this.schedulerOf(s)
          .schedule(
            {
              kind: 'search',
              supersedes,
              // The scheduler's one signal stops the PBX's work both when replaced and when too slow.
              timeout: {
                ms: timeoutMs,
                error: () => new ConsoleError(msg('directory.vendorTimeout', { source: s.connector.label, seconds: timeoutMs / 1000 })),
              },
            },
            (signal) => s.connector.searchDirectory(text, limit, signal),
          )
          .then(
            (entries) =>
              entries.map((entry) => {
                const own = { ...entry, connectionId: entry.connectionId ?? s.connector.id };
                // A PBX's answer is peer text like any event's: what is invisible goes before the Finder shows it.
                cleanPeerFields(own);
                return own;
              }),
            (error: unknown) => {
              // A newer search of the same client replaced this one: it is not a failure of the PBX.
              if (error instanceof SupersededError) {
                superseded = true;
                return [];
              }
              this.log.warn('directory search failed', { connection: s.connector.id, error: String(error) });
              failures.push({ source: s.connector.label, error: errorMessage(error) });
              return [];
            },
          ),
      ),
    );
    this.flush();
    return {
      entries: mergeVendorEntries(this.directory.search(text, limit), replies.flat(), text, limit),
      vendorsPending: false,
      failures,
      ...(superseded ? { superseded: true } : {}),
    };
  }

  listContacts(): Promise<ContactsReply> {
    return this.contacts.list();
  }

  saveContact(input: ContactInput): Promise<ContactSavedReply> {
    return this.contacts.save(input);
  }

  deleteContact(id: string): Promise<ContactDeletedReply> {
    return this.contacts.delete(id);
  }

  /** A batch of an import (`batch` says which and where), or without it a whole import at once. */
  importContacts(inputs: readonly ContactInput[], batch?: ImportPosition): Promise<ImportReply> {
    return this.contacts.import(inputs, batch);
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

/** A party as the journal names where a call went: the name and number, or the one there is. */
function partyWords(party: { number: string; name?: string }): string {
  return party.name && party.number ? `${party.name} (${party.number})` : party.name || party.number;
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

/** Transfers and diverts remembered for their calls' journal entries, at most: far more calls than are ever live. */
const MAX_PENDING_HANDOFFS = 4096;

/** The scheduler key of a client's directory searches: each replaces the one before, and all go when it leaves. */
function searchKey(origin: string): string {
  return `search:${origin}`;
}

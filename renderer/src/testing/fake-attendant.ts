/**
 * A real AttendantApi for tests: records every command and query, answers
 * with scripted results, and pushes StateMessages the way the core does.
 */
import type { Command, CommandResult } from '../../../app/commands';
import type {
  AttendantApi,
  ConnectionSubmission,
  DirectoryQuery,
  GeneralSettings,
  SettingsResult,
  SettingsView,
  StateMessage,
} from '../../../app/contract';
import { DEFAULT_PREFERENCES } from '../../../app/preferences';
import type { DirectoryEntry } from '../../../app/model';
import type { ConsoleState } from '../../../app/model';
import type { StateChange } from '../../../app/reducer';

export class FakeAttendant implements AttendantApi {
  readonly commands: Command[] = [];
  readonly reconnects: string[] = [];
  readonly searches: DirectoryQuery[] = [];
  /** How many times onState was called (a resubscribe calls it again). */
  subscriptions = 0;
  seq = 0;
  /** Decides each command's reply; accepts everything unless a test says otherwise. */
  respond: (command: Command) => CommandResult = () => ({ ok: true });
  /** Decides each directory answer; may return a promise the test resolves later. */
  answerSearch: (query: DirectoryQuery) => DirectoryEntry[] | Promise<DirectoryEntry[]> = () => [];

  /** What getSettings answers; saves and removals change it the way the core would. */
  settings: SettingsView = {
    connections: [],
    defaultCountry: 'EE',
    preferences: structuredClone(DEFAULT_PREFERENCES),
    passwordStorage: { kind: 'keychain', description: { key: 'credentials.keychain' } },
    desktop: false,
    savedTo: '/home/reception/.config/attendant-console/connections.json',
  };
  readonly saved: ConnectionSubmission[] = [];
  readonly tested: ConnectionSubmission[] = [];
  /** Decides each test's reply. */
  answerTest: (submission: ConnectionSubmission) => CommandResult = () => ({ ok: true });
  /** Decides each save's refusal, if any. */
  refuseSave: (submission: ConnectionSubmission) => SettingsResult | null = () => null;

  private readonly listeners = new Set<(message: StateMessage) => void>();
  private readonly focusListeners = new Set<(callId: string) => void>();

  execute(command: Command): Promise<CommandResult> {
    this.commands.push(command);
    return Promise.resolve(this.respond(command));
  }

  searchDirectory(query: DirectoryQuery): Promise<DirectoryEntry[]> {
    this.searches.push(query);
    return Promise.resolve(this.answerSearch(query));
  }

  reconnect(connectionId: string): Promise<CommandResult> {
    this.reconnects.push(connectionId);
    return Promise.resolve({ ok: true });
  }

  getSettings(): Promise<SettingsView> {
    return Promise.resolve(structuredClone(this.settings));
  }

  saveConnection(submission: ConnectionSubmission): Promise<SettingsResult> {
    this.saved.push(submission);
    const refusal = this.refuseSave(submission);
    if (refusal) return Promise.resolve(refusal);
    const others = this.settings.connections.filter((c) => c.connection.id !== submission.connection.id);
    const hadPassword = this.settings.connections.some((c) => c.connection.id === submission.connection.id && c.hasPassword);
    this.settings.connections = [
      ...others,
      { connection: submission.connection, hasPassword: hadPassword || submission.password !== undefined },
    ];
    return this.getSettings().then((settings) => ({ ok: true, settings }));
  }

  removeConnection(connectionId: string): Promise<SettingsResult> {
    this.settings.connections = this.settings.connections.filter((c) => c.connection.id !== connectionId);
    return this.getSettings().then((settings) => ({ ok: true, settings }));
  }

  testConnection(submission: ConnectionSubmission): Promise<CommandResult> {
    this.tested.push(submission);
    return Promise.resolve(this.answerTest(submission));
  }

  savePreferences(general: GeneralSettings): Promise<SettingsResult> {
    this.settings = { ...this.settings, ...structuredClone(general) };
    return this.getSettings().then((settings) => ({ ok: true, settings }));
  }

  onState(listener: (message: StateMessage) => void): () => void {
    this.subscriptions++;
    this.listeners.add(listener);
    return () => {
      this.listeners.delete(listener);
    };
  }

  onFocusCall(listener: (callId: string) => void): () => void {
    this.focusListeners.add(listener);
    return () => {
      this.focusListeners.delete(listener);
    };
  }

  readonly shownCalls: string[] = [];
  readonly crmLookups: string[] = [];
  /** Decides each CRM lookup's reply. */
  answerCrmLookup: (number: string) => CommandResult = () => ({ ok: true });

  lookUpInCrm(number: string): Promise<CommandResult> {
    this.crmLookups.push(number);
    return Promise.resolve(this.answerCrmLookup(number));
  }

  showCall(callId: string): Promise<null> {
    this.shownCalls.push(callId);
    return Promise.resolve(null);
  }

  /** What the desktop shell does when an alert is clicked. */
  pushFocusCall(callId: string): void {
    for (const listener of [...this.focusListeners]) listener(callId);
  }

  get subscriberCount(): number {
    return this.listeners.size;
  }

  pushSnapshot(state: ConsoleState, seq = ++this.seq): void {
    this.seq = seq;
    this.push({ type: 'snapshot', seq, state });
  }

  pushPatch(changes: StateChange[], seq = ++this.seq): void {
    this.seq = Math.max(this.seq, seq);
    this.push({ type: 'patch', seq, changes });
  }

  private push(message: StateMessage): void {
    for (const listener of [...this.listeners]) listener(message);
  }
}

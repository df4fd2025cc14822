/**
 * A real AttendantApi for tests: records every command and query, answers
 * with scripted results, and pushes StateMessages the way the core does.
 */
import type { Command, CommandResult } from '../../../app/commands';
import type {
  AttendantApi,
  ConnectionSubmission,
  DirectoryAnswer,
  DirectoryQuery,
  GeneralSettings,
  LinkOffer,
  LinkRequest,
  SettingsResult,
  SettingsView,
  StateMessage,
} from '../../../app/contract';
import { DEFAULT_PREFERENCES } from '../../../app/preferences';
import { msg } from '../../../app/i18n/message';
import {
  contactName,
  type Contact,
  type ContactDeletedReply,
  type ContactInput,
  type ContactSavedReply,
  type ContactsReply,
  type ImportBatch,
  type ImportReply,
} from '../../../app/directory/contact';
import type { DirectoryEntry, JournalEntry } from '../../../app/model';
import {
  journalFigures,
  outcomeOf,
  type JournalDoneRequest,
  type JournalExport,
  type JournalFigures,
  type JournalNoteRequest,
  type JournalPage,
  type JournalQuery,
} from '../../../app/journal';
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
  /** Decides each directory answer (entries alone, or a whole answer with failures); may return a promise the test resolves later. */
  answerSearch: (query: DirectoryQuery) => DirectoryEntry[] | DirectoryAnswer | Promise<DirectoryEntry[] | DirectoryAnswer> = () => [];
  /** The local contacts the fake keeps (saves, deletes and imports change them the way the core would). */
  contacts: Contact[] = [];
  readonly importedBatches: ImportBatch[] = [];
  private contactIds = 0;

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

  async searchDirectory(query: DirectoryQuery): Promise<DirectoryAnswer> {
    this.searches.push(query);
    const answer = await this.answerSearch(query);
    return Array.isArray(answer) ? { entries: answer, vendorsPending: false, failures: [] } : answer;
  }

  listContacts(): Promise<ContactsReply> {
    return Promise.resolve({ ok: true, contacts: this.contacts });
  }

  /** Refuses, as the core does, a contact without name or company and a change to one that is gone; answers only the change. */
  saveContact(input: ContactInput): Promise<ContactSavedReply> {
    if (!contactName(input)) return Promise.resolve({ ok: false, error: msg('directory.contact.noName') });
    if (input.id && !this.contacts.some((c) => c.id === input.id))
      return Promise.resolve({ ok: false, error: msg('directory.contact.gone') });
    const contact = fakeContact(input, input.id ?? `contact-${++this.contactIds}`);
    this.contacts = input.id ? this.contacts.map((c) => (c.id === input.id ? contact : c)) : [...this.contacts, contact];
    return Promise.resolve({ ok: true, saved: contact });
  }

  deleteContact(id: string): Promise<ContactDeletedReply> {
    if (!this.contacts.some((c) => c.id === id)) return Promise.resolve({ ok: false, error: msg('directory.contact.gone') });
    this.contacts = this.contacts.filter((c) => c.id !== id);
    return Promise.resolve({ ok: true, removed: id });
  }

  importContacts(batch: ImportBatch): Promise<ImportReply> {
    this.importedBatches.push(batch);
    this.contacts = [...this.contacts, ...batch.contacts.map((input) => fakeContact(input, `contact-${++this.contactIds}`))];
    return Promise.resolve({
      ok: true,
      importId: batch.importId ?? 'import-1',
      added: batch.contacts.length,
      skipped: [],
      saved: batch.last,
    });
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

  private readonly settingsListeners = new Set<() => void>();

  onSettingsChanged(listener: () => void): () => void {
    this.settingsListeners.add(listener);
    return () => {
      this.settingsListeners.delete(listener);
    };
  }

  /** The desktop app says the settings changed elsewhere (the tray). */
  pushSettingsChanged(): void {
    for (const listener of [...this.settingsListeners]) listener();
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

  /** The journal the fake keeps: queries filter it the way the core's store does (text, missed, line, since). */
  journalEntries: JournalEntry[] = [];
  private journalIds = 0;
  readonly journalQueries: JournalQuery[] = [];
  readonly doneRequests: JournalDoneRequest[] = [];
  readonly notes: JournalNoteRequest[] = [];
  readonly exports: JournalQuery[] = [];
  /** What exportJournal answers (a browser's CSV by default). */
  answerExport: (query: JournalQuery) => JournalExport = () => ({ kind: 'csv', fileName: 'journal-2026-12-01.csv', csv: 'id\r\n' });

  queryJournal(query: JournalQuery): Promise<JournalPage> {
    this.journalQueries.push(query);
    const text = (query.text ?? '').trim().toLowerCase();
    const openMissed = (e: JournalEntry) => outcomeOf(e) === 'missed' && !e.done;
    const matching = this.journalEntries.filter(
      (e) =>
        (query.filter !== 'missed' || openMissed(e)) &&
        (query.lineId === undefined || e.lineId === query.lineId) &&
        (query.since === undefined || e.startedAt >= query.since) &&
        (!text || `${e.remote.number} ${e.remote.name ?? ''} ${e.note ?? ''}`.toLowerCase().includes(text)),
    );
    const offset = query.offset ?? 0;
    const entries = matching.slice(offset, offset + (query.limit ?? 50));
    return Promise.resolve({ entries, total: matching.length, missedOpen: this.journalEntries.filter(openMissed).length });
  }

  markJournalDone(request: JournalDoneRequest): Promise<CommandResult> {
    this.doneRequests.push(request);
    this.journalEntries = this.journalEntries.map((e) =>
      ('all' in request ? outcomeOf(e) === 'missed' : e.id !== undefined && request.ids.includes(e.id)) ? { ...e, done: true } : e,
    );
    return Promise.resolve({ ok: true });
  }

  setJournalNote(request: JournalNoteRequest): Promise<CommandResult> {
    this.notes.push(request);
    if ('entryId' in request)
      this.journalEntries = this.journalEntries.map((e) => (e.id === request.entryId ? { ...e, note: request.note } : e));
    return Promise.resolve({ ok: true });
  }

  journalFigures({ since }: { since: number }): Promise<JournalFigures> {
    return Promise.resolve(journalFigures(this.journalEntries.filter((e) => e.startedAt >= since)));
  }

  exportJournal(query: JournalQuery): Promise<JournalExport> {
    this.exports.push(query);
    return Promise.resolve(this.answerExport(query));
  }

  readonly linkRequests: LinkRequest[] = [];
  /** Decides what each openLink answers (no link unless a test says otherwise). */
  answerLink: (request: LinkRequest) => LinkOffer | Promise<LinkOffer> = () => ({ kind: 'none' });

  async openLink(request: LinkRequest): Promise<LinkOffer> {
    this.linkRequests.push(request);
    return this.answerLink(request);
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
    this.keep(state.journal);
    this.push({ type: 'snapshot', seq, state });
  }

  pushPatch(changes: StateChange[], seq = ++this.seq): void {
    this.seq = Math.max(this.seq, seq);
    this.keep(changes.flatMap((change) => (change.op === 'journal' ? [change.entry] : [])));
    this.push({ type: 'patch', seq, changes });
  }

  /** Finished calls the state reports go into the journal, newest first, as the core's store records them. */
  private keep(entries: readonly JournalEntry[]): void {
    const known = new Set(this.journalEntries.map((e) => `${e.callId}@${e.endedAt}`));
    const fresh = entries.filter((e) => !known.has(`${e.callId}@${e.endedAt}`)).map((e) => ({ ...e, id: e.id ?? ++this.journalIds }));
    if (fresh.length > 0) this.journalEntries = [...fresh, ...this.journalEntries].sort((a, b) => b.startedAt - a.startedAt);
  }

  private push(message: StateMessage): void {
    for (const listener of [...this.listeners]) listener(message);
  }
}

/** A contact as the core would keep it (numbers as given: the fake does not normalise). */
function fakeContact(input: ContactInput, id: string): Contact {
  const { id: _ignored, ...rest } = input;
  return { ...rest, id };
}

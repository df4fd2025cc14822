/**
 * The console's one directory: every PBX's own users (the presence grid's
 * colleagues, the lines and extensions a connection reports) and the local
 * contacts, searched from memory, and the caller identification that names
 * a call whose PBX gives only a number.
 *
 * Records change all the time (a colleague joins, is renamed, a contact is
 * edited); presence changes even more often and is never indexed, only read
 * at answer time. A changed record's old version is retired in the index
 * (skipped, not removed) and the new one goes to a small second index of the
 * records changed since the build; the two answers merge in the order one
 * index of everything would give. The big index is rebuilt only when many
 * records changed (an import), never for one contact or one colleague.
 *
 * Contacts are held once: the contact book's objects, which the directory's
 * records point to (no copy of their strings or numbers).
 */
import { contactName, type Contact } from '../../../app/directory/contact';
import {
  DirectoryIndex,
  numberText,
  rankKey,
  type MatchTier,
  type SearchableEntry,
  type SearchHit,
} from '../../../app/directory/directory-index';
import { digitsOf } from '../../../app/directory/numbers';
import type { Colleague, ConsoleState, DirectoryEntry, DirectoryOrigin, Line, Party } from '../../../app/model';
import { MAX_EXTENSION_DIGITS, normalizeNumber } from '../../../app/phone';
import type { StateChange } from '../../../app/reducer';
import type { PhonebookRecord } from '../connector';

type Dial = { number: string; numberType?: Party['numberType'] };

/** One searchable record: what the index reads, and how to show it. */
export interface DirectoryRecord extends SearchableEntry {
  readonly key: string;
  readonly origin: DirectoryOrigin;
  /** The name a result shows. */
  readonly title: string;
  /** The connection it belongs to (PBX records); contacts belong to none. */
  readonly connectionId?: string;
  readonly colleagueId?: string;
  readonly contactId?: string;
  /** A PBX phonebook entry's vendor id: the entry can be edited and deleted there. */
  readonly entryId?: string;
  /** Numbers with their type, first the one to dial. */
  readonly dial: readonly Dial[];
  /** Its rank in the big index, -1 while it is not in it. */
  rank: number;
  /** Where it was added (PBX records before contacts, then in the order they came): ties of rank sort by it. */
  order: number;
}

/** How many changed records the second index holds before the big one is rebuilt at once. */
const FRESH_LIMIT = 500;
/**
 * Up to this many changed records stay in the second index however long things are quiet (more for a big index:
 * see freshQuiet). A rebuild of 110,000 records took 0.6–1 s of serve's CPU, and at start-up the PortaSIP lines
 * arriving after the 10,000 colleagues caused one more of those for 250 records (`npm run bench:memory`).
 */
const FRESH_QUIET = 64;
/** The big index's records per changed record the second index keeps without a rebuild: 110,000 → 430, capped below. */
const RECORDS_PER_FRESH = 256;
/** How long after the last change a rebuild that is due happens. */
const REBUILD_DELAY_MS = 300;
/**
 * Contacts' places come after every PBX record's (the big index is built from PBX records, then contacts). Below 2^31
 * with the contacts' own count added, so `order` stays a small integer held in place (2^40 boxed each one: 16 bytes).
 */
const CONTACT_ORDER = 2 ** 30;

export interface DirectoryOptions {
  /** The connection's label by id (a result's source). */
  connectionLabel: (connectionId: string) => string;
  /** Where each connection's colleagues' presence is read at answer time. */
  colleague: (colleagueId: string) => Colleague | undefined;
  /** The words for the local contacts' source. */
  contactsSource: string;
}

export class Directory {
  /** PBX records by key. */
  private readonly pbx = new Map<string, DirectoryRecord>();
  /** Contact records by contact id. */
  private readonly contacts = new Map<string, ContactRecord>();
  private index: DirectoryIndex<DirectoryRecord> = DirectoryIndex.build([]);
  /** Records added or changed since the index was built, in the second index. */
  private readonly fresh = new Set<DirectoryRecord>();
  private freshIndex: DirectoryIndex<DirectoryRecord> | undefined;
  private rebuildTimer: ReturnType<typeof setTimeout> | undefined;
  private nextOrder = 0;
  private lastChange = 0;

  constructor(private readonly options: DirectoryOptions) {}

  get size(): number {
    return this.pbx.size + this.contacts.size;
  }

  /** Follows the console state: colleagues and lines that were set or deleted. */
  applyChanges(changes: readonly StateChange[], state: ConsoleState): void {
    // Read once for the whole batch, when a line changed: a resync upserts every line, and each line looked through
    // all 10,000 colleagues of the grid for its number (250 lines × 10,000 at every PortaSIP resync).
    let grid: GridNumbers | undefined;
    for (const change of changes) {
      if (change.op === 'journal') continue;
      if (change.collection === 'colleagues') {
        if (change.op === 'delete') this.removePbx(`colleague:${change.id}`);
        else this.putPbx(colleagueRecord(change.value));
      } else if (change.collection === 'lines') {
        if (change.op === 'delete') this.removePbx(`line:${change.id}`);
        else {
          const record = lineRecord(change.value, (grid ??= gridNumbers(state)));
          if (record) this.putPbx(record);
          else this.removePbx(`line:${change.id}`);
        }
      }
    }
  }

  /** Replaces every local contact (an unchanged contact object is kept as it is). */
  setContacts(contacts: readonly Contact[]): void {
    const keep = new Set<string>();
    for (const contact of contacts) keep.add(contact.id);
    const removed: string[] = [];
    for (const id of this.contacts.keys()) if (!keep.has(id)) removed.push(id);
    this.updateContacts(contacts, removed);
  }

  /** Adds or replaces these contacts and removes those ids: what one save, delete or import changed. */
  updateContacts(put: readonly Contact[], removed: readonly string[]): void {
    for (const id of removed) this.removeRecord(this.contacts.get(id));
    for (const id of removed) this.contacts.delete(id);
    for (const contact of put) {
      const old = this.contacts.get(contact.id);
      if (old?.contact === contact) continue;
      const record = new ContactRecord(contact, old ? old.order : CONTACT_ORDER + this.nextOrder++);
      this.contacts.set(contact.id, record);
      this.replace(old, record);
    }
  }

  /** Replaces a connection's phonebook entries (an empty list when the connection goes). */
  setPhonebook(connectionId: string, entries: readonly PhonebookRecord[]): void {
    const prefix = `phonebook:${connectionId}/`;
    const records = entries.map((entry) => phonebookRecord(connectionId, entry));
    const keep = new Set(records.map((record) => record.key));
    for (const key of [...this.pbx.keys()]) if (key.startsWith(prefix) && !keep.has(key)) this.removePbx(key);
    for (const record of records) this.putPbx(record);
  }

  /** The best `limit` entries for what was typed, best first, each with its source and presence. */
  search(text: string, limit: number): DirectoryEntry[] {
    this.settle();
    const hits = this.index.search(text, limit);
    const freshHits = this.freshIndex?.search(text, limit) ?? [];
    const merged = freshHits.length === 0 ? hits : mergeHits(hits, freshHits, limit);
    return merged.map((hit) => this.toEntry(hit.entry, hit.tier, text));
  }

  /**
   * Name and company for a number the PBX did not name: E.164 compared after
   * normalising with the line's country; an extension only on its own connection.
   */
  identify(number: string, connectionId: string, country: string): { name: string; company?: string } | undefined {
    const key = numberKey(number, connectionId, country);
    if (!key) return undefined;
    this.settle();
    const lookup = key.startsWith('+') ? key : key.slice(key.indexOf('\u0000') + 1);
    const candidates: DirectoryRecord[] = [];
    for (const index of [this.index, this.freshIndex]) {
      for (const rank of index?.numberRanks(lookup) ?? []) {
        const record = index?.entryAt(rank);
        if (record) candidates.push(record);
      }
    }
    // A number without digits ('*#') has no key in the index: the records are read one by one.
    if (!/[0-9]/.test(lookup)) candidates.push(...this.pbx.values(), ...this.contacts.values());
    // A PBX's own user before a contact: the PBX knows its extensions best.
    let best: DirectoryRecord | undefined;
    for (const record of candidates) {
      if (!recordNumberKeys(record).includes(key)) continue;
      if (!best || (best.origin === 'contact' && record.origin !== 'contact')) best = record;
    }
    if (!best?.title) return undefined;
    return best.company ? { name: best.title, company: best.company } : { name: best.title };
  }

  /** Rebuilds the index now (tests; an import that has finished need not wait for the timer). */
  reindex(): void {
    if (this.rebuildTimer) clearTimeout(this.rebuildTimer);
    this.rebuildTimer = undefined;
    const records: DirectoryRecord[] = [...this.pbx.values(), ...this.contacts.values()];
    this.index = DirectoryIndex.build(records);
    for (const record of this.fresh) record.rank = -1;
    for (let rank = 0; rank < this.index.size; rank++) {
      const record = this.index.entryAt(rank);
      if (record) record.rank = rank;
    }
    this.fresh.clear();
    this.freshIndex = undefined;
  }

  /** Stops the pending rebuild (the service stops). */
  dispose(): void {
    if (this.rebuildTimer) clearTimeout(this.rebuildTimer);
    this.rebuildTimer = undefined;
  }

  private putPbx(record: DirectoryRecord): void {
    const old = this.pbx.get(record.key);
    if (old && sameRecord(old, record)) return;
    record.order = old ? old.order : this.nextOrder++;
    this.pbx.set(record.key, record);
    this.replace(old, record);
  }

  private removePbx(key: string): void {
    const old = this.pbx.get(key);
    if (!old) return;
    this.pbx.delete(key);
    this.removeRecord(old);
  }

  private replace(old: DirectoryRecord | undefined, record: DirectoryRecord): void {
    this.removeRecord(old);
    this.fresh.add(record);
    this.freshIndex = undefined;
    this.scheduleRebuild();
  }

  /** Takes a record's current version out of the answers: retired in the big index, or dropped from the fresh ones. */
  private removeRecord(old: DirectoryRecord | undefined): void {
    if (!old) return;
    if (this.fresh.delete(old)) this.freshIndex = undefined;
    else if (old.rank >= 0 && this.index.entryAt(old.rank) === old) this.index.retire(old.rank);
    old.rank = -1;
    this.scheduleRebuild();
  }

  /** A rebuild is due when many records changed, or many of the index's are retired (they still cost a skip each). */
  private rebuildDue(): boolean {
    return this.fresh.size > this.freshQuiet() || this.index.retiredSize > this.index.size / 8;
  }

  /**
   * How many changed records may wait in the second index: a rebuild's cost grows with the big index and the second
   * one's (rebuilt on the next search after a change) with these, so a big index waits for more of them; half of
   * FRESH_LIMIT at most, so a search never rebuilds the second index from more than that.
   */
  private freshQuiet(): number {
    return Math.max(FRESH_QUIET, Math.min(FRESH_LIMIT / 2, Math.floor(this.index.size / RECORDS_PER_FRESH)));
  }

  /** Rebuilds REBUILD_DELAY_MS after the last change, when one is due; one timer for a whole load of 100,000 contacts, not one each. */
  private scheduleRebuild(): void {
    this.lastChange = Date.now();
    if (this.rebuildTimer || !this.rebuildDue()) return;
    const wait = (delay: number) => {
      this.rebuildTimer = setTimeout(() => {
        const quiet = Date.now() - this.lastChange;
        if (quiet < REBUILD_DELAY_MS) return wait(REBUILD_DELAY_MS - quiet);
        this.rebuildTimer = undefined;
        if (this.rebuildDue()) this.reindex();
      }, delay);
      this.rebuildTimer.unref?.();
    };
    wait(REBUILD_DELAY_MS);
  }

  /** Makes both indexes current: the big one rebuilt when too much changed, the second one built from the fresh records. */
  private settle(): void {
    if (this.fresh.size > FRESH_LIMIT || this.index.retiredSize > this.index.size / 2) this.reindex();
    if (!this.freshIndex && this.fresh.size > 0) this.freshIndex = DirectoryIndex.build([...this.fresh].sort((a, b) => a.order - b.order));
  }

  private toEntry(record: DirectoryRecord, tier: MatchTier, text: string): DirectoryEntry {
    const dial = pickNumber(record, text);
    const entry: DirectoryEntry = {
      number: dial.number,
      source: record.connectionId ? this.options.connectionLabel(record.connectionId) : this.options.contactsSource,
      origin: record.origin,
      match: tier,
    };
    if (record.title) entry.name = record.title;
    if (record.company) entry.company = record.company;
    if (record.department) entry.department = record.department;
    if (dial.numberType) entry.numberType = dial.numberType;
    if (record.connectionId) entry.connectionId = record.connectionId;
    if (record.contactId) entry.contactId = record.contactId;
    if (record.entryId) {
      entry.entryId = record.entryId;
      entry.editable = true;
    }
    const colleague = record.colleagueId ? this.options.colleague(record.colleagueId) : undefined;
    if (colleague) {
      entry.presence = { activity: colleague.activity };
      if (colleague.presence?.status) entry.presence.status = colleague.presence.status;
      if (colleague.presence?.note) entry.presence.note = colleague.presence.note;
    }
    return entry;
  }
}

/**
 * A contact as the index reads it: its own fields, read through (nothing
 * copied). Its name words are its first and last name's; a contact with
 * neither is found by its company as a name.
 */
class ContactRecord implements DirectoryRecord {
  rank = -1;

  constructor(
    readonly contact: Contact,
    public order: number,
  ) {}

  // Read through the prototype, not a field of each of 100,000 records.
  get origin(): 'contact' {
    return 'contact';
  }
  get key(): string {
    return `contact:${this.contact.id}`;
  }
  get contactId(): string {
    return this.contact.id;
  }
  get title(): string {
    return contactName(this.contact);
  }
  get name(): string | undefined {
    return this.contact.firstName || this.contact.lastName ? undefined : this.contact.company;
  }
  get firstName(): string | undefined {
    return this.contact.firstName;
  }
  get lastName(): string | undefined {
    return this.contact.lastName;
  }
  get company(): string | undefined {
    return this.contact.company;
  }
  get department(): string | undefined {
    return this.contact.department;
  }
  get numbers(): Contact['numbers'] {
    return this.contact.numbers;
  }
  get dial(): Dial[] {
    return this.contact.numbers.map((n) => ({ number: n.number, ...(n.type ? { numberType: n.type } : {}) }));
  }
}

/** Two indexes' hits as one index of all their records would give them: by step, then rank, then the order records came in. */
function mergeHits(a: SearchHit<DirectoryRecord>[], b: SearchHit<DirectoryRecord>[], limit: number): SearchHit<DirectoryRecord>[] {
  const keys = new Map<DirectoryRecord, string>();
  const out: SearchHit<DirectoryRecord>[] = [];
  let i = 0;
  let j = 0;
  while (out.length < limit && (i < a.length || j < b.length)) {
    const x = a[i];
    const y = b[j];
    if (x && (!y || sortsBefore(x, y, keys))) {
      out.push(x);
      i++;
    } else if (y) {
      out.push(y);
      j++;
    }
  }
  return out;
}

function sortsBefore(x: SearchHit<DirectoryRecord>, y: SearchHit<DirectoryRecord>, keys: Map<DirectoryRecord, string>): boolean {
  if (x.step !== y.step) return x.step < y.step;
  const kx = cachedRankKey(x.entry, keys);
  const ky = cachedRankKey(y.entry, keys);
  return kx !== ky ? kx < ky : x.entry.order < y.entry.order;
}

function cachedRankKey(record: DirectoryRecord, keys: Map<DirectoryRecord, string>): string {
  let key = keys.get(record);
  if (key === undefined) keys.set(record, (key = rankKey(record)));
  return key;
}

/** The number a result offers: the one the query's digits found, else the first. */
function pickNumber(record: DirectoryRecord, text: string): DirectoryRecord['dial'][number] {
  const first = record.dial[0] ?? { number: '' };
  const digits = digitsOf(text);
  if (digits.length < 2 || record.dial.length < 2) return first;
  return record.dial.find((d) => digitsOf(d.number).includes(digits)) ?? first;
}

function sameRecord(a: DirectoryRecord, b: DirectoryRecord): boolean {
  return (
    a.title === b.title &&
    a.firstName === b.firstName &&
    a.lastName === b.lastName &&
    a.company === b.company &&
    a.department === b.department &&
    a.entryId === b.entryId &&
    a.numbers.map(numberText).join('\u0000') === b.numbers.map(numberText).join('\u0000') &&
    a.dial.map((d) => `${d.number}/${d.numberType ?? ''}`).join() === b.dial.map((d) => `${d.number}/${d.numberType ?? ''}`).join()
  );
}

function isExtension(number: string): boolean {
  return !number.startsWith('+') && /^[0-9*#]+$/.test(number) && number.length <= MAX_EXTENSION_DIGITS;
}

/** The key caller identification looks a number up by. */
function numberKey(number: string, connectionId: string | undefined, country: string): string | undefined {
  const compact = number.replace(/[\s\-.()/]/g, '');
  if (!compact) return undefined;
  if (isExtension(compact)) return `${connectionId ?? ''}\u0000${compact}`;
  if (compact.startsWith('+')) return `+${digitsOf(compact)}`;
  const normalized = normalizeNumber(compact, country);
  return normalized.ok && normalized.number.startsWith('+') ? normalized.number : undefined;
}

function recordNumberKeys(record: DirectoryRecord): string[] {
  const keys: string[] = [];
  for (const number of record.numbers.map(numberText)) {
    if (isExtension(number)) {
      // A contact's short number is reachable from any connection; a PBX's extension only on its own.
      keys.push(`${record.connectionId ?? ''}\u0000${number}`);
    } else if (number.startsWith('+')) keys.push(`+${digitsOf(number)}`);
  }
  return keys;
}

function colleagueRecord(colleague: Colleague): DirectoryRecord {
  const numbers = colleague.number ? [colleague.number] : [];
  return {
    key: `colleague:${colleague.id}`,
    origin: 'colleague',
    connectionId: colleague.connectionId,
    colleagueId: colleague.id,
    name: colleague.name,
    title: colleague.name,
    ...(colleague.group ? { department: colleague.group } : {}),
    numbers,
    dial: numbers.map((number) => ({ number })),
    ownCompany: true,
    rank: -1,
    order: 0,
  };
}

/** The presence grid's numbers by connection. */
type GridNumbers = Map<string, Set<string>>;

function gridNumbers(state: ConsoleState): GridNumbers {
  const numbers: GridNumbers = new Map();
  for (const colleague of Object.values(state.colleagues)) {
    if (!colleague.number) continue;
    let ofConnection = numbers.get(colleague.connectionId);
    if (!ofConnection) numbers.set(colleague.connectionId, (ofConnection = new Set()));
    ofConnection.add(colleague.number);
  }
  return numbers;
}

/** A line or extension the PBX reports, named: the receptionist's own lines and watched extensions alike. */
function lineRecord(line: Line, grid: GridNumbers): DirectoryRecord | undefined {
  if (!line.label || !line.number) return undefined;
  // A colleague in the presence grid with the same number is the same person: one result, with presence.
  if (grid.get(line.connectionId)?.has(line.number)) return undefined;
  return {
    key: `line:${line.id}`,
    origin: 'line',
    connectionId: line.connectionId,
    name: line.label,
    title: line.label,
    numbers: [line.number],
    dial: [{ number: line.number }],
    ownCompany: true,
    rank: -1,
    order: 0,
  };
}

function phonebookRecord(connectionId: string, entry: PhonebookRecord): DirectoryRecord {
  return {
    key: `phonebook:${connectionId}/${entry.entryId}`,
    origin: 'phonebook',
    connectionId,
    entryId: entry.entryId,
    name: entry.name,
    title: entry.name,
    numbers: entry.numbers,
    dial: entry.numbers.map((number) => ({ number })),
    // The company's own phonebook: its people before outside contacts.
    ownCompany: true,
    rank: -1,
    order: 0,
  };
}

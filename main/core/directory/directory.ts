/**
 * The console's one directory: every PBX's own users (the presence grid's
 * colleagues, the lines and extensions a connection reports) and the local
 * contacts, searched from memory, and the caller identification that names
 * a call whose PBX gives only a number.
 *
 * Records change all the time (a colleague joins, is renamed, a contact is
 * edited); presence changes even more often and is never indexed, only read
 * at answer time. A changed record goes to `fresh` (checked one by one) and
 * its old version stops counting; the index is rebuilt once things settle.
 */
import { contactName, type Contact } from '../../../app/directory/contact';
import { DirectoryIndex, MATCH_TIERS, matchEntry, type MatchTier, type SearchableEntry } from '../../../app/directory/directory-index';
import { digitsOf } from '../../../app/directory/numbers';
import type { Colleague, ConsoleState, DirectoryEntry, DirectoryOrigin, Line, Party } from '../../../app/model';
import { MAX_EXTENSION_DIGITS, normalizeNumber } from '../../../app/phone';
import type { StateChange } from '../../../app/reducer';
import type { PhonebookRecord } from '../connector';

/** One searchable record: what the index reads, and how to show it. */
export interface DirectoryRecord extends SearchableEntry {
  key: string;
  origin: DirectoryOrigin;
  /** The connection it belongs to (PBX records); contacts belong to none. */
  connectionId?: string;
  colleagueId?: string;
  contactId?: string;
  /** A PBX phonebook entry's vendor id: the entry can be edited and deleted there. */
  entryId?: string;
  /** Numbers with their type, first the one to dial. */
  dial: { number: string; numberType?: Party['numberType'] }[];
}

/** How many changed records are checked one by one before the index is rebuilt at once. */
const FRESH_LIMIT = 500;
/** How long after the last change the index is rebuilt. */
const REBUILD_DELAY_MS = 300;

export interface DirectoryOptions {
  /** The connection's label by id (a result's source). */
  connectionLabel: (connectionId: string) => string;
  /** Where each connection's colleagues' presence is read at answer time. */
  colleague: (colleagueId: string) => Colleague | undefined;
  /** The words for the local contacts' source. */
  contactsSource: string;
}

export class Directory {
  private readonly records = new Map<string, DirectoryRecord>();
  private index: DirectoryIndex<DirectoryRecord> = DirectoryIndex.build([]);
  /** Records added or changed since the index was built. */
  private readonly fresh = new Map<string, DirectoryRecord>();
  private rebuildTimer: ReturnType<typeof setTimeout> | undefined;
  /** Caller identification: E.164 → record keys; `<connectionId>\0<extension>` → record keys. */
  private readonly byNumber = new Map<string, Set<string>>();

  constructor(private readonly options: DirectoryOptions) {}

  get size(): number {
    return this.records.size;
  }

  /** Follows the console state: colleagues and lines that were set or deleted. */
  applyChanges(changes: readonly StateChange[], state: ConsoleState): void {
    for (const change of changes) {
      if (change.op === 'journal') continue;
      if (change.collection === 'colleagues') {
        if (change.op === 'delete') this.remove(`colleague:${change.id}`);
        else this.put(colleagueRecord(change.value));
      } else if (change.collection === 'lines') {
        if (change.op === 'delete') this.remove(`line:${change.id}`);
        else {
          const record = lineRecord(change.value, state);
          if (record) this.put(record);
          else this.remove(`line:${change.id}`);
        }
      }
    }
  }

  /** Replaces every local contact. */
  setContacts(contacts: readonly Contact[]): void {
    const keep = new Set(contacts.map((contact) => `contact:${contact.id}`));
    for (const key of [...this.records.keys()]) if (key.startsWith('contact:') && !keep.has(key)) this.remove(key);
    for (const contact of contacts) this.put(contactRecord(contact));
  }

  /** Replaces a connection's phonebook entries (an empty list when the connection goes). */
  setPhonebook(connectionId: string, entries: readonly PhonebookRecord[]): void {
    const prefix = `phonebook:${connectionId}/`;
    const records = entries.map((entry) => phonebookRecord(connectionId, entry));
    const keep = new Set(records.map((record) => record.key));
    for (const key of [...this.records.keys()]) if (key.startsWith(prefix) && !keep.has(key)) this.remove(key);
    for (const record of records) this.put(record);
  }

  /** The best `limit` entries for what was typed, best first, each with its source and presence. */
  search(text: string, limit: number): DirectoryEntry[] {
    if (this.fresh.size > FRESH_LIMIT) this.rebuild();
    const hits: { record: DirectoryRecord; tier: MatchTier }[] = [];
    // Ask the index for a few more: some of its records may have changed since it was built.
    for (const hit of this.index.search(text, limit + Math.min(this.fresh.size, 50))) {
      if (this.records.get(hit.entry.key) === hit.entry && !this.fresh.has(hit.entry.key)) hits.push({ record: hit.entry, tier: hit.tier });
    }
    for (const record of this.fresh.values()) {
      const tier = matchEntry(record, text);
      if (tier) hits.push({ record, tier });
    }
    if (this.fresh.size > 0)
      hits.sort((a, b) => MATCH_TIERS.indexOf(a.tier) - MATCH_TIERS.indexOf(b.tier) || compareRecords(a.record, b.record));
    return hits.slice(0, limit).map(({ record, tier }) => this.toEntry(record, tier, text));
  }

  /**
   * Name and company for a number the PBX did not name: E.164 compared after
   * normalising with the line's country; an extension only on its own connection.
   */
  identify(number: string, connectionId: string, country: string): { name: string; company?: string } | undefined {
    const keys = this.byNumber.get(numberKey(number, connectionId, country) ?? '');
    if (!keys) return undefined;
    // A PBX's own user before a contact: the PBX knows its extensions best.
    let best: DirectoryRecord | undefined;
    for (const key of keys) {
      const record = this.records.get(key);
      if (record && (!best || (best.origin === 'contact' && record.origin !== 'contact'))) best = record;
    }
    if (!best) return undefined;
    const name = best.name ?? '';
    if (!name) return undefined;
    return best.company ? { name, company: best.company } : { name };
  }

  /** Stops the pending rebuild (the service stops). */
  dispose(): void {
    if (this.rebuildTimer) clearTimeout(this.rebuildTimer);
    this.rebuildTimer = undefined;
  }

  private put(record: DirectoryRecord): void {
    const old = this.records.get(record.key);
    if (old && sameRecord(old, record)) return;
    if (old) this.unlinkNumbers(old);
    this.records.set(record.key, record);
    this.linkNumbers(record);
    this.fresh.set(record.key, record);
    this.scheduleRebuild();
  }

  private remove(key: string): void {
    const old = this.records.get(key);
    if (!old) return;
    this.unlinkNumbers(old);
    this.records.delete(key);
    this.fresh.delete(key);
    this.scheduleRebuild();
  }

  private scheduleRebuild(): void {
    if (this.rebuildTimer) clearTimeout(this.rebuildTimer);
    this.rebuildTimer = setTimeout(() => this.rebuild(), REBUILD_DELAY_MS);
    this.rebuildTimer.unref?.();
  }

  private rebuild(): void {
    if (this.rebuildTimer) clearTimeout(this.rebuildTimer);
    this.rebuildTimer = undefined;
    this.index = DirectoryIndex.build([...this.records.values()]);
    this.fresh.clear();
  }

  private linkNumbers(record: DirectoryRecord): void {
    for (const key of recordNumberKeys(record)) {
      let keys = this.byNumber.get(key);
      if (!keys) this.byNumber.set(key, (keys = new Set()));
      keys.add(record.key);
    }
  }

  private unlinkNumbers(record: DirectoryRecord): void {
    for (const key of recordNumberKeys(record)) {
      const keys = this.byNumber.get(key);
      keys?.delete(record.key);
      if (keys?.size === 0) this.byNumber.delete(key);
    }
  }

  private toEntry(record: DirectoryRecord, tier: MatchTier, text: string): DirectoryEntry {
    const dial = pickNumber(record, text);
    const entry: DirectoryEntry = {
      number: dial.number,
      source: record.connectionId ? this.options.connectionLabel(record.connectionId) : this.options.contactsSource,
      origin: record.origin,
      match: tier,
    };
    if (record.name) entry.name = record.name;
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

/** The number a result offers: the one the query's digits found, else the first. */
function pickNumber(record: DirectoryRecord, text: string): DirectoryRecord['dial'][number] {
  const first = record.dial[0] ?? { number: '' };
  const digits = digitsOf(text);
  if (digits.length < 2 || record.dial.length < 2) return first;
  return record.dial.find((d) => digitsOf(d.number).includes(digits)) ?? first;
}

function compareRecords(a: DirectoryRecord, b: DirectoryRecord): number {
  if (!!a.ownCompany !== !!b.ownCompany) return a.ownCompany ? -1 : 1;
  return (a.name ?? '').localeCompare(b.name ?? '');
}

function sameRecord(a: DirectoryRecord, b: DirectoryRecord): boolean {
  return (
    a.name === b.name &&
    a.firstName === b.firstName &&
    a.lastName === b.lastName &&
    a.company === b.company &&
    a.department === b.department &&
    a.entryId === b.entryId &&
    a.numbers.join('\u0000') === b.numbers.join('\u0000') &&
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
  for (const number of record.numbers) {
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
    ...(colleague.group ? { department: colleague.group } : {}),
    numbers,
    dial: numbers.map((number) => ({ number })),
    ownCompany: true,
  };
}

/** A line or extension the PBX reports, named: the receptionist's own lines and watched extensions alike. */
function lineRecord(line: Line, state: ConsoleState): DirectoryRecord | undefined {
  if (!line.label || !line.number) return undefined;
  // A colleague in the presence grid with the same number is the same person: one result, with presence.
  const grid = Object.values(state.colleagues);
  if (grid.length > 0 && grid.some((c) => c.connectionId === line.connectionId && c.number === line.number)) return undefined;
  return {
    key: `line:${line.id}`,
    origin: 'line',
    connectionId: line.connectionId,
    name: line.label,
    numbers: [line.number],
    dial: [{ number: line.number }],
    ownCompany: true,
  };
}

function phonebookRecord(connectionId: string, entry: PhonebookRecord): DirectoryRecord {
  return {
    key: `phonebook:${connectionId}/${entry.entryId}`,
    origin: 'phonebook',
    connectionId,
    entryId: entry.entryId,
    name: entry.name,
    numbers: entry.numbers,
    dial: entry.numbers.map((number) => ({ number })),
    // The company's own phonebook: its people before outside contacts.
    ownCompany: true,
  };
}

function contactRecord(contact: Contact): DirectoryRecord {
  return {
    key: `contact:${contact.id}`,
    origin: 'contact',
    contactId: contact.id,
    name: contactName(contact),
    ...(contact.firstName ? { firstName: contact.firstName } : {}),
    ...(contact.lastName ? { lastName: contact.lastName } : {}),
    ...(contact.company ? { company: contact.company } : {}),
    ...(contact.department ? { department: contact.department } : {}),
    numbers: contact.numbers.map((n) => n.number),
    dial: contact.numbers.map((n) => ({ number: n.number, ...(n.type ? { numberType: n.type } : {}) })),
  };
}

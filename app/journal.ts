/**
 * The journal's vocabulary, shared by the core (which records finished calls
 * into a store), the contract (paged queries, done, notes, export) and the
 * renderer (the journal view). Pure: the storage itself lives in
 * main/runtime/journal, behind the JournalStore interface below.
 */
import type { JournalEntry } from './model';
import { isWithheld, MAX_EXTENSION_DIGITS } from './phone';
import { integer, text, v } from './validation/schema';

/** Which entries a query shows: all, or the missed calls not yet done (the call-back list). */
export const JOURNAL_FILTERS = ['all', 'missed'] as const;
export type JournalFilter = (typeof JOURNAL_FILTERS)[number];

/** Largest page a query may ask for. */
export const JOURNAL_PAGE_LIMIT = 200;
/** Longest note on a call. */
export const MAX_NOTE_LENGTH = 2000;

const epochMs = v.pipe(v.number(), v.integer(), v.minValue(0), v.maxValue(8.64e15));

export const journalQuerySchema = v.strictObject({
  /** Part of a number, a name, a line or a note; '' for everything. */
  text: v.optional(text(0, 128)),
  filter: v.optional(v.picklist(JOURNAL_FILTERS)),
  /** Only this line's calls. */
  lineId: v.optional(text(1, 256)),
  /** Only calls that started at or after this moment (epoch ms), e.g. the start of today in the receptionist's time zone. */
  since: v.optional(epochMs),
  offset: v.optional(integer(0, 1_000_000)),
  limit: v.optional(integer(1, JOURNAL_PAGE_LIMIT)),
});
export type JournalQuery = v.InferOutput<typeof journalQuerySchema>;

export interface JournalPage {
  entries: JournalEntry[];
  /** How many entries match the query (all pages). */
  total: number;
  /** Missed calls not yet done, over the whole journal (the badge). */
  missedOpen: number;
}

/** Mark these entries done, or every missed call at once. */
export const journalDoneSchema = v.union([
  v.strictObject({ ids: v.pipe(v.array(integer(1, Number.MAX_SAFE_INTEGER)), v.minLength(1), v.maxLength(JOURNAL_PAGE_LIMIT)) }),
  v.strictObject({ all: v.literal(true) }),
]);
export type JournalDoneRequest = v.InferOutput<typeof journalDoneSchema>;

/** A note on a journal entry (by its id) or on a call still running (by its call id: it lands on the entry when the call ends). */
export const journalNoteSchema = v.union([
  v.strictObject({ entryId: integer(1, Number.MAX_SAFE_INTEGER), note: text(0, MAX_NOTE_LENGTH) }),
  v.strictObject({ callId: text(1, 256), note: text(0, MAX_NOTE_LENGTH) }),
]);
export type JournalNoteRequest = v.InferOutput<typeof journalNoteSchema>;

export const journalFiguresSchema = v.strictObject({ since: epochMs });

/** Today at a glance, for one line or all of them. */
export interface LineFigures {
  /** '' for the total over every line. */
  lineId: string;
  /** The line's label as recorded ('' for the total). */
  label: string;
  answered: number;
  missed: number;
  /** Seconds from ringing to answered, over answered incoming calls; null when there were none. */
  averageWaitSeconds: number | null;
  longestWaitSeconds: number | null;
}

export interface JournalFigures {
  total: LineFigures;
  lines: LineFigures[];
}

/** The export: in the browser the page downloads the text; the desktop app saves it where the receptionist chose. */
export type JournalExport =
  { kind: 'csv'; fileName: string; csv: string } | { kind: 'saved'; path: string } | { kind: 'cancelled' } | { kind: 'unavailable' };

/** The export's file name: the journal and the day, e.g. journal-2026-12-01.csv. */
export function journalCsvFileName(now: number): string {
  return `journal-${new Date(now).toISOString().slice(0, 10)}.csv`;
}

/** What the core needs from wherever the journal is kept (main/runtime/journal: SQLite). */
export interface JournalStore {
  /** A call the console saw end (its note typed while it ran is attached here). */
  record(entry: JournalEntry): void;
  /** Records from a vendor's own call history; ones already known (same record, or the same call seen live) are skipped. */
  merge(entries: readonly JournalEntry[]): number;
  /** A note on a call still running, attached when it ends. */
  setLiveNote(callId: string, note: string, at: number): void;
  /** False when there is no such entry. */
  setNote(entryId: number, note: string): boolean;
  markDone(request: JournalDoneRequest): number;
  query(query: JournalQuery): JournalPage;
  figures(since: number): JournalFigures;
  exportCsv(query: JournalQuery): Promise<string>;
}

/** How the journal tells a call's end: the outcome of an entry, for entries written before outcomes were recorded too. */
export function outcomeOf(entry: JournalEntry): NonNullable<JournalEntry['outcome']> {
  if (entry.outcome) return entry.outcome;
  if (entry.answered) return 'answered';
  return entry.direction === 'incoming' ? 'missed' : 'not-reached';
}

/** Digits only: how two renderings of one number ('+372 5123 456', '3725123456') are compared. */
export function numberKey(number: string): string {
  return number.replace(/\D/g, '');
}

/**
 * What the journal matches a caller by: the digits without leading zeros, or '' for a withheld caller — TelServer's
 * '*****-<call reference>' names a call, not a caller, and its digits may equal anyone's extension.
 */
export function callerKey(number: string): string {
  return isWithheld(number) ? '' : numberKey(number).replace(/^0+/, '');
}

/** Numbers written with and without the country code still match (the shorter must be a real number, not an extension). */
export const MIN_SUFFIX_DIGITS = MAX_EXTENSION_DIGITS + 1;

/**
 * A caller key this short is an extension: the same digits on another PBX are someone else, so such keys match only
 * within one connection (MAX_EXTENSION_DIGITS, as phone.ts tells an extension from an outside number).
 */
export function isExtensionKey(key: string): boolean {
  return key.length <= MAX_EXTENSION_DIGITS;
}

/**
 * Whether two numbers reach the same party: equal digits, or one ends with the other (national vs international
 * form, leading 0 dropped); an extension only on the same connection (when both say theirs), a withheld caller never.
 */
export function sameNumber(a: string, b: string, connections?: { a?: string; b?: string }): boolean {
  const x = callerKey(a);
  const y = callerKey(b);
  if (!x || !y) return false;
  if (x === y) return !isExtensionKey(x) || connections?.a === connections?.b;
  const [short, long] = x.length < y.length ? [x, y] : [y, x];
  return short.length >= MIN_SUFFIX_DIGITS && long.endsWith(short);
}

/** Whether this finished call reached the other party: a missed call from them is then dealt with. */
export function reachedParty(entry: JournalEntry): boolean {
  return entry.answered && callerKey(entry.remote.number) !== '';
}

/** Seconds from start to answer of an answered incoming call; undefined otherwise. */
export function waitSeconds(entry: JournalEntry): number | undefined {
  if (entry.direction !== 'incoming' || !entry.answered || entry.answeredAt === undefined) return undefined;
  return Math.max(0, Math.round((entry.answeredAt - entry.startedAt) / 1000));
}

/** Today at a glance from the entries that started since the start of the day. */
export function journalFigures(entries: readonly JournalEntry[]): JournalFigures {
  const total = blank('', '');
  const byLine = new Map<string, LineFigures>();
  const waits = new Map<LineFigures, number[]>();
  for (const entry of entries) {
    let line = byLine.get(entry.lineId);
    if (!line) {
      line = blank(entry.lineId, entry.lineLabel ?? '');
      byLine.set(entry.lineId, line);
    }
    const outcome = outcomeOf(entry);
    for (const figures of [total, line]) {
      if (entry.direction === 'incoming' && entry.answered) figures.answered++;
      if (outcome === 'missed') figures.missed++;
      const wait = waitSeconds(entry);
      if (wait === undefined) continue;
      const list = waits.get(figures);
      if (list) list.push(wait);
      else waits.set(figures, [wait]);
    }
  }
  for (const [figures, list] of waits) {
    figures.averageWaitSeconds = Math.round(list.reduce((sum, s) => sum + s, 0) / list.length);
    figures.longestWaitSeconds = list.reduce((longest, s) => Math.max(longest, s), 0);
  }
  return { total, lines: [...byLine.values()].sort((a, b) => a.lineId.localeCompare(b.lineId)) };
}

function blank(lineId: string, label: string): LineFigures {
  return { lineId, label, answered: 0, missed: 0, averageWaitSeconds: null, longestWaitSeconds: null };
}

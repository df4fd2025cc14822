/**
 * The journal kept on disk: one SQLite file (better-sqlite3) under the
 * user's data folder. WAL with synchronous=NORMAL: each write is one short
 * transaction that survives a killed process (only a power cut can lose the
 * last one), so a crash loses at most the call in flight. The schema carries
 * a version (user_version) and migrations run in order on open.
 */
import Database from 'better-sqlite3';
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import {
  callerKey,
  journalFigures,
  MIN_SUFFIX_DIGITS,
  numberKey,
  outcomeOf,
  reachedParty,
  type JournalDoneRequest,
  type JournalFigures,
  type JournalPage,
  type JournalQuery,
  type JournalStore,
} from '../../../app/journal';
import type { CallDirection, JournalEntry, JournalOutcome } from '../../../app/model';
import { msg } from '../../../app/i18n/message';
import { MAX_EXTENSION_DIGITS } from '../../../app/phone';
import { ConsoleError } from '../../core/errors';
import { JOURNAL_CSV_HEADER, journalCsvRow } from './csv';

/** Each migration brings the schema from version i to i + 1; never edit one that shipped, add the next. */
export const MIGRATIONS: readonly string[] = [
  `CREATE TABLE entries (
     id INTEGER PRIMARY KEY AUTOINCREMENT,
     call_id TEXT NOT NULL,
     source TEXT NOT NULL,
     vendor_record TEXT,
     connection_id TEXT,
     connection_label TEXT,
     line_id TEXT NOT NULL,
     line_label TEXT,
     direction TEXT NOT NULL,
     remote_number TEXT NOT NULL,
     remote_name TEXT,
     remote_company TEXT,
     number_key TEXT NOT NULL,
     started_at INTEGER NOT NULL,
     answered_at INTEGER,
     ended_at INTEGER NOT NULL,
     answered INTEGER NOT NULL,
     talk_seconds INTEGER NOT NULL,
     outcome TEXT NOT NULL,
     handed_to TEXT,
     handled_by TEXT,
     note TEXT NOT NULL DEFAULT '',
     done INTEGER NOT NULL DEFAULT 0
   );
   CREATE UNIQUE INDEX entries_vendor_record ON entries(vendor_record) WHERE vendor_record IS NOT NULL;
   CREATE INDEX entries_started ON entries(started_at);
   CREATE INDEX entries_open_missed ON entries(outcome, done);
   CREATE INDEX entries_ended ON entries(ended_at);
   CREATE TABLE live_notes (call_id TEXT PRIMARY KEY, note TEXT NOT NULL, at INTEGER NOT NULL);`,
  // 2: a full-text index (FTS5, trigram: any part of a word or number) over what a search looks in, kept by triggers.
  `CREATE VIRTUAL TABLE entries_search USING fts5(body, tokenize = 'trigram');
   CREATE TRIGGER entries_search_insert AFTER INSERT ON entries BEGIN
     INSERT INTO entries_search (rowid, body) VALUES (new.id, ${searchBody('new')});
   END;
   CREATE TRIGGER entries_search_update AFTER UPDATE OF note ON entries BEGIN
     UPDATE entries_search SET body = ${searchBody('new')} WHERE rowid = new.id;
   END;
   CREATE TRIGGER entries_search_delete AFTER DELETE ON entries BEGIN
     DELETE FROM entries_search WHERE rowid = old.id;
   END;
   INSERT INTO entries_search (rowid, body) SELECT id, ${searchBody('entries')} FROM entries;`,
  // 3: a withheld caller has no caller key (callerKey): TelServer's '*****-<call reference>' had its reference's digits.
  `UPDATE entries SET number_key = '' WHERE remote_number LIKE '***%';`,
];

/** The text a search looks in: number (as stored and as digits), name, company, line, connection, handed to, note. */
function searchBody(row: string): string {
  const fields = ['remote_number', 'number_key', 'remote_name', 'remote_company', 'line_label', 'connection_label', 'handed_to', 'note'];
  return fields.map((f) => `coalesce(${row}.${f}, '')`).join(` || char(10) || `);
}

export const JOURNAL_SCHEMA_VERSION = MIGRATIONS.length;

/** A vendor record and a call the console saw live are the same call when they started this close together. */
export const SAME_CALL_TOLERANCE_MS = 120_000;
/** How many rows the CSV export writes at most, and per turn of the event loop. */
const EXPORT_LIMIT = 100_000;
const EXPORT_PAGE = 1_000;

interface Row {
  id: number;
  call_id: string;
  source: string;
  connection_id: string | null;
  connection_label: string | null;
  line_id: string;
  line_label: string | null;
  direction: string;
  remote_number: string;
  remote_name: string | null;
  remote_company: string | null;
  started_at: number;
  answered_at: number | null;
  ended_at: number;
  answered: number;
  talk_seconds: number;
  outcome: string;
  handed_to: string | null;
  handled_by: string | null;
  note: string;
  done: number;
}

/**
 * `number_key` is callerKey: digits without leading zeros, '' when withheld. Two keys match as app/journal sameNumber
 * says: equal, or one (a real number, not an extension) ends the other; equal extension keys only on the same
 * connection (@connectionId; IS, so entries written before connections were recorded match each other).
 */
const SAME_NUMBER_SQL = `(
  (number_key = @key AND (length(@key) > ${MAX_EXTENSION_DIGITS} OR connection_id IS @connectionId))
  OR (length(number_key) >= ${MIN_SUFFIX_DIGITS} AND @key LIKE '%' || number_key)
  OR (length(@key) >= ${MIN_SUFFIX_DIGITS} AND number_key LIKE '%' || @key))`;

export class JournalDb implements JournalStore {
  private readonly db: Database.Database;
  private readonly rowQueries = new Map<string, Database.Statement<[Params], Row>>();
  private readonly countQueries = new Map<string, Database.Statement<[Params], { n: number }>>();
  private readonly insert: Database.Statement<[Record<string, string | number | null>]>;
  private readonly byVendorRecord: Database.Statement<[string], { found: number }>;
  private readonly sameCallSeenLive: Database.Statement<[Params], { found: number }>;
  private readonly closeMissed: Database.Statement<[Params]>;
  private readonly reachedSince: Database.Statement<[Params], { found: number }>;
  private readonly takeLiveNote: Database.Statement<[string], { note: string; at: number }>;
  private readonly dropLiveNote: Database.Statement<[string]>;
  private readonly putLiveNote: Database.Statement<[string, string, number]>;
  private readonly updateNote: Database.Statement<[string, number]>;
  private readonly markOne: Database.Statement<[number]>;
  private readonly markAll: Database.Statement<[]>;
  private readonly purgeEntries: Database.Statement<[number]>;
  private readonly purgeNotes: Database.Statement<[number]>;
  private readonly since: Database.Statement<[number], Row>;

  /** `file` ':memory:' for a journal that lasts as long as the process. */
  constructor(file: string) {
    if (file !== ':memory:') mkdirSync(path.dirname(file), { recursive: true });
    this.db = new Database(file);
    this.db.pragma('journal_mode = WAL');
    this.db.pragma('synchronous = NORMAL');
    this.db.pragma('busy_timeout = 2000');
    // SQLite's own lower() and LIKE fold A–Z only; a short search folds every letter as the trigram index does (Ö, Ü).
    this.db.function('fold_case', { deterministic: true }, (text: unknown) => (typeof text === 'string' ? text.toLowerCase() : text));
    this.migrate();
    this.insert = this.db.prepare<Record<string, string | number | null>>(
      `INSERT INTO entries (call_id, source, vendor_record, connection_id, connection_label, line_id, line_label, direction,
         remote_number, remote_name, remote_company, number_key, started_at, answered_at, ended_at, answered, talk_seconds,
         outcome, handed_to, handled_by, note, done)
       VALUES (@callId, @source, @vendorRecord, @connectionId, @connectionLabel, @lineId, @lineLabel, @direction,
         @number, @name, @company, @key, @startedAt, @answeredAt, @endedAt, @answered, @talkSeconds,
         @outcome, @handedTo, @handledBy, @note, @done)`,
    );
    this.byVendorRecord = this.db.prepare<[string], { found: number }>('SELECT 1 AS found FROM entries WHERE vendor_record = ?');
    this.sameCallSeenLive = this.db.prepare<Params, { found: number }>(
      `SELECT 1 AS found FROM entries WHERE source = 'console' AND line_id = @lineId AND direction = @direction
         AND started_at BETWEEN @from AND @to AND ${SAME_NUMBER_SQL} LIMIT 1`,
    );
    this.closeMissed = this.db.prepare<Params>(
      `UPDATE entries SET done = 1 WHERE outcome = 'missed' AND done = 0 AND started_at <= @before AND ${SAME_NUMBER_SQL}`,
    );
    this.reachedSince = this.db.prepare<Params, { found: number }>(
      `SELECT 1 AS found FROM entries WHERE answered = 1 AND started_at >= @since AND ${SAME_NUMBER_SQL} LIMIT 1`,
    );
    this.takeLiveNote = this.db.prepare<[string], { note: string; at: number }>('SELECT note, at FROM live_notes WHERE call_id = ?');
    this.dropLiveNote = this.db.prepare<[string]>('DELETE FROM live_notes WHERE call_id = ?');
    this.putLiveNote = this.db.prepare<[string, string, number]>(
      'INSERT INTO live_notes (call_id, note, at) VALUES (?, ?, ?) ON CONFLICT(call_id) DO UPDATE SET note = excluded.note, at = excluded.at',
    );
    this.updateNote = this.db.prepare<[string, number]>('UPDATE entries SET note = ? WHERE id = ?');
    this.markOne = this.db.prepare<[number]>('UPDATE entries SET done = 1 WHERE id = ? AND done = 0');
    this.markAll = this.db.prepare<[]>(`UPDATE entries SET done = 1 WHERE outcome = 'missed' AND done = 0`);
    this.purgeEntries = this.db.prepare<[number]>('DELETE FROM entries WHERE ended_at < ?');
    this.purgeNotes = this.db.prepare<[number]>('DELETE FROM live_notes WHERE at < ?');
    this.since = this.db.prepare<[number], Row>('SELECT * FROM entries WHERE started_at >= ?');
  }

  private migrate(): void {
    const version = Number(this.db.pragma('user_version', { simple: true }));
    if (version > MIGRATIONS.length) {
      // Written by a newer version of the console: reading it with an older schema could lose data.
      throw new ConsoleError(msg('journal.tooNew', { found: version, known: MIGRATIONS.length }));
    }
    this.db.transaction(() => {
      for (let next = version; next < MIGRATIONS.length; next++) {
        this.db.exec(MIGRATIONS[next] ?? '');
        this.db.pragma(`user_version = ${next + 1}`);
      }
    })();
  }

  get schemaVersion(): number {
    return Number(this.db.pragma('user_version', { simple: true }));
  }

  record(entry: JournalEntry): void {
    this.db.transaction(() => {
      const pending = this.takeLiveNote.get(entry.callId);
      // A note typed on an earlier call with the same id (the PBX reuses ids after a restart) is not this call's.
      const note = pending && pending.at >= entry.startedAt ? pending.note : (entry.note ?? '');
      if (pending) this.dropLiveNote.run(entry.callId);
      this.add({ ...entry, note }, null);
    })();
  }

  merge(entries: readonly JournalEntry[]): number {
    return this.db.transaction(() => {
      let added = 0;
      for (const entry of entries) {
        if (this.byVendorRecord.get(entry.callId)) continue;
        const key = callerKey(entry.remote.number);
        const seen = this.sameCallSeenLive.get({
          connectionId: entry.connectionId ?? null,
          lineId: entry.lineId,
          direction: entry.direction,
          from: entry.startedAt - SAME_CALL_TOLERANCE_MS,
          to: entry.startedAt + SAME_CALL_TOLERANCE_MS,
          key,
        });
        if (seen) continue;
        this.add({ ...entry, source: 'vendor' }, entry.callId);
        added++;
      }
      return added;
    })();
  }

  /** One row, then the missed calls it deals with (the caller was reached), or itself when already dealt with. */
  private add(entry: JournalEntry, vendorRecord: string | null): void {
    const key = callerKey(entry.remote.number);
    const connectionId = entry.connectionId ?? null;
    const outcome = outcomeOf(entry);
    const reachedLater =
      outcome === 'missed' && key !== '' && this.reachedSince.get({ since: entry.startedAt, key, connectionId }) !== undefined;
    this.insert.run({
      callId: entry.callId,
      source: entry.source ?? 'console',
      vendorRecord,
      connectionId: entry.connectionId ?? null,
      connectionLabel: entry.connectionLabel ?? null,
      lineId: entry.lineId,
      lineLabel: entry.lineLabel ?? null,
      direction: entry.direction,
      number: entry.remote.number,
      name: entry.remote.name ?? null,
      company: entry.remote.company ?? null,
      key,
      startedAt: entry.startedAt,
      answeredAt: entry.answeredAt ?? null,
      endedAt: entry.endedAt,
      answered: entry.answered ? 1 : 0,
      talkSeconds: entry.talkSeconds,
      outcome,
      handedTo: entry.handedTo ?? null,
      handledBy: entry.handledBy ?? null,
      note: entry.note ?? '',
      done: entry.done || reachedLater ? 1 : 0,
    });
    if (reachedParty(entry) && key !== '') this.closeMissed.run({ before: entry.endedAt, key, connectionId });
  }

  setLiveNote(callId: string, note: string, at: number): void {
    if (note === '') this.dropLiveNote.run(callId);
    else this.putLiveNote.run(callId, note, at);
  }

  setNote(entryId: number, note: string): boolean {
    return this.updateNote.run(note, entryId).changes > 0;
  }

  markDone(request: JournalDoneRequest): number {
    if ('all' in request) return this.markAll.run().changes;
    return this.db.transaction(() => request.ids.reduce((sum, id) => sum + this.markOne.run(id).changes, 0))();
  }

  query(query: JournalQuery): JournalPage {
    const { where, params } = whereOf(query);
    const limit = query.limit ?? 50;
    const offset = query.offset ?? 0;
    const rows = this.rows(`SELECT * FROM entries ${where} ORDER BY started_at DESC, id DESC LIMIT @limit OFFSET @offset`).all({
      ...params,
      limit,
      offset,
    });
    const total = this.count(`SELECT count(*) AS n FROM entries ${where}`).get(params)?.n ?? 0;
    return { entries: rows.map(entryOf), total, missedOpen: this.missedOpen() };
  }

  missedOpen(): number {
    return this.count(`SELECT count(*) AS n FROM entries WHERE outcome = 'missed' AND done = 0`).get({})?.n ?? 0;
  }

  figures(since: number): JournalFigures {
    return journalFigures(this.since.all(since).map(entryOf));
  }

  /**
   * Page by page (keyset: each page starts after the last row of the one
   * before, so no page rescans the rows already written), yielding to the
   * event loop in between, so a year of calls never holds up live calls.
   */
  async exportCsv(query: JournalQuery): Promise<string> {
    const { where, params } = whereOf(query);
    const first = this.rows(`SELECT * FROM entries ${where} ORDER BY started_at DESC, id DESC LIMIT @limit`);
    const after = `(started_at < @afterStart OR (started_at = @afterStart AND id < @afterId))`;
    const next = this.rows(
      `SELECT * FROM entries ${where ? `${where} AND ${after}` : `WHERE ${after}`} ORDER BY started_at DESC, id DESC LIMIT @limit`,
    );
    const parts = [JOURNAL_CSV_HEADER];
    let last: Row | undefined;
    for (let written = 0; written < EXPORT_LIMIT;) {
      const limit = Math.min(EXPORT_PAGE, EXPORT_LIMIT - written);
      const rows: Row[] = last
        ? next.all({ ...params, limit, afterStart: last.started_at, afterId: last.id })
        : first.all({ ...params, limit });
      for (const row of rows) parts.push(`${journalCsvRow(entryOf(row))}\r\n`);
      written += rows.length;
      last = rows.at(-1);
      if (rows.length < limit) break;
      await new Promise<void>((resolve) => setImmediate(resolve));
    }
    return parts.join('');
  }

  /** Forgets every call that ended before `cutoff` (the retention period), and notes on calls that never ended. */
  purge(cutoff: number): number {
    this.purgeNotes.run(cutoff);
    return this.purgeEntries.run(cutoff).changes;
  }

  close(): void {
    if (this.db.open) this.db.close();
  }

  /** Prepared once per distinct SQL text (the query's filters make a handful of shapes). */
  private rows(sql: string): Database.Statement<[Params], Row> {
    return cached(this.rowQueries, sql, () => this.db.prepare<Params, Row>(sql));
  }

  private count(sql: string): Database.Statement<[Params], { n: number }> {
    return cached(this.countQueries, sql, () => this.db.prepare<Params, { n: number }>(sql));
  }
}

type Params = Record<string, string | number | null>;

function cached<T>(cache: Map<string, T>, key: string, make: () => T): T {
  let value = cache.get(key);
  if (value === undefined) {
    value = make();
    cache.set(key, value);
  }
  return value;
}

function whereOf(query: JournalQuery): { where: string; params: Params } {
  const clauses: string[] = [];
  const params: Params = {};
  if (query.filter === 'missed') clauses.push(`outcome = 'missed' AND done = 0`);
  if (query.lineId !== undefined) {
    clauses.push('line_id = @lineId');
    params.lineId = query.lineId;
  }
  if (query.since !== undefined) {
    clauses.push('started_at >= @since');
    params.since = query.since;
  }
  const text = query.text?.trim() ?? '';
  if (text) {
    const digits = numberKey(text).replace(/^0+/, '');
    // Typed with spaces or a leading 0 ('0 5123 456') a number still finds the stored '+3725123456'.
    const asNumber = digits.length >= 3 && digits.length * 2 >= text.replace(/\s/g, '').length ? digits : '';
    if ([...text].length >= TRIGRAM) {
      params.match = [text, asNumber]
        .filter(Boolean)
        .map((phrase) => `"${phrase.replace(/"/g, '""')}"`)
        .join(' OR ');
      clauses.push('id IN (SELECT rowid FROM entries_search WHERE entries_search MATCH @match)');
    } else {
      // Shorter than a trigram: the index cannot answer, and so few letters are read in a moment anyway.
      params.text = `%${text.toLowerCase().replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
      const fields = ['remote_number', 'remote_name', 'remote_company', 'line_label', 'connection_label', 'handed_to', 'note'];
      // LIKE folds A–Z itself, so a search in printable ASCII needs nothing more; one with a letter beyond ASCII (ö, Ü)
      // folds the fields joined by a separator no search holds, one call into JavaScript a row (2.4× the plain scan).
      clauses.push(
        /^[ -~]*$/.test(text)
          ? `(${fields.map((f) => `${f} LIKE @text ESCAPE '\\'`).join(' OR ')})`
          : `fold_case(${fields.map((f) => `coalesce(${f}, '')`).join(' || char(31) || ')}) LIKE @text ESCAPE '\\'`,
      );
    }
  }
  return { where: clauses.length ? `WHERE ${clauses.join(' AND ')}` : '', params };
}

/** FTS5's trigram tokenizer matches phrases of at least three characters. */
const TRIGRAM = 3;

const DIRECTIONS: readonly CallDirection[] = ['incoming', 'outgoing'];
const OUTCOMES: readonly JournalOutcome[] = ['answered', 'missed', 'not-reached', 'transferred', 'diverted'];

function entryOf(row: Row): JournalEntry {
  const direction = DIRECTIONS.find((d) => d === row.direction) ?? 'incoming';
  const entry: JournalEntry = {
    id: row.id,
    callId: row.call_id,
    lineId: row.line_id,
    direction,
    remote: { number: row.remote_number },
    startedAt: row.started_at,
    endedAt: row.ended_at,
    answered: row.answered === 1,
    talkSeconds: row.talk_seconds,
    source: row.source === 'vendor' ? 'vendor' : 'console',
    done: row.done === 1,
    note: row.note,
  };
  const outcome = OUTCOMES.find((o) => o === row.outcome);
  if (outcome) entry.outcome = outcome;
  if (row.remote_name !== null) entry.remote.name = row.remote_name;
  if (row.remote_company !== null) entry.remote.company = row.remote_company;
  if (row.connection_id !== null) entry.connectionId = row.connection_id;
  if (row.connection_label !== null) entry.connectionLabel = row.connection_label;
  if (row.line_label !== null) entry.lineLabel = row.line_label;
  if (row.answered_at !== null) entry.answeredAt = row.answered_at;
  if (row.handed_to !== null) entry.handedTo = row.handed_to;
  if (row.handled_by !== null) entry.handledBy = row.handled_by;
  return entry;
}

import Database from 'better-sqlite3';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import Papa from 'papaparse';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { JournalEntry } from '../../../app/model';
import { JOURNAL_CSV_COLUMNS } from './csv';
import { JOURNAL_SCHEMA_VERSION, JournalDb, MIGRATIONS, SAME_CALL_TOLERANCE_MS } from './journal-db';

const T0 = Date.UTC(2026, 11, 1, 9, 0, 0);

function entry(overrides: Partial<JournalEntry> = {}): JournalEntry {
  return {
    callId: 'pbx/1100#1',
    lineId: 'pbx/1100',
    connectionId: 'pbx',
    lineLabel: 'Reception',
    direction: 'incoming',
    remote: { number: '+3725123456', name: 'Kalev Kask' },
    startedAt: T0,
    endedAt: T0 + 20_000,
    answered: false,
    talkSeconds: 0,
    ...overrides,
  };
}

const answered = (overrides: Partial<JournalEntry> = {}) =>
  entry({ answered: true, answeredAt: T0 + 5_000, outcome: 'answered', talkSeconds: 15, ...overrides });

let dir: string;
let db: JournalDb;

beforeEach(() => {
  dir = mkdtempSync(path.join(tmpdir(), 'journal-db-'));
  db = new JournalDb(path.join(dir, 'journal.sqlite'));
});

afterEach(() => {
  db.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('JournalDb', () => {
  it('keeps entries across a reopen, in WAL mode with synchronous NORMAL and the current schema version', () => {
    db.record(entry());
    db.close();
    db = new JournalDb(path.join(dir, 'journal.sqlite'));
    expect(db.schemaVersion).toBe(JOURNAL_SCHEMA_VERSION);
    const page = db.query({});
    expect(page.entries).toHaveLength(1);
    expect(page.entries[0]).toMatchObject({
      callId: 'pbx/1100#1',
      remote: { number: '+3725123456', name: 'Kalev Kask' },
      outcome: 'missed',
    });
    const raw = new Database(path.join(dir, 'journal.sqlite'), { readonly: true });
    expect(raw.pragma('journal_mode', { simple: true })).toBe('wal');
    raw.close();
  });

  it('a record is on disk as soon as record() returns (another connection reads it without a close)', () => {
    db.record(entry({ note: 'wants a brochure' }));
    const raw = new Database(path.join(dir, 'journal.sqlite'), { readonly: true });
    expect(raw.prepare('SELECT note FROM entries').get()).toEqual({ note: 'wants a brochure' });
    raw.close();
  });

  it('refuses a journal written by a newer schema, leaving it untouched', () => {
    db.close();
    const raw = new Database(path.join(dir, 'journal.sqlite'));
    raw.pragma(`user_version = ${JOURNAL_SCHEMA_VERSION + 1}`);
    raw.close();
    expect(() => new JournalDb(path.join(dir, 'journal.sqlite'))).toThrow(/newer version/);
    db = new JournalDb(':memory:');
  });

  it('lists missed calls with a count; mark done one by one or all at once', () => {
    db.record(entry({ callId: 'a', remote: { number: '+3725000001' } }));
    db.record(entry({ callId: 'b', remote: { number: '+3725000002' }, startedAt: T0 + 1000 }));
    db.record(answered({ callId: 'c', remote: { number: '+3725000003' }, startedAt: T0 + 2000 }));
    const missed = db.query({ filter: 'missed' });
    expect(missed.entries.map((e) => e.callId)).toEqual(['b', 'a']);
    expect(missed.missedOpen).toBe(2);
    expect(db.markDone({ ids: [missed.entries[0]?.id ?? 0] })).toBe(1);
    expect(db.query({ filter: 'missed' }).entries.map((e) => e.callId)).toEqual(['a']);
    expect(db.markDone({ all: true })).toBe(1);
    expect(db.query({}).missedOpen).toBe(0);
    expect(db.query({}).total).toBe(3);
  });

  it('a missed call is done by itself once the caller is reached: an answered call from them, or a call to them that connected', () => {
    db.record(entry({ callId: 'missed-1', remote: { number: '+3725123456' } }));
    db.record(entry({ callId: 'missed-2', remote: { number: '+3726654321' } }));
    // Called back in national form ('5123456' with the country prefix dropped): still the same party.
    db.record(
      answered({ callId: 'back', direction: 'outgoing', remote: { number: '5123456' }, startedAt: T0 + 60_000, endedAt: T0 + 90_000 }),
    );
    expect(db.query({ filter: 'missed' }).entries.map((e) => e.callId)).toEqual(['missed-2']);
    // An outgoing call that did not connect deals with nothing.
    db.record(
      entry({ callId: 'try', direction: 'outgoing', remote: { number: '+3726654321' }, startedAt: T0 + 100_000, endedAt: T0 + 110_000 }),
    );
    expect(db.query({}).missedOpen).toBe(1);
    db.record(answered({ callId: 'rang-again', remote: { number: '+3726654321' }, startedAt: T0 + 200_000, endedAt: T0 + 230_000 }));
    expect(db.query({}).missedOpen).toBe(0);
  });

  it('an extension number never matches the tail of a longer number', () => {
    db.record(entry({ callId: 'missed', remote: { number: '+3725551103' } }));
    db.record(answered({ callId: 'colleague', direction: 'outgoing', remote: { number: '1103' }, startedAt: T0 + 60_000 }));
    expect(db.query({}).missedOpen).toBe(1);
  });

  it('an extension is one person on its own PBX only: the same digits answered on another PBX leave the missed call open', () => {
    db.record(entry({ callId: 'a/100#1', lineId: 'a/100', connectionId: 'a', remote: { number: '1101', name: 'Mart Kask' } }));
    db.record(answered({ callId: 'b/200#1', lineId: 'b/200', connectionId: 'b', remote: { number: '1101' }, startedAt: T0 + 60_000 }));
    expect(db.query({}).missedOpen).toBe(1);
    // On its own PBX the same extension is that caller: reached, done.
    db.record(answered({ callId: 'a/100#2', lineId: 'a/100', connectionId: 'a', remote: { number: '1101' }, startedAt: T0 + 90_000 }));
    expect(db.query({}).missedOpen).toBe(0);
  });

  it('an outside number is one caller on every PBX', () => {
    db.record(entry({ callId: 'a/100#1', connectionId: 'a', remote: { number: '+3725123456' } }));
    db.record(answered({ callId: 'b/200#1', connectionId: 'b', remote: { number: '5123456' }, startedAt: T0 + 60_000 }));
    expect(db.query({}).missedOpen).toBe(0);
  });

  it("a withheld caller reached is nobody's missed call, though TelServer's placeholder carries digits", () => {
    db.record(entry({ callId: 'missed', remote: { number: '1101', name: 'Mart Kask' } }));
    db.record(answered({ callId: 'withheld', remote: { number: '*****-1101' }, startedAt: T0 + 60_000 }));
    expect(db.query({}).missedOpen).toBe(1);
    // Nor is a missed withheld call dealt with by someone answered whose digits are its reference's.
    db.record(entry({ callId: 'missed-withheld', remote: { number: '*****-1102' }, startedAt: T0 + 100_000 }));
    db.record(answered({ callId: 'mari', remote: { number: '1102' }, startedAt: T0 + 120_000 }));
    expect(db.query({ filter: 'missed' }).entries.map((e) => e.callId)).toEqual(['missed-withheld', 'missed']);
  });

  it('a note typed during a call lands on its entry; one typed on an earlier call with a reused id does not', () => {
    db.setLiveNote('pbx/1100#1', 'call back about the invoice', T0 + 3_000);
    db.record(answered());
    expect(db.query({}).entries[0]?.note).toBe('call back about the invoice');
    db.setLiveNote('pbx/1100#7', 'stale', T0);
    db.record(answered({ callId: 'pbx/1100#7', startedAt: T0 + 86_400_000, endedAt: T0 + 86_460_000 }));
    expect(db.query({ text: 'stale' }).total).toBe(0);
  });

  it('sets a note on an entry later, and says when there is no such entry', () => {
    db.record(entry());
    const id = db.query({}).entries[0]?.id ?? 0;
    expect(db.setNote(id, 'left a message')).toBe(true);
    expect(db.query({ text: 'message' }).entries[0]?.note).toBe('left a message');
    expect(db.setNote(id + 100, 'nowhere')).toBe(false);
  });

  it('searches number (any spacing), name and note; filters by line and start time', () => {
    db.record(entry({ callId: 'a', remote: { number: '+3725123456', name: 'Kalev Kask' } }));
    db.record(
      entry({
        callId: 'b',
        lineId: 'pbx/1200',
        lineLabel: 'Sales',
        remote: { number: '+4930123456', name: 'Anna_Schmidt' },
        startedAt: T0 + 5000,
      }),
    );
    expect(db.query({ text: '512 34' }).entries.map((e) => e.callId)).toEqual(['a']);
    expect(db.query({ text: 'kalev' }).entries.map((e) => e.callId)).toEqual(['a']);
    // LIKE's wildcards are literal in a search.
    expect(db.query({ text: 'a_s' }).entries.map((e) => e.callId)).toEqual(['b']);
    expect(db.query({ text: '%' }).total).toBe(0);
    expect(db.query({ lineId: 'pbx/1200' }).entries.map((e) => e.callId)).toEqual(['b']);
    expect(db.query({ since: T0 + 1000 }).entries.map((e) => e.callId)).toEqual(['b']);
    expect(db.query({ text: 'sales' }).entries.map((e) => e.callId)).toEqual(['b']);
  });

  it('finds a name whatever the case of its letters beyond A–Z, by one or two letters as by three', () => {
    db.record(entry({ callId: 'a', remote: { number: '+3725123456', name: 'Östlund' } }));
    db.record(entry({ callId: 'b', remote: { number: '+4930123456', name: 'Müller' } }));
    for (const text of ['ÖS', 'ös', 'Ös', 'öst', 'ÖST'])
      expect(
        db.query({ text }).entries.map((e) => e.callId),
        text,
      ).toEqual(['a']);
    for (const text of ['ü', 'Ü', 'üll', 'ÜLL'])
      expect(
        db.query({ text }).entries.map((e) => e.callId),
        text,
      ).toEqual(['b']);
  });

  it('pages newest first', () => {
    for (let i = 0; i < 5; i++) db.record(entry({ callId: `c${i}`, startedAt: T0 + i * 1000 }));
    const page = db.query({ limit: 2, offset: 2 });
    expect(page.entries.map((e) => e.callId)).toEqual(['c2', 'c1']);
    expect(page.total).toBe(5);
  });

  it('merges vendor history without duplicates: the same record twice, or a call the console saw live', () => {
    db.record(answered({ callId: 'pbx/1100#live', startedAt: T0 }));
    const records = [
      answered({ callId: 'pbx/1100#cdr-1', source: 'vendor', startedAt: T0 + SAME_CALL_TOLERANCE_MS / 2 }),
      entry({ callId: 'pbx/1100#cdr-2', source: 'vendor', remote: { number: '+3725999999' }, startedAt: T0 - 3_600_000 }),
    ];
    expect(db.merge(records)).toBe(1);
    expect(db.merge(records)).toBe(0);
    const all = db.query({});
    expect(all.entries.map((e) => [e.callId, e.source])).toEqual([
      ['pbx/1100#live', 'console'],
      ['pbx/1100#cdr-2', 'vendor'],
    ]);
  });

  it('a merged missed call the caller was reached after is done already', () => {
    db.record(answered({ callId: 'later', direction: 'outgoing', remote: { number: '+3725999999' }, startedAt: T0 + 600_000 }));
    db.merge([entry({ callId: 'pbx/1100#cdr-9', source: 'vendor', remote: { number: '+3725999999' }, startedAt: T0 })]);
    expect(db.query({}).missedOpen).toBe(0);
  });

  it('today at a glance: answered, missed, average and longest wait, per line', () => {
    db.record(answered({ callId: 'a', answeredAt: T0 + 4_000 }));
    db.record(answered({ callId: 'b', startedAt: T0 + 100_000, answeredAt: T0 + 110_000, endedAt: T0 + 200_000 }));
    db.record(entry({ callId: 'c', lineId: 'pbx/1200', lineLabel: 'Sales', startedAt: T0 + 300_000, endedAt: T0 + 320_000 }));
    db.record(answered({ callId: 'yesterday', startedAt: T0 - 86_400_000, answeredAt: T0 - 86_000_000, endedAt: T0 - 85_000_000 }));
    const figures = db.figures(T0);
    expect(figures.total).toEqual({ lineId: '', label: '', answered: 2, missed: 1, averageWaitSeconds: 7, longestWaitSeconds: 10 });
    expect(figures.lines).toEqual([
      { lineId: 'pbx/1100', label: 'Reception', answered: 2, missed: 0, averageWaitSeconds: 7, longestWaitSeconds: 10 },
      { lineId: 'pbx/1200', label: 'Sales', answered: 0, missed: 1, averageWaitSeconds: null, longestWaitSeconds: null },
    ]);
  });

  it('purges what ended before the retention cut-off', () => {
    db.record(entry({ callId: 'old', startedAt: T0 - 10_000, endedAt: T0 - 5_000 }));
    db.record(entry({ callId: 'new' }));
    expect(db.purge(T0)).toBe(1);
    expect(db.query({}).entries.map((e) => e.callId)).toEqual(['new']);
  });

  it('exports CSV that a spreadsheet reads back: quoted notes, numbers kept, formulas defused', async () => {
    db.record(
      answered({
        remote: { number: '+3725123456', name: '=HYPERLINK("x")' },
        note: 'line one\nline "two", three',
        outcome: 'transferred',
        handedTo: 'Mart Kuusk (1103)',
        handledBy: 'Reception',
      }),
    );
    const csv = await db.exportCsv({});
    const parsed = Papa.parse<string[]>(csv.trim(), { newline: '\r\n' });
    expect(parsed.data[0]).toEqual([...JOURNAL_CSV_COLUMNS]);
    const row = Object.fromEntries(JOURNAL_CSV_COLUMNS.map((c, i) => [c, parsed.data[1]?.[i]]));
    expect(row).toMatchObject({
      number: '+3725123456',
      name: `'=HYPERLINK("x")`,
      note: 'line one\nline "two", three',
      outcome: 'transferred',
      handed_to: 'Mart Kuusk (1103)',
      handled_by: 'Reception',
      started: new Date(T0).toISOString(),
      wait_seconds: '5',
      done: 'no',
    });
  });

  it('exports more calls than one page, newest first, and what the query filters', async () => {
    for (let i = 0; i < 4500; i++) db.record(entry({ callId: `c${i}`, startedAt: T0 + i * 1000, endedAt: T0 + i * 1000 + 500 }));
    const lines = (await db.exportCsv({})).trim().split('\r\n');
    expect(lines).toHaveLength(4501);
    expect(lines[1]).toContain(new Date(T0 + 4499 * 1000).toISOString());
    expect((await db.exportCsv({ since: T0 + 4000 * 1000 })).trim().split('\r\n')).toHaveLength(501);
  });

  it('migrates a version 1 journal: its calls become searchable through the full-text index', () => {
    db.close();
    const file = path.join(dir, 'v1.sqlite');
    const raw = new Database(file);
    raw.exec(MIGRATIONS[0] ?? '');
    raw.pragma('user_version = 1');
    raw
      .prepare(
        `INSERT INTO entries (call_id, source, line_id, direction, remote_number, remote_name, number_key, started_at, ended_at, answered, talk_seconds, outcome, note)
         VALUES ('old#1', 'console', 'pbx/1100', 'incoming', '+3725123456', 'Kalev Kask', '3725123456', 1, 2, 0, 0, 'missed', 'brochure')`,
      )
      .run();
    raw.close();
    db = new JournalDb(file);
    expect(db.schemaVersion).toBe(JOURNAL_SCHEMA_VERSION);
    expect(db.query({ text: 'brochure' }).entries.map((e) => e.callId)).toEqual(['old#1']);
    expect(db.query({ text: 'kask' }).total).toBe(1);
  });

  it("migrates a version 2 journal: a withheld caller's placeholder loses the digits it was matched by", () => {
    db.close();
    const file = path.join(dir, 'v2.sqlite');
    const raw = new Database(file);
    raw.exec(MIGRATIONS[0] ?? '');
    raw.exec(MIGRATIONS[1] ?? '');
    raw.pragma('user_version = 2');
    raw
      .prepare(
        `INSERT INTO entries (call_id, source, line_id, direction, remote_number, number_key, started_at, ended_at, answered, talk_seconds, outcome)
         VALUES ('old#1', 'console', 'pbx/1100', 'incoming', '1101', '1101', 1, 2, 0, 0, 'missed'),
                ('old#2', 'console', 'pbx/1100', 'incoming', '*****-1101', '1101', 3, 4, 1, 1, 'answered')`,
      )
      .run();
    raw.close();
    db = new JournalDb(file);
    // A missed call from 1101 that the vendor's history brings in late, from before the withheld call was answered:
    // that answer (old#2) did not reach 1101.
    db.merge([
      entry({ callId: 'cdr-1', lineId: 'pbx/1200', connectionId: undefined, remote: { number: '1101' }, startedAt: 0, endedAt: 1 }),
    ]);
    expect(db.query({}).missedOpen).toBe(2);
    db.record(answered({ callId: 'mart', connectionId: undefined, remote: { number: '1101' }, startedAt: 50, endedAt: 60 }));
    expect(db.query({}).missedOpen).toBe(0);
  });

  it('searches in notes set later, and forgets purged calls', () => {
    db.record(entry({ callId: 'a' }));
    const id = db.query({}).entries[0]?.id ?? 0;
    expect(db.query({ text: 'invoice' }).total).toBe(0);
    db.setNote(id, 'about the invoice');
    expect(db.query({ text: 'INVOICE' }).total).toBe(1);
    db.purge(Number.MAX_SAFE_INTEGER);
    expect(db.query({ text: 'invoice' }).total).toBe(0);
  });
});

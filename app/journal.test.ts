import { describe, expect, it } from 'vitest';
import { parseReply, parseRequest } from './contract';
import { journalCsvFileName, journalFigures, outcomeOf, sameNumber } from './journal';
import type { JournalEntry } from './model';
import { SchemaError } from './validation/schema';

const entry = (overrides: Partial<JournalEntry> = {}): JournalEntry => ({
  callId: 'pbx/1100#1',
  lineId: 'pbx/1100',
  direction: 'incoming',
  remote: { number: '+3725123456' },
  startedAt: 0,
  endedAt: 10_000,
  answered: false,
  talkSeconds: 0,
  ...overrides,
});

describe('sameNumber', () => {
  it('matches one number written nationally and internationally, never an extension against a longer number', () => {
    expect(sameNumber('+372 5123 456', '3725123456')).toBe(true);
    expect(sameNumber('+3725123456', '05123456')).toBe(true);
    expect(sameNumber('+3725551103', '1103')).toBe(false);
    expect(sameNumber('1103', '1103')).toBe(true);
    expect(sameNumber('', '')).toBe(false);
    expect(sameNumber('+3725123456', '+3725123457')).toBe(false);
  });

  it('an extension is the same party only on the same connection; a withheld caller is no party', () => {
    expect(sameNumber('1101', '1101', { a: 'pbx-a', b: 'pbx-b' })).toBe(false);
    expect(sameNumber('1101', '1101', { a: 'pbx-a', b: 'pbx-a' })).toBe(true);
    expect(sameNumber('+3725123456', '5123456', { a: 'pbx-a', b: 'pbx-b' })).toBe(true);
    expect(sameNumber('*****-1101', '1101')).toBe(false);
    expect(sameNumber('*****-1101', '*****-1101')).toBe(false);
    // A six-digit extension is not the tail of an outside number either.
    expect(sameNumber('+3725123456', '123456')).toBe(false);
  });
});

describe('outcomeOf', () => {
  it('falls back for entries without a recorded outcome', () => {
    expect(outcomeOf(entry())).toBe('missed');
    expect(outcomeOf(entry({ direction: 'outgoing' }))).toBe('not-reached');
    expect(outcomeOf(entry({ answered: true }))).toBe('answered');
    expect(outcomeOf(entry({ outcome: 'diverted' }))).toBe('diverted');
  });
});

describe('journalFigures', () => {
  it('counts answered incoming and missed calls, and the waits of answered incoming calls only', () => {
    const figures = journalFigures([
      entry({ answered: true, answeredAt: 3_000 }),
      entry({ answered: true, answeredAt: 9_000 }),
      entry({ direction: 'outgoing', answered: true, answeredAt: 20_000 }),
      entry(),
    ]);
    expect(figures.total).toMatchObject({ answered: 2, missed: 1, averageWaitSeconds: 6, longestWaitSeconds: 9 });
    expect(journalFigures([]).total).toMatchObject({ answered: 0, missed: 0, averageWaitSeconds: null });
  });
});

describe('the journal in the contract', () => {
  it('checks requests: bounded pages, done by ids or all, a note by entry or call', () => {
    expect(parseRequest('queryJournal', { text: 'kask', filter: 'missed', limit: 50 })).toEqual({
      text: 'kask',
      filter: 'missed',
      limit: 50,
    });
    expect(() => parseRequest('queryJournal', { limit: 10_000 })).toThrow(SchemaError);
    expect(() => parseRequest('queryJournal', { filter: 'everything' })).toThrow(SchemaError);
    expect(parseRequest('markJournalDone', { all: true })).toEqual({ all: true });
    expect(() => parseRequest('markJournalDone', { ids: [] })).toThrow(SchemaError);
    expect(() => parseRequest('markJournalDone', { all: false })).toThrow(SchemaError);
    expect(parseRequest('setJournalNote', { callId: 'pbx/1100#1', note: 'hi' })).toEqual({ callId: 'pbx/1100#1', note: 'hi' });
    expect(() => parseRequest('setJournalNote', { entryId: 1, note: 'x'.repeat(2001) })).toThrow(SchemaError);
  });

  it('checks replies', () => {
    const page = { entries: [entry({ id: 1, outcome: 'missed', done: false })], total: 1, missedOpen: 1 };
    expect(parseReply('queryJournal', page)).toEqual(page);
    expect(() => parseReply('queryJournal', { entries: [{ callId: 1 }], total: 1, missedOpen: 0 })).toThrow(SchemaError);
    expect(parseReply('exportJournal', { kind: 'saved', path: '/tmp/j.csv' })).toEqual({ kind: 'saved', path: '/tmp/j.csv' });
    expect(parseReply('journalFigures', null)).toBeNull();
  });

  it('names the export by the day', () => {
    expect(journalCsvFileName(Date.UTC(2026, 11, 1, 12))).toBe('journal-2026-12-01.csv');
  });
});

import { describe, expect, it } from 'vitest';
import { parseReply, parseRequest } from '../contract';
import { SchemaError } from '../validation/schema';
import { IMPORT_BATCH } from './contact';

const row = { firstName: 'Maria', numbers: [{ number: '+3726401234' }] };

describe('an import batch on the wire', () => {
  it('names its import and place, and carries at most IMPORT_BATCH contacts', () => {
    expect(parseRequest('importContacts', { importId: 'i-1', start: 40, contacts: [row], last: true })).toEqual({
      importId: 'i-1',
      start: 40,
      contacts: [row],
      last: true,
    });
    for (const bad of [
      [row],
      { start: 0, contacts: [row] },
      { start: -1, contacts: [row], last: false },
      { start: 0.5, contacts: [row], last: false },
      { start: 0, contacts: Array.from({ length: IMPORT_BATCH + 1 }, () => row), last: false },
      { importId: '', start: 0, contacts: [row], last: false },
      { start: 0, contacts: [row], last: false, extra: 1 },
    ]) {
      expect(() => parseRequest('importContacts', bad), JSON.stringify(bad).slice(0, 80)).toThrow(SchemaError);
    }
  });

  it('answers counts and skipped rows, never the contact list', () => {
    const reply = {
      ok: true,
      importId: 'i-1',
      added: 1,
      skipped: [{ index: 3, reason: { key: 'directory.import.duplicate' } }],
      saved: true,
    };
    expect(parseReply('importContacts', reply)).toEqual(reply);
    expect(() => parseReply('importContacts', { ...reply, contacts: [] })).toThrow(SchemaError);
    expect(() => parseReply('importContacts', { ok: true, contacts: [], added: 1 })).toThrow(SchemaError);
  });
});

import { describe, expect, it } from 'vitest';
import { parseReply, parseRequest } from '../contract';
import { SchemaError } from '../validation/schema';
import { checkContact, cleanedContact, contactSignature, IMPORT_BATCH, type Contact } from './contact';

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

describe('the signature of a contact', () => {
  const maria = {
    firstName: 'Maria',
    lastName: 'Lind',
    company: 'Põhja AS',
    numbers: [{ number: '+3726401234' }, { number: '+3725551234' }],
  };

  it('is the same for the same name, company and numbers, whatever their case and order', () => {
    expect(contactSignature({ ...maria, firstName: 'MARIA', numbers: [...maria.numbers].reverse() })).toBe(contactSignature(maria));
    expect(contactSignature({ ...maria, numbers: [{ number: '+3726401234', type: 'work' }, { number: '+3725551234' }] })).toBe(
      contactSignature(maria),
    );
  });

  it('differs when a name, the company or a number does', () => {
    const others = [
      { ...maria, firstName: 'Mari' },
      { ...maria, lastName: undefined },
      { ...maria, company: 'Lõuna AS' },
      { ...maria, numbers: [{ number: '+3726401234' }] },
      // The parts are kept apart: a first name's end is not a last name's start.
      { ...maria, firstName: 'Mar', lastName: 'iaLind' },
    ];
    for (const other of others) expect(contactSignature(other), JSON.stringify(other)).not.toBe(contactSignature(maria));
  });
});

describe('a contact’s texts', () => {
  it('lose control and bidi characters on the way in, as a PBX’s names do; a note keeps its lines', () => {
    const checked = checkContact(
      {
        firstName: 'Jaak\u202e',
        lastName: ' Rebane\r\u0007',
        company: '\u202eTOOL',
        note: 'line one\u202e\nline two\u0000',
        numbers: [{ number: '+3726401234' }],
      },
      'EE',
      'c-1',
    );
    expect(checked.ok && checked.contact).toEqual({
      id: 'c-1',
      firstName: 'Jaak',
      lastName: 'Rebane',
      company: 'TOOL',
      note: 'line one\nline two',
      numbers: [{ number: '+3726401234' }],
    });
    // A name made only of such characters is no name.
    expect(checkContact({ firstName: '\u202e\u0007', numbers: [] }, 'EE', 'c-2').ok).toBe(false);
  });

  it('kept from before are cleaned as they are read; clean ones stay the same object', () => {
    const dirty: Contact = { id: 'c-1', firstName: 'Jaak\u202e', numbers: [] };
    expect(cleanedContact(dirty)).toEqual({ id: 'c-1', firstName: 'Jaak', numbers: [] });
    const clean: Contact = { id: 'c-2', firstName: 'Jaak', numbers: [] };
    expect(cleanedContact(clean)).toBe(clean);
  });
});

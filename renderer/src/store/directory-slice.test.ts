import { describe, expect, it } from 'vitest';
import { createStore } from 'zustand/vanilla';
import { MAX_BRIDGE_FRAME_BYTES } from '../../../app/contract';
import {
  IMPORT_BATCH,
  type Contact,
  type ContactDeletedReply,
  type ContactInput,
  type ContactSavedReply,
  type ImportBatch,
  type ImportReply,
} from '../../../app/directory/contact';
import { msg } from '../../../app/i18n/message';
import { createDirectorySlice, importBatches, type DirectoryApi } from './directory-slice';
import type { AttendantState } from './types';

/** A core that keeps an import's batches and answers as the contact book does. */
class ImportingCore implements DirectoryApi {
  readonly batches: ImportBatch[] = [];
  lists = 0;
  contacts: Contact[] = [{ id: 'old', firstName: 'Old', numbers: [{ number: '+3725550000' }] }];
  refuse: ((batch: ImportBatch) => boolean) | undefined;

  searchDirectory = () => Promise.resolve({ entries: [], vendorsPending: false, failures: [] });
  saveContact = () => Promise.reject(new Error('not used'));
  deleteContact = () => Promise.reject(new Error('not used'));

  listContacts = () => {
    this.lists++;
    return Promise.resolve({ ok: true as const, contacts: this.contacts });
  };

  importContacts = (batch: ImportBatch): Promise<ImportReply> => {
    this.batches.push(batch);
    if (this.refuse?.(batch)) return Promise.resolve({ ok: false, error: msg('directory.import.interrupted') });
    // The core skips every row whose first name is "Dup", by its index among the import's rows.
    const skipped = batch.contacts.flatMap((c, i) =>
      c.firstName === 'Dup' ? [{ index: batch.start + i, reason: msg('directory.import.duplicate') }] : [],
    );
    if (batch.last) {
      const added = this.batches.flatMap((b) => b.contacts).filter((c) => c.firstName !== 'Dup');
      this.contacts = [...this.contacts, ...added.map((c, i) => ({ id: `new-${i}`, firstName: c.firstName, numbers: c.numbers }))];
    }
    return Promise.resolve({ ok: true, importId: 'import-1', added: batch.contacts.length - skipped.length, skipped, saved: batch.last });
  };
}

/** A store of the directory slice alone: an import uses nothing of the others. */
function storeFor(api: DirectoryApi) {
  return createStore<AttendantState>()((...args) => createDirectorySlice(api)(...args) as AttendantState);
}

const rows = (count: number, firstName = 'Anna'): ContactInput[] =>
  Array.from({ length: count }, (_, i) => ({
    firstName,
    lastName: `Row${i}`,
    numbers: [{ number: `+372 5${String(i).padStart(6, '0')}` }],
  }));

describe('importing contacts from the store', () => {
  it('sends one import: the first reply names it, batches follow on, the last says so; the list is read once at the end', async () => {
    const core = new ImportingCore();
    const store = storeFor(core);
    const inputs = [...rows(IMPORT_BATCH), { firstName: 'Dup', numbers: [{ number: '+3725550001' }] }, ...rows(IMPORT_BATCH + 5)];
    const result = await store.getState().importContacts(inputs);

    expect(core.batches.map((b) => [b.importId, b.start, b.contacts.length, b.last])).toEqual([
      [undefined, 0, IMPORT_BATCH, false],
      ['import-1', IMPORT_BATCH, IMPORT_BATCH, false],
      ['import-1', 2 * IMPORT_BATCH, 6, true],
    ]);
    expect(result).toEqual({
      added: inputs.length - 1,
      skipped: [{ index: IMPORT_BATCH, reason: msg('directory.import.duplicate') }],
      error: null,
    });
    expect(core.lists).toBe(1);
    expect(store.getState().contacts.list).toHaveLength(inputs.length);
  });

  it('on a refused batch reports that nothing was added, and keeps the list it had', async () => {
    const core = new ImportingCore();
    const store = storeFor(core);
    await store.getState().loadContacts();
    core.refuse = (batch) => batch.start > 0;
    const result = await store.getState().importContacts(rows(IMPORT_BATCH + 1));
    expect(result).toEqual({ added: 0, skipped: [], error: msg('directory.import.interrupted') });
    expect(core.batches).toHaveLength(2);
    expect(core.lists).toBe(1);
    expect(store.getState().contacts.list.map((c) => c.id)).toEqual(['old']);
  });

  it('keeps every batch within the bridge’s frame: long contacts go fewer to a request', () => {
    const long = rows(300).map((row) => ({ ...row, company: 'Ü'.repeat(150), note: 'Ж'.repeat(500) }));
    const batches = importBatches(long);
    expect(batches.flat()).toEqual(long);
    for (const batch of batches) {
      const frame = JSON.stringify({
        id: 1,
        method: 'importContacts',
        params: { importId: 'x'.repeat(36), start: 123_456, contacts: batch, last: false },
      });
      expect(new TextEncoder().encode(frame).length).toBeLessThanOrEqual(MAX_BRIDGE_FRAME_BYTES);
    }
    expect(batches.length).toBeGreaterThan(Math.ceil(300 / IMPORT_BATCH));
    expect(importBatches(rows(2 * IMPORT_BATCH + 1)).map((b) => b.length)).toEqual([IMPORT_BATCH, IMPORT_BATCH, 1]);
  });
});

/** A core that answers a save or a delete as the contact book does: only what changed. */
class EditingCore implements DirectoryApi {
  lists = 0;
  contacts: Contact[] = [
    { id: 'a', firstName: 'Anna', numbers: [{ number: '+3725550001' }] },
    { id: 'b', firstName: 'Boris', numbers: [{ number: '+3725550002' }] },
  ];
  refusal: ReturnType<typeof msg> | undefined;
  private ids = 0;

  searchDirectory = () => Promise.resolve({ entries: [], vendorsPending: false, failures: [] });
  importContacts = () => Promise.reject(new Error('not used'));

  listContacts = () => {
    this.lists++;
    return Promise.resolve({ ok: true as const, contacts: this.contacts });
  };

  saveContact = (input: ContactInput): Promise<ContactSavedReply> => {
    if (this.refusal) return Promise.resolve({ ok: false, error: this.refusal });
    const saved: Contact = { id: input.id ?? `new-${++this.ids}`, firstName: input.firstName, numbers: input.numbers };
    this.contacts = input.id ? this.contacts.map((c) => (c.id === input.id ? saved : c)) : [...this.contacts, saved];
    return Promise.resolve({ ok: true, saved });
  };

  deleteContact = (id: string): Promise<ContactDeletedReply> => {
    if (this.refusal) return Promise.resolve({ ok: false, error: this.refusal });
    this.contacts = this.contacts.filter((c) => c.id !== id);
    return Promise.resolve({ ok: true, removed: id });
  };
}

describe('changing a contact from the store', () => {
  it('patches the list it read with the reply’s one change: added at the end, edited in place, deleted; never reads it again', async () => {
    const core = new EditingCore();
    const store = storeFor(core);
    await store.getState().loadContacts();
    const names = () => store.getState().contacts.list.map((c) => [c.id, c.firstName]);

    expect(await store.getState().saveContact({ firstName: 'Carl', numbers: [{ number: '+3725550003' }] })).toBeNull();
    expect(names()).toEqual([
      ['a', 'Anna'],
      ['b', 'Boris'],
      ['new-1', 'Carl'],
    ]);
    expect(await store.getState().saveContact({ id: 'a', firstName: 'Annika', numbers: [{ number: '+3725550001' }] })).toBeNull();
    expect(names()).toEqual([
      ['a', 'Annika'],
      ['b', 'Boris'],
      ['new-1', 'Carl'],
    ]);
    expect(await store.getState().deleteContact('b')).toBeNull();
    expect(names()).toEqual([
      ['a', 'Annika'],
      ['new-1', 'Carl'],
    ]);
    expect(store.getState().contacts.list).toEqual(core.contacts);
    expect(core.lists).toBe(1);
  });

  it('on a refused change returns why, shows it, and keeps the list as it was', async () => {
    const core = new EditingCore();
    const store = storeFor(core);
    await store.getState().loadContacts();
    const before = store.getState().contacts.list;
    core.refusal = msg('directory.contact.gone');
    expect(await store.getState().saveContact({ id: 'a', firstName: 'Annika', numbers: [{ number: '+3725550001' }] })).toEqual(
      core.refusal,
    );
    expect(await store.getState().deleteContact('b')).toEqual(core.refusal);
    expect(store.getState().contacts).toEqual({ list: before, loaded: true, error: core.refusal });
    core.refusal = undefined;
    expect(await store.getState().deleteContact('b')).toBeNull();
    expect(store.getState().contacts).toEqual({ list: [before[0]], loaded: true, error: null });
  });

  it('leaves a list not read yet unread: reading it later brings the change', async () => {
    const core = new EditingCore();
    const store = storeFor(core);
    expect(await store.getState().saveContact({ firstName: 'Carl', numbers: [{ number: '+3725550003' }] })).toBeNull();
    expect(store.getState().contacts).toEqual({ list: [], loaded: false, error: null });
    await store.getState().loadContacts();
    expect(store.getState().contacts.list.map((c) => c.firstName)).toEqual(['Anna', 'Boris', 'Carl']);
  });
});

import { afterEach, describe, expect, it, vi } from 'vitest';
import { checkContact, contactSignature, type Contact, type ContactInput, type ImportReply } from '../../../app/directory/contact';
import { memoryLogger } from '../../testing/memory-logger';
import { ConsoleService } from '../console-service';
import { IMPORT_IDLE_MS, memoryContactStore, type ContactStore } from './contact-book';

/** A store that counts its saves, and fails those `fails` says. */
function countingStore(initial: Contact[] = []) {
  const inner = memoryContactStore(initial);
  const store = {
    saves: 0,
    fails: (_contacts: readonly Contact[]) => false,
    load: inner.load,
    async save(contacts: readonly Contact[]) {
      if (store.fails(contacts)) throw new Error('disk full');
      store.saves++;
      await inner.save(contacts);
    },
  } satisfies ContactStore & Record<string, unknown>;
  return store;
}

function serviceWith(store: ContactStore) {
  return new ConsoleService({ connectors: [], log: memoryLogger(), contacts: store, defaultCountry: () => 'EE' });
}

const person = (i: number): ContactInput => ({
  firstName: `First${i}`,
  lastName: `Last${i}`,
  numbers: [{ number: `+372 5${String(i).padStart(6, '0')}` }],
});

/** Sends the rows as the UI does: batches of `size`, the first reply naming the import, the last batch marked. */
async function importInBatches(service: ConsoleService, rows: ContactInput[], size: number): Promise<ImportReply[]> {
  const replies: ImportReply[] = [];
  let importId: string | undefined;
  for (let start = 0; start < rows.length; start += size) {
    const reply = await service.importContacts(rows.slice(start, start + size), {
      ...(importId === undefined ? {} : { importId }),
      start,
      last: start + size >= rows.length,
    });
    replies.push(reply);
    if (!reply.ok) break;
    importId = reply.importId;
  }
  return replies;
}

const searchNames = async (service: ConsoleService, text: string) =>
  (await service.searchDirectory({ text, scope: 'local', limit: 50 })).entries.map((e) => e.name);

afterEach(() => vi.useRealTimers());

describe('an import of contacts', () => {
  it('writes the file once for the whole import, and no reply carries the contact list', async () => {
    const store = countingStore();
    const service = serviceWith(store);
    const replies = await importInBatches(
      service,
      Array.from({ length: 500 }, (_, i) => person(i)),
      20,
    );
    expect(replies).toHaveLength(25);
    expect(store.saves).toBe(1);
    for (const reply of replies) expect(reply).not.toHaveProperty('contacts');
    expect(replies.map((r) => r.ok && r.saved)).toEqual([...Array<boolean>(24).fill(false), true]);
    expect(replies.reduce((sum, r) => sum + (r.ok ? r.added : 0), 0)).toBe(500);
    const listed = await service.listContacts();
    expect(listed.ok && listed.contacts.length).toBe(500);
    expect((await store.load()).length).toBe(500);
    await service.stop();
  });

  it('keeps the imported contacts out of the book until the last batch is saved', async () => {
    const store = countingStore();
    const service = serviceWith(store);
    const first = await service.importContacts([person(1)], { start: 0, last: false });
    if (!first.ok) throw new Error('refused');
    expect(await searchNames(service, 'first1')).toEqual([]);
    const listed = await service.listContacts();
    expect(listed.ok && listed.contacts).toEqual([]);
    await service.importContacts([person(2)], { importId: first.importId, start: 1, last: true });
    expect((await searchNames(service, 'last')).sort()).toEqual(['First1 Last1', 'First2 Last2']);
    await service.stop();
  });

  it('skips a row that repeats one of an earlier batch or of the book, by its index among all the rows', async () => {
    const store = countingStore();
    const service = serviceWith(store);
    await service.saveContact(person(0));
    const rows = [person(1), person(2), person(3), person(0), { ...person(2), numbers: [{ number: '+3725000002' }] }, person(4)];
    const replies = await importInBatches(service, rows, 2);
    const skipped = replies.flatMap((r) => (r.ok ? r.skipped.map((s) => [s.index, s.reason.key]) : []));
    expect(skipped).toEqual([
      [3, 'directory.import.duplicate'],
      [4, 'directory.import.duplicate'],
    ]);
    expect(replies.reduce((sum, r) => sum + (r.ok ? r.added : 0), 0)).toBe(4);
    await service.stop();
  });

  it('finds a duplicate by contactSignature, the rule the import preview marks rows by', async () => {
    const service = serviceWith(countingStore());
    const kept: ContactInput = { firstName: 'Maria', lastName: 'Lind', numbers: [{ number: '+372 640 1234' }, { number: '5555 1234' }] };
    await service.saveContact(kept);
    const rows: ContactInput[] = [
      { firstName: ' MARIA ', lastName: 'lind', department: 'Sales', numbers: [{ number: '+37255551234' }, { number: '6401234' }] },
      { firstName: 'Maria', lastName: 'Lind', numbers: [{ number: '+372 640 1234' }] },
      { firstName: 'Maria', lastName: 'Lind', company: 'Põhja AS', numbers: [{ number: '+372 640 1234' }, { number: '5555 1234' }] },
      { firstName: 'maria', lastName: 'LIND', numbers: [{ number: '6401234' }] },
    ];
    const [reply] = await importInBatches(service, rows, rows.length);
    const skipped = reply?.ok ? reply.skipped.map((s) => s.index) : [];
    // What the rule says of each row, checked as the book checks it, against the book and the rows before it.
    const seen = new Set<string>();
    const expected: number[] = [];
    for (const [index, input] of [kept, ...rows].entries()) {
      const checked = checkContact(input, 'EE', 'id');
      const signature = checked.ok ? contactSignature(checked.contact) : '';
      if (seen.has(signature)) expected.push(index - 1);
      seen.add(signature);
    }
    expect(skipped).toEqual(expected);
    expect(skipped).toEqual([0, 3]);
    await service.stop();
  });

  it('reports a failed save and leaves the book as it was; the same import afterwards adds everything', async () => {
    const store = countingStore();
    const service = serviceWith(store);
    await service.saveContact(person(0));
    // The disk fills up once the file would hold the import's last row.
    store.fails = (contacts) => contacts.some((c) => c.firstName === 'First6');
    const rows = Array.from({ length: 6 }, (_, i) => person(i + 1));
    const replies = await importInBatches(service, rows, 4);
    const failed = replies.at(-1);
    expect(failed?.ok ? '' : failed?.error.key).toBe('directory.contact.saveFailed');
    const listed = await service.listContacts();
    expect(listed.ok && listed.contacts.map((c) => c.firstName)).toEqual(['First0']);
    expect((await store.load()).map((c) => c.firstName)).toEqual(['First0']);
    expect(await searchNames(service, 'first1')).toEqual([]);
    store.fails = () => false;
    const again = await importInBatches(service, rows, 4);
    expect(again.map((r) => r.ok && [r.added, r.skipped.length])).toEqual([
      [4, 0],
      [2, 0],
    ]);
    expect((await store.load()).length).toBe(7);
    await service.stop();
  });

  it('refuses a batch that does not follow its import (lost, sent twice, or after a new import began), keeping nothing of it', async () => {
    const store = countingStore();
    const service = serviceWith(store);
    const first = await service.importContacts([person(1), person(2)], { start: 0, last: false });
    if (!first.ok) throw new Error('refused');
    const twice = await service.importContacts([person(1), person(2)], { importId: first.importId, start: 0, last: true });
    expect(twice.ok ? '' : twice.error.key).toBe('directory.import.interrupted');
    // The import ended with the refusal: its next batch is refused too.
    const next = await service.importContacts([person(3)], { importId: first.importId, start: 2, last: true });
    expect(next.ok ? '' : next.error.key).toBe('directory.import.interrupted');
    const notFirst = await service.importContacts([person(3)], { start: 5, last: true });
    expect(notFirst.ok ? '' : notFirst.error.key).toBe('directory.import.interrupted');

    const abandoned = await service.importContacts([person(4)], { start: 0, last: false });
    const fresh = await service.importContacts([person(5)], { start: 0, last: true });
    if (!abandoned.ok) throw new Error('refused');
    const late = await service.importContacts([person(6)], { importId: abandoned.importId, start: 1, last: true });
    expect([fresh.ok, late.ok ? '' : late.error.key]).toEqual([true, 'directory.import.interrupted']);
    expect((await store.load()).map((c) => c.firstName)).toEqual(['First5']);
    expect(store.saves).toBe(1);
    await service.stop();
  });

  it('drops an import whose next batch does not come in time', async () => {
    vi.useFakeTimers();
    const service = serviceWith(countingStore());
    const first = await service.importContacts([person(1)], { start: 0, last: false });
    if (!first.ok) throw new Error('refused');
    vi.advanceTimersByTime(IMPORT_IDLE_MS + 1);
    const late = await service.importContacts([person(2)], { importId: first.importId, start: 1, last: true });
    expect(late.ok ? '' : late.error.key).toBe('directory.import.interrupted');
    const listed = await service.listContacts();
    expect(listed.ok && listed.contacts).toEqual([]);
    await service.stop();
  });
});

describe('a contact changed by hand', () => {
  it('answers only what changed (the saved contact, or the removed id); refused by the file, why, with nothing changed', async () => {
    const store = countingStore([{ id: 'kept', firstName: 'Kept', numbers: [{ number: '+3725550000' }] }]);
    const service = serviceWith(store);
    const added = await service.saveContact({ ...person(1), numbers: [{ number: '5111 2222', type: 'mobile' }] });
    if (!added.ok) throw new Error('refused');
    expect(added).toEqual({
      ok: true,
      saved: { id: added.saved.id, firstName: 'First1', lastName: 'Last1', numbers: [{ number: '+37251112222', type: 'mobile' }] },
    });
    const edited = await service.saveContact({ ...person(1), id: added.saved.id, lastName: 'Edited' });
    expect(edited.ok && edited.saved).toMatchObject({ id: added.saved.id, lastName: 'Edited' });
    expect(edited).not.toHaveProperty('contacts');

    store.fails = () => true;
    const refused = [
      await service.saveContact(person(2)),
      await service.saveContact({ ...person(2), id: 'kept' }),
      await service.deleteContact('kept'),
    ];
    expect(refused).toEqual(Array(3).fill({ ok: false, error: expect.objectContaining({ key: 'directory.contact.saveFailed' }) }));
    expect(await searchNames(service, 'first2')).toEqual([]);
    expect(await searchNames(service, 'kept')).toEqual(['Kept']);
    store.fails = () => false;

    expect(await service.deleteContact('kept')).toEqual({ ok: true, removed: 'kept' });
    expect((await store.load()).map((c) => [c.id, c.lastName])).toEqual([[added.saved.id, 'Edited']]);
    const listed = await service.listContacts();
    expect(listed.ok && listed.contacts.map((c) => c.lastName)).toEqual(['Edited']);
    expect(await searchNames(service, 'kept')).toEqual([]);
    expect(store.saves).toBe(3);
    await service.stop();
  });
});

describe('contacts kept from before', () => {
  it('are cleaned as they are read: a bidi override or control character in a stored name never reaches the screen', async () => {
    const service = serviceWith(
      memoryContactStore([{ id: 'c-1', firstName: 'Jaak\u202e', lastName: 'Rebane\u0007', numbers: [{ number: '+3726401234' }] }]),
    );
    await expect(service.listContacts()).resolves.toMatchObject({ ok: true, contacts: [{ firstName: 'Jaak', lastName: 'Rebane' }] });
    expect(await searchNames(service, 'Rebane')).toEqual(['Jaak Rebane']);
  });
});

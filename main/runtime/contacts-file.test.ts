import { execFileSync } from 'node:child_process';
import { mkdtemp, readdir, readFile, rm, truncate, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { Contact } from '../../app/directory/contact';
import { createTranslator } from '../../app/i18n/translator';
import { SchemaError } from '../../app/validation/schema';
import { errorMessage } from '../core/errors';
import { ContactsFile } from './contacts-file';

let dir: string | undefined;
afterEach(async () => {
  if (dir) await rm(dir, { recursive: true, force: true });
  dir = undefined;
});
async function file() {
  dir = await mkdtemp(path.join(tmpdir(), 'contacts-'));
  return path.join(dir, 'contacts.json');
}

const full: Contact = {
  id: 'c-1',
  firstName: 'Maria',
  lastName: 'Lind',
  company: 'Lind OÜ',
  department: 'Sales',
  numbers: [{ number: '+3726401234', type: 'work' }, { number: '1234' }],
  email: 'maria@example.com',
  note: 'Ask for "Mari"\nafter 10:00',
};
const many = (count: number): Contact[] =>
  Array.from({ length: count }, (_, i) => ({
    id: `c-${i}`,
    lastName: `Last${i}`,
    company: 'Shared AS',
    numbers: [{ number: `+37255${i}` }],
  }));

describe('the contacts file', () => {
  it('reads back exactly what it wrote, optional fields left out (not set undefined)', async () => {
    const contacts = new ContactsFile(await file());
    await contacts.save([full, { id: 'c-2', company: 'Only AS', numbers: [{ number: '+3725550000' }] }]);
    const read = await contacts.load();
    expect(read).toStrictEqual([full, { id: 'c-2', company: 'Only AS', numbers: [{ number: '+3725550000' }] }]);
    expect(Object.keys(read[1] ?? {})).toEqual(['id', 'company', 'numbers']);
  });

  it('writes more contacts than one chunk holds as one valid JSON document, and none at all', async () => {
    const where = await file();
    const contacts = new ContactsFile(where);
    await contacts.save(many(2501));
    expect(JSON.parse(await readFile(where, 'utf8'))).toStrictEqual({ version: 1, contacts: many(2501) });
    expect(await contacts.load()).toStrictEqual(many(2501));
    await contacts.save([]);
    expect(JSON.parse(await readFile(where, 'utf8'))).toStrictEqual({ version: 1, contacts: [] });
    expect(await contacts.load()).toEqual([]);
  });

  it('replaces the file by renaming a finished temporary one over it (no temporary file left)', async () => {
    const where = await file();
    const contacts = new ContactsFile(where);
    await contacts.save([full]);
    await contacts.save(many(3));
    expect(await readdir(path.dirname(where))).toEqual(['contacts.json']);
    expect(await contacts.load()).toStrictEqual(many(3));
  });

  it('serialises again only the contacts near a change, and writes byte for byte what a first save would', async () => {
    const where = await file();
    const contacts = new ContactsFile(where);
    let list = many(20_000);
    await contacts.save(list);
    const serialised = vi.spyOn(JSON, 'stringify');
    const changes: ((before: Contact[]) => Contact[])[] = [
      (before) => before.map((c, i) => (i === 12_345 ? { ...c, note: 'Edited' } : c)),
      (before) => [...before, { id: 'added', firstName: 'Added', numbers: [{ number: '+3725550000' }] }],
      (before) => before.filter((_, i) => i !== 7_000),
      (before) => [{ id: 'first', company: 'First AS', numbers: [{ number: '1100' }] }, ...before],
    ];
    for (const change of changes) {
      list = change(list);
      serialised.mockClear();
      await contacts.save(list);
      expect(serialised.mock.calls.length).toBeLessThan(list.length / 10);
      const fresh = path.join(path.dirname(where), 'fresh.json');
      await new ContactsFile(fresh).save(list);
      expect(await readFile(where, 'utf8')).toBe(await readFile(fresh, 'utf8'));
    }
    serialised.mockClear();
    await contacts.save(list);
    expect(serialised).not.toHaveBeenCalled();
    serialised.mockRestore();
    expect(await new ContactsFile(where).load()).toStrictEqual(list);
  });

  it('lets the saved bytes go a minute after the last save: an idle console does not hold the file twice', async () => {
    const contacts = new ContactsFile(await file());
    const list = many(2_000);
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
    try {
      await contacts.save(list);
      const serialised = vi.spyOn(JSON, 'stringify');
      vi.advanceTimersByTime(59_000);
      await contacts.save(list);
      expect(serialised).not.toHaveBeenCalled();
      vi.advanceTimersByTime(60_000);
      await contacts.save(list);
      expect(serialised).toHaveBeenCalledTimes(list.length);
      serialised.mockRestore();
    } finally {
      vi.useRealTimers();
    }
  });

  it("refuses a file above the limit before reading it, in the catalog's words, in every language", async () => {
    // A sparse file: 129 MB long without writing them.
    const where = await file();
    await writeFile(where, '');
    await truncate(where, 129 * 1024 * 1024);
    const error: unknown = await new ContactsFile(where).load().catch((e: unknown) => e);
    expect(errorMessage(error)).toMatchObject({
      key: 'directory.contact.fileUnreadable',
      params: { reason: { key: 'directory.contact.fileTooLarge', params: { limit: 128 * 1024 * 1024 } } },
    });
    expect(createTranslator('de')(errorMessage(error))).toMatch(/^Die Kontaktdatei .* \(sie ist größer als 134217728 Byte\)\.$/);
  });

  it('refuses a FIFO or a device at once instead of waiting for a writer or reading without end', async () => {
    const fifo = await file();
    execFileSync('mkfifo', [fifo]);
    for (const where of [fifo, '/dev/zero']) {
      const error: unknown = await new ContactsFile(where).load().catch((e: unknown) => e);
      expect(errorMessage(error)).toMatchObject({
        key: 'directory.contact.fileUnreadable',
        params: { reason: { key: 'directory.contact.notAFile' } },
      });
    }
  });

  it('has no contacts while there is no file', async () => {
    expect(await new ContactsFile(await file()).load()).toEqual([]);
  });

  it('names the contact and field a stored contact breaks', async () => {
    const where = await file();
    await writeFile(where, JSON.stringify({ version: 1, contacts: [...many(3), { id: 'x', numbers: [{ number: '' }] }] }));
    const error = await new ContactsFile(where).load().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(SchemaError);
    expect(error instanceof SchemaError && error.problems.map((p) => p.path)).toEqual(['contacts.contacts[3].numbers[0].number']);
  });

  it('refuses a file that is not JSON, or not of version 1, and leaves it as it is', async () => {
    const where = await file();
    await writeFile(where, '{"version": 1, "contacts": [');
    await expect(new ContactsFile(where).load()).rejects.toMatchObject({ message: expect.stringContaining('contacts.json') });
    await writeFile(where, JSON.stringify({ version: 2, contacts: [] }));
    await expect(new ContactsFile(where).load()).rejects.toBeInstanceOf(SchemaError);
    expect(await readFile(where, 'utf8')).toBe(JSON.stringify({ version: 2, contacts: [] }));
  });
});

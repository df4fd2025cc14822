/**
 * The local contacts on disk: contacts.json in the settings folder, checked
 * on read and written atomically (a temporary file renamed over the old one,
 * so a crash mid-write leaves the previous contacts). A file that exists but
 * cannot be read is an error the contacts view shows; it is never written
 * over (the contact book refuses changes until it reads).
 */
import { mkdir, open, readFile, rename } from 'node:fs/promises';
import path from 'node:path';
import { MAX_CONTACTS, type Contact } from '../../app/directory/contact';
import { msg } from '../../app/i18n/message';
import { parseWith, text, v } from '../../app/validation/schema';
import type { ContactStore } from '../core/directory/contact-book';
import { shareTexts, type StringPool } from '../core/directory/compact-contact';
import { ConsoleError } from '../core/errors';

export const CONTACTS_FILE = 'contacts.json';

/** Largest contacts file read: MAX_CONTACTS contacts of a few hundred bytes each. */
const MAX_FILE_BYTES = 128 * 1024 * 1024;

const storedContact: v.GenericSchema<Contact, Contact> = v.strictObject({
  id: text(1, 256),
  firstName: v.optional(text(0, 100)),
  lastName: v.optional(text(0, 100)),
  company: v.optional(text(0, 150)),
  department: v.optional(text(0, 100)),
  numbers: v.array(v.strictObject({ number: text(1, 64), type: v.optional(v.picklist(['work', 'home', 'mobile', 'ip'])) })),
  email: v.optional(text(0, 200)),
  note: v.optional(text(0, 500)),
});

/** The file's frame; its contacts are checked one by one (see load). */
const fileSchema = v.strictObject({
  version: v.literal(1),
  contacts: v.pipe(v.array(v.unknown()), v.maxLength(MAX_CONTACTS)),
});

/** Contacts written per chunk: the file is written piece by piece, never built as one string (100,000 contacts are ~20 MB of text). */
const SAVE_CHUNK = 1000;

/** The stored contact itself when it passes the check (the check's copy is dropped); else the problems, thrown. */
function checkedContact(entry: unknown, at: string): Contact {
  if (v.is(storedContact, entry)) return entry;
  return parseWith(storedContact, entry, at);
}

export class ContactsFile implements ContactStore {
  constructor(private readonly file: string) {}

  async load(): Promise<Contact[]> {
    const stored = await this.readEntries();
    // JSON.parse's objects are already compact (their fields in place, arrays of their exact length): each one that
    // passes the check is kept as it is, its texts shared. valibot's checked copy beside them doubled the peak of a load.
    const pool: StringPool = new Map();
    const contacts: Contact[] = [];
    for (let i = 0; i < stored.length; i++) contacts.push(shareTexts(checkedContact(stored[i], `contacts.contacts[${i}]`), pool));
    return contacts;
  }

  /** The file's contacts as parsed, not yet checked (none when there is no file); the file's text is let go on return. */
  private async readEntries(): Promise<unknown[]> {
    let content: string;
    try {
      content = await readFile(this.file, 'utf8');
    } catch (error) {
      if (error instanceof Error && 'code' in error && error.code === 'ENOENT') return [];
      throw new ConsoleError(msg('directory.contact.fileUnreadable', { file: this.file, reason: String(error) }));
    }
    if (content.length > MAX_FILE_BYTES)
      throw new ConsoleError(msg('directory.contact.fileUnreadable', { file: this.file, reason: 'too large' }));
    let raw: unknown;
    try {
      raw = JSON.parse(content);
    } catch (error) {
      throw new ConsoleError(msg('directory.contact.fileUnreadable', { file: this.file, reason: String(error) }));
    }
    return parseWith(fileSchema, raw, 'contacts').contacts;
  }

  async save(contacts: readonly Contact[]): Promise<void> {
    await mkdir(path.dirname(this.file), { recursive: true });
    const temporary = `${this.file}.${process.pid}.tmp`;
    const handle = await open(temporary, 'w');
    try {
      await handle.write('{\n "version": 1,\n "contacts": [');
      for (let start = 0; start < contacts.length; start += SAVE_CHUNK) {
        const chunk = contacts.slice(start, start + SAVE_CHUNK).map((contact) => `\n  ${JSON.stringify(contact)}`);
        await handle.write(`${start > 0 ? ',' : ''}${chunk.join(',')}`);
      }
      await handle.write(`${contacts.length > 0 ? '\n ' : ''}]\n}\n`);
      // Synced before the rename: a save that answers means the contacts are on disk, not only in the page cache.
      await handle.sync();
    } finally {
      await handle.close();
    }
    await rename(temporary, this.file);
  }
}

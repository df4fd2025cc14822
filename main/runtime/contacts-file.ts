/**
 * The local contacts on disk: contacts.json in the settings folder, checked
 * on read and written atomically (a temporary file renamed over the old one,
 * so a crash mid-write leaves the previous contacts). A file that exists but
 * cannot be read is an error the contacts view shows; it is never written
 * over (the contact book refuses changes until it reads).
 */
import { mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { MAX_CONTACTS, type Contact } from '../../app/directory/contact';
import { msg } from '../../app/i18n/message';
import { parseWith, text, v } from '../../app/validation/schema';
import type { ContactStore } from '../core/directory/contact-book';
import { ConsoleError } from '../core/errors';

export const CONTACTS_FILE = 'contacts.json';

/** Largest contacts file read: MAX_CONTACTS contacts of a few hundred bytes each. */
const MAX_FILE_BYTES = 128 * 1024 * 1024;

const storedContact: v.GenericSchema<unknown, Contact> = v.strictObject({
  id: text(1, 256),
  firstName: v.optional(text(0, 100)),
  lastName: v.optional(text(0, 100)),
  company: v.optional(text(0, 150)),
  department: v.optional(text(0, 100)),
  numbers: v.array(v.strictObject({ number: text(1, 64), type: v.optional(v.picklist(['work', 'home', 'mobile', 'ip'])) })),
  email: v.optional(text(0, 200)),
  note: v.optional(text(0, 500)),
});

const fileSchema = v.strictObject({
  version: v.literal(1),
  contacts: v.pipe(v.array(storedContact), v.maxLength(MAX_CONTACTS)),
});

export class ContactsFile implements ContactStore {
  constructor(private readonly file: string) {}

  async load(): Promise<Contact[]> {
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
    await writeFile(temporary, `${JSON.stringify({ version: 1, contacts }, null, 1)}\n`);
    await rename(temporary, this.file);
  }
}

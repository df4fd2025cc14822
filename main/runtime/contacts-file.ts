/**
 * The local contacts on disk: contacts.json in the settings folder, checked
 * on read and written atomically (a temporary file renamed over the old one,
 * so a crash mid-write leaves the previous contacts). A file that exists but
 * cannot be read is an error the contacts view shows; it is never written
 * over (the contact book refuses changes until it reads).
 *
 * Every save writes the whole file, but serialises only what changed: the
 * contacts are written in runs, each run's bytes kept until the next save,
 * and a run of the same contact objects (the book replaces a contact, never
 * changes one) is written again from its bytes. Serialising 100,000 contacts
 * took most of an edit's time; the write, fsync and rename are kept as they are.
 * The bytes are as large as the file (~23 MB at 100,000), so they are kept
 * only while edits come (WRITTEN_KEPT_MS after the last save): a burst of
 * edits is fast, and an idle console does not hold the file twice.
 */
import { mkdir, open, rename } from 'node:fs/promises';
import path from 'node:path';
import { MAX_CONTACTS, type Contact } from '../../app/directory/contact';
import { msg } from '../../app/i18n/message';
import { parseWith, text, v } from '../../app/validation/schema';
import type { ContactStore } from '../core/directory/contact-book';
import { shareTexts, type StringPool } from '../core/directory/compact-contact';
import { ConsoleError } from '../core/errors';
import { readBoundedText } from './bounded-file';

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

/**
 * About how many contacts a run holds. A run ends after a contact whose id hashes to a multiple of this, so where
 * runs end depends on the contacts, not on their positions: a contact added, edited or deleted changes its own run
 * only, the others keep their bytes. A run is about 60 KB; the file is never built as one string (~23 MB).
 */
const RUN_SPREAD = 256;
/** Most contacts one run holds (what one change costs to serialise again at most). */
const MAX_RUN = 4 * RUN_SPREAD;

/** How long a save's runs are kept for the next save. */
const WRITTEN_KEPT_MS = 60_000;

const FILE_HEAD = Buffer.from('{\n "version": 1,\n "contacts": [');
const RUN_SEPARATOR = Buffer.from(',');

/** Consecutive contacts as a save wrote them, and their JSON (each `\n  {…}`, comma separated). */
interface WrittenRun {
  contacts: readonly Contact[];
  bytes: Buffer;
  /** Ended by its own contacts (a boundary, or MAX_RUN of them), not by the end of the list: the same contacts end it again. */
  closed: boolean;
}

/** Where the run starting at `start` ends (exclusive), and whether its own contacts end it. */
function runEnd(contacts: readonly Contact[], start: number): { end: number; closed: boolean } {
  const last = Math.min(contacts.length, start + MAX_RUN);
  for (let i = start; i < last; i++) if (idHash(contacts[i]?.id ?? '') % RUN_SPREAD === 0) return { end: i + 1, closed: true };
  return { end: last, closed: last === start + MAX_RUN };
}

/** FNV-1a over the id's UTF-16 units: cheap, and spread evenly enough over random and counted ids alike. */
function idHash(id: string): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < id.length; i++) hash = Math.imul(hash ^ id.charCodeAt(i), 0x01000193);
  return hash >>> 0;
}

/** The contacts from `start` are the run's very objects, in its order. */
function holdsRun(contacts: readonly Contact[], start: number, run: WrittenRun): boolean {
  if (start + run.contacts.length > contacts.length) return false;
  for (let i = 0; i < run.contacts.length; i++) if (run.contacts[i] !== contacts[start + i]) return false;
  return true;
}

function serialisedRun(contacts: readonly Contact[], closed: boolean): WrittenRun {
  return { contacts, bytes: Buffer.from(contacts.map((contact) => `\n  ${JSON.stringify(contact)}`).join(',')), closed };
}

/** The stored contact itself when it passes the check (the check's copy is dropped); else the problems, thrown. */
function checkedContact(entry: unknown, at: string): Contact {
  if (v.is(storedContact, entry)) return entry;
  return parseWith(storedContact, entry, at);
}

export class ContactsFile implements ContactStore {
  /** The runs the last save wrote, by their first contact. */
  private written = new Map<Contact, WrittenRun>();
  private forgetTimer: ReturnType<typeof setTimeout> | undefined;

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
    const read = await readBoundedText(this.file, MAX_FILE_BYTES);
    if (!read.ok) {
      if (read.reason === 'missing') return [];
      const reason =
        read.reason === 'tooLarge'
          ? msg('directory.contact.fileTooLarge', { limit: MAX_FILE_BYTES })
          : read.reason === 'notAFile'
            ? msg('directory.contact.notAFile')
            : (read.code ?? read.reason);
      throw new ConsoleError(msg('directory.contact.fileUnreadable', { file: this.file, reason }));
    }
    const content = read.text;
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
    const runs = this.runsOf(contacts);
    const handle = await open(temporary, 'w');
    try {
      const parts: Buffer[] = [FILE_HEAD];
      for (const [i, run] of runs.entries()) {
        if (i > 0) parts.push(RUN_SEPARATOR);
        parts.push(run.bytes);
      }
      parts.push(Buffer.from(`${contacts.length > 0 ? '\n ' : ''}]\n}\n`));
      await handle.writev(parts);
      // Synced before the rename: a save that answers means the contacts are on disk, not only in the page cache.
      await handle.sync();
    } finally {
      await handle.close();
    }
    await rename(temporary, this.file);
  }

  /** The contacts' runs, serialised (and their ends looked for) only where they changed since the last save; kept for the next one. */
  private runsOf(contacts: readonly Contact[]): WrittenRun[] {
    const runs: WrittenRun[] = [];
    const written = new Map<Contact, WrittenRun>();
    for (let start = 0; start < contacts.length;) {
      const first = contacts[start];
      if (!first) break;
      const known = this.written.get(first);
      let run = known?.closed && holdsRun(contacts, start, known) ? known : undefined;
      if (!run) {
        const { end, closed } = runEnd(contacts, start);
        run =
          known && known.contacts.length === end - start && known.closed === closed && holdsRun(contacts, start, known)
            ? known
            : serialisedRun(contacts.slice(start, end), closed);
      }
      runs.push(run);
      written.set(first, run);
      start += run.contacts.length;
    }
    // Only the runs of this save are kept: a contact deleted or replaced is let go with its bytes.
    this.written = written;
    clearTimeout(this.forgetTimer);
    this.forgetTimer = setTimeout(() => (this.written = new Map()), WRITTEN_KEPT_MS);
    this.forgetTimer.unref?.();
    return runs;
  }
}

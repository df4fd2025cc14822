/**
 * The receptionist's local contacts: add, edit, delete, import. Each change
 * is checked (app/directory/contact.ts), written through the store (the
 * runtime's JSON file) and only then shown in the directory; a store that
 * refuses leaves everything as it was. An import is one session whose
 * contacts are saved together with its last batch (see ImportSession).
 */
import { randomUUID } from 'node:crypto';
import {
  checkContact,
  cleanedContact,
  contactSignature,
  MAX_CONTACTS,
  type Contact,
  type ContactDeletedReply,
  type ContactInput,
  type ContactSavedReply,
  type ContactsRefusal,
  type ContactsReply,
  type ImportPosition,
  type ImportReply,
  type SkippedRow,
} from '../../../app/directory/contact';
import { msg, type Message } from '../../../app/i18n/message';
import { errorMessage } from '../errors';
import { compactContact } from './compact-contact';
import type { Logger } from '../log';
import type { Directory } from './directory';

/** Where contacts are kept between runs. */
export interface ContactStore {
  load: () => Promise<Contact[]>;
  /**
   * Replaces the stored contacts (atomically: all or nothing). The book never changes a contact it gave (it
   * replaces it with a new object), so a store may keep what it made of one for the next save.
   */
  save: (contacts: readonly Contact[]) => Promise<void>;
}

/** Contacts kept only while the console runs (tests, a console without a settings folder). */
export function memoryContactStore(initial: Contact[] = []): ContactStore {
  let stored = [...initial];
  return {
    load: async () => [...stored],
    save: async (contacts) => {
      stored = [...contacts];
    },
  };
}

/** How long an import waits for its next batch before it is dropped (its window closed, its connection lost). */
export const IMPORT_IDLE_MS = 30_000;

/** What a change makes of the contacts, and which ones it added or replaced (`put`) or removed. */
interface Plan {
  contacts: Contact[];
  put?: Contact[];
  removed?: string[];
}

/** A change to the book by hand, and what it answers once saved: only what changed, never the list. */
interface Change<R> extends Plan {
  reply: R;
}

/**
 * An import under way. Its batches are checked as they come and kept aside;
 * the last one saves the book with all of them at once. Saving every batch
 * wrote the whole file (20 MB at 100,000 contacts) thousands of times, and
 * group commit would not help a UI that waits for each reply; a session makes
 * an import cost one write, all or nothing, and keeps the book as it was
 * until then (a failed save or an abandoned import leaves nothing behind).
 */
interface ImportSession {
  id: string;
  /** Where the next batch must start among the import's rows. */
  next: number;
  /** The contacts the import adds, checked, not yet in the book. */
  staged: Contact[];
  /** The signatures of the book's contacts and of `staged`: a row that repeats one is a duplicate. */
  signatures: Set<string>;
  /** Drops the import when its next batch does not come. */
  idle?: ReturnType<typeof setTimeout>;
}

/** An import request's whole file in one batch (tests, a caller that is not a UI). */
const WHOLE_IMPORT: ImportPosition = { start: 0, last: true };

export class ContactBook {
  private contacts: Contact[] = [];
  private session: ImportSession | undefined;
  private loaded: Promise<void> | undefined;
  /** Changes and import batches one after another, never interleaved. */
  private queue: Promise<unknown> = Promise.resolve();

  constructor(
    private readonly store: ContactStore,
    private readonly directory: Directory,
    private readonly country: () => string,
    private readonly log: Logger,
  ) {}

  /** Reads the stored contacts once; a broken file is logged and leaves the book empty (and unsaved-over: see save). */
  load(): Promise<void> {
    this.loaded ??= this.store.load().then(
      (stored) => {
        // Kept before contacts were cleaned on the way in (or edited by hand): cleaned as they are read.
        const contacts = stored.map(cleanedContact);
        this.contacts = contacts;
        this.directory.setContacts(contacts);
      },
      (error: unknown) => {
        this.log.error('contacts could not be read', { error: String(error) });
        throw error;
      },
    );
    return this.loaded;
  }

  async list(): Promise<ContactsReply> {
    try {
      await this.load();
    } catch (error) {
      return { ok: false, error: errorMessage(error) };
    }
    return { ok: true, contacts: this.contacts };
  }

  save(input: ContactInput): Promise<ContactSavedReply> {
    return this.change<ContactSavedReply>((contacts) => {
      const existing = input.id ? contacts.findIndex((c) => c.id === input.id) : -1;
      if (input.id && existing < 0) return { error: msg('directory.contact.gone') };
      const checked = checkContact(input, this.country(), input.id ?? randomUUID());
      if (!checked.ok) return { error: checked.error };
      const contact = compactContact(checked.contact);
      const next = [...contacts];
      if (existing >= 0) next[existing] = contact;
      else {
        if (contacts.length >= MAX_CONTACTS) return { error: msg('directory.contact.tooMany', { max: MAX_CONTACTS }) };
        next.push(contact);
      }
      return { contacts: next, put: [contact], reply: { ok: true, saved: contact } };
    });
  }

  delete(id: string): Promise<ContactDeletedReply> {
    return this.change<ContactDeletedReply>((contacts) => {
      if (!contacts.some((c) => c.id === id)) return { error: msg('directory.contact.gone') };
      return { contacts: contacts.filter((c) => c.id !== id), removed: [id], reply: { ok: true, removed: id } };
    });
  }

  /**
   * A batch of an import (see ImportSession); without `batch`, the inputs are
   * a whole import. Each row that cannot be kept is reported by its index
   * among the import's rows; the last batch's reply comes once the import is saved.
   */
  import(inputs: readonly ContactInput[], batch: ImportPosition = WHOLE_IMPORT): Promise<ImportReply> {
    return this.serialised(async (): Promise<ImportReply> => {
      const unreadable = await this.unreadable();
      if (unreadable) return { ok: false, error: unreadable };
      const session = this.sessionFor(batch);
      if (!session) return { ok: false, error: msg('directory.import.interrupted') };
      const before = session.staged.length;
      const skipped = this.stage(session, inputs, batch.start);
      const reply = { ok: true, importId: session.id, added: session.staged.length - before, skipped } as const;
      if (!batch.last) return { ...reply, saved: false };
      this.endImport();
      const contacts = this.contacts.concat(session.staged);
      // Contacts saved one by one while the import ran may have filled the book.
      if (contacts.length > MAX_CONTACTS) return { ok: false, error: msg('directory.contact.tooMany', { max: MAX_CONTACTS }) };
      const failed = await this.commit({ contacts, put: session.staged });
      return failed ? { ok: false, error: failed } : { ...reply, saved: true };
    });
  }

  /** The import this batch belongs to (a new one for a first batch); none when the batch does not follow its import's last one. */
  private sessionFor(batch: ImportPosition): ImportSession | undefined {
    if (batch.importId === undefined) {
      if (batch.start !== 0) return undefined;
      // A new import replaces one left unfinished (a window reloaded mid-import): that one's next batch is refused.
      this.endImport();
      this.session = { id: randomUUID(), next: 0, staged: [], signatures: new Set(this.contacts.map(contactSignature)) };
    } else if (this.session?.id !== batch.importId) return undefined;
    const session = this.session;
    if (!session) return undefined;
    if (session.next !== batch.start) {
      this.endImport(); // a batch lost or sent twice: the rows kept so far are not what the UI sent
      return undefined;
    }
    if (session.idle) clearTimeout(session.idle);
    session.idle = setTimeout(() => this.endImport(), IMPORT_IDLE_MS);
    session.idle.unref?.();
    return session;
  }

  /** Checks the rows and keeps those the import adds; the others, by index among the import's rows, with why. */
  private stage(session: ImportSession, inputs: readonly ContactInput[], start: number): SkippedRow[] {
    const skipped: SkippedRow[] = [];
    inputs.forEach((input, i) => {
      const index = start + i;
      const checked = checkContact({ ...input, id: undefined }, this.country(), randomUUID());
      if (!checked.ok) return skipped.push({ index, reason: checked.error });
      const key = contactSignature(checked.contact);
      if (session.signatures.has(key)) return skipped.push({ index, reason: msg('directory.import.duplicate') });
      if (this.contacts.length + session.staged.length >= MAX_CONTACTS)
        return skipped.push({ index, reason: msg('directory.contact.tooMany', { max: MAX_CONTACTS }) });
      session.signatures.add(key);
      session.staged.push(compactContact(checked.contact));
    });
    session.next = start + inputs.length;
    return skipped;
  }

  private endImport(): void {
    if (this.session?.idle) clearTimeout(this.session.idle);
    this.session = undefined;
  }

  private change<R>(plan: (contacts: Contact[]) => { error: Message } | Change<R>): Promise<R | ContactsRefusal> {
    return this.serialised(async (): Promise<R | ContactsRefusal> => {
      const unreadable = await this.unreadable();
      if (unreadable) return { ok: false, error: unreadable };
      const result = plan(this.contacts);
      if ('error' in result) return { ok: false, error: result.error };
      const failed = await this.commit(result);
      return failed ? { ok: false, error: failed } : result.reply;
    });
  }

  /** Why the book cannot be changed: never write over a file that could not be read, its contacts would be lost. */
  private async unreadable(): Promise<Message | undefined> {
    try {
      await this.load();
      return undefined;
    } catch (error) {
      return msg('directory.contact.unreadable', { reason: errorMessage(error) });
    }
  }

  /** Saves the plan's contacts and only then shows them; why not, with the book left as it was. */
  private async commit(plan: Plan): Promise<Message | undefined> {
    try {
      await this.store.save(plan.contacts);
    } catch (error) {
      this.log.error('contacts could not be saved', { error: String(error) });
      return msg('directory.contact.saveFailed', { reason: errorMessage(error) });
    }
    this.contacts = plan.contacts;
    this.directory.updateContacts(plan.put ?? [], plan.removed ?? []);
    return undefined;
  }

  private serialised<R>(run: () => Promise<R>): Promise<R> {
    const next = this.queue.then(run, run);
    this.queue = next;
    return next;
  }
}

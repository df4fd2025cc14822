/**
 * The receptionist's local contacts: add, edit, delete, import. Each change
 * is checked (app/directory/contact.ts), written through the store (the
 * runtime's JSON file) and only then shown in the directory; a store that
 * refuses leaves everything as it was.
 */
import { randomUUID } from 'node:crypto';
import { checkContact, MAX_CONTACTS, type Contact, type ContactInput, type ContactsReply } from '../../../app/directory/contact';
import { msg, type Message } from '../../../app/i18n/message';
import { errorMessage } from '../errors';
import type { Logger } from '../log';
import type { Directory } from './directory';

/** Where contacts are kept between runs. */
export interface ContactStore {
  load: () => Promise<Contact[]>;
  /** Replaces the stored contacts (atomically: all or nothing). */
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

export class ContactBook {
  private contacts: Contact[] = [];
  private loaded: Promise<void> | undefined;
  /** Writes one after another, never interleaved. */
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
      (contacts) => {
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

  save(input: ContactInput): Promise<ContactsReply> {
    return this.change((contacts) => {
      const existing = input.id ? contacts.findIndex((c) => c.id === input.id) : -1;
      if (input.id && existing < 0) return { error: msg('directory.contact.gone') };
      const checked = checkContact(input, this.country(), input.id ?? randomUUID());
      if (!checked.ok) return { error: checked.error };
      const next = [...contacts];
      if (existing >= 0) next[existing] = checked.contact;
      else {
        if (contacts.length >= MAX_CONTACTS) return { error: msg('directory.contact.tooMany', { max: MAX_CONTACTS }) };
        next.push(checked.contact);
      }
      return { contacts: next };
    });
  }

  delete(id: string): Promise<ContactsReply> {
    return this.change((contacts) => {
      if (!contacts.some((c) => c.id === id)) return { error: msg('directory.contact.gone') };
      return { contacts: contacts.filter((c) => c.id !== id) };
    });
  }

  /** Adds a batch of imported contacts; each one that cannot be kept is reported by its index, the rest are added. */
  import(inputs: readonly ContactInput[]): Promise<ContactsReply> {
    return this.change((contacts) => {
      const next = [...contacts];
      const skipped: { index: number; reason: Message }[] = [];
      const known = new Set(contacts.map(signature));
      let added = 0;
      inputs.forEach((input, index) => {
        const checked = checkContact({ ...input, id: undefined }, this.country(), randomUUID());
        if (!checked.ok) return skipped.push({ index, reason: checked.error });
        if (known.has(signature(checked.contact))) return skipped.push({ index, reason: msg('directory.import.duplicate') });
        if (next.length >= MAX_CONTACTS) return skipped.push({ index, reason: msg('directory.contact.tooMany', { max: MAX_CONTACTS }) });
        known.add(signature(checked.contact));
        next.push(checked.contact);
        added++;
      });
      return { contacts: next, added, skipped };
    });
  }

  private change(
    plan: (
      contacts: Contact[],
    ) => { error: Message } | { contacts: Contact[]; added?: number; skipped?: { index: number; reason: Message }[] },
  ): Promise<ContactsReply> {
    const run = async (): Promise<ContactsReply> => {
      try {
        await this.load();
      } catch (error) {
        // Never write over a file that could not be read: its contacts would be lost.
        return { ok: false, error: msg('directory.contact.unreadable', { reason: errorMessage(error) }) };
      }
      const result = plan(this.contacts);
      if ('error' in result) return { ok: false, error: result.error };
      try {
        await this.store.save(result.contacts);
      } catch (error) {
        this.log.error('contacts could not be saved', { error: String(error) });
        return { ok: false, error: msg('directory.contact.saveFailed', { reason: errorMessage(error) }) };
      }
      this.contacts = result.contacts;
      this.directory.setContacts(result.contacts);
      const reply: ContactsReply = { ok: true, contacts: result.contacts };
      if (result.added !== undefined) reply.added = result.added;
      if (result.skipped !== undefined) reply.skipped = result.skipped;
      return reply;
    };
    const next = this.queue.then(run, run);
    this.queue = next;
    return next;
  }
}

/** Two contacts are the same when name, company and numbers agree (an import run twice adds nothing). */
function signature(contact: Contact): string {
  return [contact.firstName ?? '', contact.lastName ?? '', contact.company ?? '', ...contact.numbers.map((n) => n.number).sort()]
    .join('\u0000')
    .toLowerCase();
}

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
import { compactContact } from './compact-contact';
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

/** How long an import's signatures are kept after its last batch. */
const SIGNATURES_KEPT_MS = 10_000;

/** What a change makes of the contacts, and which ones it added or replaced (`put`) or removed. */
interface Plan {
  contacts: Contact[];
  added?: number;
  skipped?: { index: number; reason: Message }[];
  put?: Contact[];
  removed?: string[];
}

export class ContactBook {
  private contacts: Contact[] = [];
  private signed: { contacts: readonly Contact[]; set: Set<string> } | undefined;
  private signedTimer: ReturnType<typeof setTimeout> | undefined;
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
      const contact = compactContact(checked.contact);
      const next = [...contacts];
      if (existing >= 0) next[existing] = contact;
      else {
        if (contacts.length >= MAX_CONTACTS) return { error: msg('directory.contact.tooMany', { max: MAX_CONTACTS }) };
        next.push(contact);
      }
      return { contacts: next, put: [contact] };
    });
  }

  delete(id: string): Promise<ContactsReply> {
    return this.change((contacts) => {
      if (!contacts.some((c) => c.id === id)) return { error: msg('directory.contact.gone') };
      return { contacts: contacts.filter((c) => c.id !== id), removed: [id] };
    });
  }

  /** Adds a batch of imported contacts; each one that cannot be kept is reported by its index, the rest are added. */
  import(inputs: readonly ContactInput[]): Promise<ContactsReply> {
    return this.change((contacts) => {
      const next = [...contacts];
      const skipped: { index: number; reason: Message }[] = [];
      const known = this.signatures(contacts);
      const put: Contact[] = [];
      inputs.forEach((input, index) => {
        const checked = checkContact({ ...input, id: undefined }, this.country(), randomUUID());
        if (!checked.ok) return skipped.push({ index, reason: checked.error });
        if (known.has(signature(checked.contact))) return skipped.push({ index, reason: msg('directory.import.duplicate') });
        if (next.length >= MAX_CONTACTS) return skipped.push({ index, reason: msg('directory.contact.tooMany', { max: MAX_CONTACTS }) });
        known.add(signature(checked.contact));
        const contact = compactContact(checked.contact);
        next.push(contact);
        put.push(contact);
      });
      // The signatures now are those of `next`: the next batch uses them if these contacts are kept.
      if (this.signed) this.signed.contacts = next;
      return { contacts: next, added: put.length, skipped, put };
    });
  }

  /**
   * The signatures of the contacts, kept between the batches of one import
   * (an import of 100,000 contacts comes in thousands of batches: signing
   * every contact for each of them was quadratic) and dropped soon after.
   */
  private signatures(contacts: readonly Contact[]): Set<string> {
    if (this.signed?.contacts !== contacts) this.signed = { contacts, set: new Set(contacts.map(signature)) };
    if (this.signedTimer) clearTimeout(this.signedTimer);
    this.signedTimer = setTimeout(() => (this.signed = undefined), SIGNATURES_KEPT_MS);
    this.signedTimer.unref?.();
    return this.signed.set;
  }

  private change(plan: (contacts: Contact[]) => { error: Message } | Plan): Promise<ContactsReply> {
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
      this.directory.updateContacts(result.put ?? [], result.removed ?? []);
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

/**
 * A local contact: someone the receptionist adds, edits, deletes or imports
 * (CSV, vCard). Contacts live in the settings folder and feed the directory
 * and caller identification like a PBX's own users do.
 */
import { msg, type Message } from '../i18n/message';
import type { NumberType } from '../model';
import { normalizeNumber } from '../phone';
import { cleanPeerText } from '../peer-text';
import { dialString, entityId } from '../commands';
import { integer, text, v } from '../validation/schema';

export const MAX_CONTACT_NUMBERS = 8;
/** Most contacts one import request carries; the UI also keeps each request within the browser bridge's frame (16 KB). */
export const IMPORT_BATCH = 100;
/** Most contacts the console keeps. */
export const MAX_CONTACTS = 100_000;

const optionalText = (max: number) => v.optional(text(0, max));

export const contactNumberSchema = v.strictObject({
  number: dialString,
  type: v.optional(v.picklist(['work', 'home', 'mobile', 'ip'])),
});

/** What the UI (or an import) submits; `id` present replaces that contact. */
export const contactInputSchema = v.strictObject({
  id: v.optional(entityId),
  firstName: optionalText(100),
  lastName: optionalText(100),
  company: optionalText(150),
  department: optionalText(100),
  numbers: v.pipe(v.array(contactNumberSchema), v.minLength(1), v.maxLength(MAX_CONTACT_NUMBERS)),
  email: optionalText(200),
  note: optionalText(500),
});
export type ContactInput = v.InferOutput<typeof contactInputSchema>;

/**
 * One request of an import. An import is one session: its batches are checked
 * as they come (the skipped rows reported at once, duplicates found across
 * batches) but kept aside, and its last batch saves them all with one write —
 * a file of 100,000 contacts is written once, not once per batch. An import
 * is all or nothing: interrupted before its last batch, none of it is kept.
 */
export const importBatchSchema = v.strictObject({
  /** The import this batch continues, as the first batch's reply named it; absent on the first batch. */
  importId: v.optional(entityId),
  /** Where the batch's first row is among the import's rows: a batch lost or sent twice ends the import. */
  start: integer(0, Number.MAX_SAFE_INTEGER),
  contacts: v.pipe(v.array(contactInputSchema), v.maxLength(IMPORT_BATCH)),
  /** The import's last batch: the import is saved with it. */
  last: v.boolean(),
});
export type ImportBatch = v.InferOutput<typeof importBatchSchema>;
/** Which import a batch belongs to and where it stands in it. */
export type ImportPosition = Omit<ImportBatch, 'contacts'>;

/** A row of an import the core did not keep: its index among the import's rows, and why. */
export interface SkippedRow {
  index: number;
  reason: Message;
}

export interface ContactNumber {
  /** E.164 where it could be read with the default country, else as typed (an extension). */
  number: string;
  type?: NumberType;
}

export interface Contact {
  id: string;
  firstName?: string;
  lastName?: string;
  company?: string;
  department?: string;
  numbers: ContactNumber[];
  email?: string;
  note?: string;
}

/** Why the contacts could not be read, or a change was refused (nothing changed). */
export interface ContactsRefusal {
  ok: false;
  error: Message;
}

/** What reading the contacts answers: all of them (the contacts view reads them once when opened, and after an import). */
export type ContactsReply = { ok: true; contacts: Contact[] } | ContactsRefusal;

/**
 * What saving a contact answers: the contact as kept (id given, numbers normalised), or why nothing changed.
 * A change answers only what changed and the UI patches its list: the whole list (23 MB at 100,000 contacts)
 * checked, sent and parsed for each edit cost seconds.
 */
export type ContactSavedReply = { ok: true; saved: Contact } | ContactsRefusal;

/** What deleting a contact answers: the id removed, or why nothing changed. */
export type ContactDeletedReply = { ok: true; removed: string } | ContactsRefusal;

/**
 * What an import's batch answers: how many of its rows the import adds and
 * which it skips. Only the last batch's reply says `saved` (every contact the
 * import adds is on disk); it carries no contacts: the UI reads the list once.
 * An error ends the import, and nothing of it was kept.
 */
export type ImportReply =
  { ok: true; importId: string; added: number; skipped: SkippedRow[]; saved: boolean } | { ok: false; error: Message };

/** The name a contact is shown by: first and last name, else the company. */
export function contactName(contact: Pick<Contact, 'firstName' | 'lastName' | 'company'>): string {
  const name = [contact.firstName, contact.lastName].filter((part) => part && part.trim()).join(' ');
  return name || contact.company || '';
}

/**
 * What makes two contacts the same: first and last name, company and numbers (in any order), case aside; the
 * department, e-mail and note do not count. An import skips a row whose signature the contacts or its earlier rows
 * already have (an import run twice adds nothing): the core when it keeps the rows, the preview before, alike.
 */
export function contactSignature(contact: Pick<ContactInput, 'firstName' | 'lastName' | 'company' | 'numbers'>): string {
  return [contact.firstName ?? '', contact.lastName ?? '', contact.company ?? '', ...contact.numbers.map((n) => n.number).sort()]
    .join('\u0000')
    .toLowerCase();
}

/**
 * A contact's text without what could disguise it where it is shown as a caller's name (the call row, the alerts,
 * the journal): control and bidi characters go as they do from a PBX (app/peer-text.ts); a note keeps its lines.
 */
export function cleanContactText(text: string, multiline = false): string {
  return multiline
    ? text
        .split('\n')
        .map((line) => cleanPeerText(line, MAX_NOTE_LENGTH))
        .join('\n')
    : cleanPeerText(text);
}

/** A contact's note is the receptionist's own text, longer than a PBX's: cut only where no note would go. */
const MAX_NOTE_LENGTH = 10_000;

/** The contact with its texts cleaned (cleanContactText), or the same object when they were clean already. */
export function cleanedContact(contact: Contact): Contact {
  let cleaned: Contact | undefined;
  for (const field of CONTACT_TEXT_FIELDS) {
    const value = contact[field];
    if (value === undefined) continue;
    const clean = cleanContactText(value, field === 'note');
    if (clean === value) continue;
    cleaned ??= { ...contact };
    cleaned[field] = clean;
  }
  return cleaned ?? contact;
}

const CONTACT_TEXT_FIELDS = ['firstName', 'lastName', 'company', 'department', 'email', 'note'] as const;

/**
 * A contact as submitted, checked and with its numbers normalised; the
 * problem when it cannot be kept (no name nor company, a number that is not one).
 */
export function checkContact(
  input: ContactInput,
  country: string,
  id: string,
): { ok: true; contact: Contact } | { ok: false; error: Message } {
  const cleaned = (field: (typeof CONTACT_TEXT_FIELDS)[number]) => {
    const value = input[field];
    const text = value === undefined ? '' : cleanContactText(value, field === 'note').trim();
    return text || undefined;
  };
  const numbers: ContactNumber[] = [];
  for (const entry of input.numbers) {
    const normalized = normalizeNumber(entry.number, country);
    if (!normalized.ok) return { ok: false, error: msg('directory.contact.badNumber', { number: entry.number, reason: normalized.error }) };
    if (!numbers.some((n) => n.number === normalized.number))
      numbers.push({ number: normalized.number, ...(entry.type ? { type: entry.type } : {}) });
  }
  const contact: Contact = { id, numbers };
  for (const field of CONTACT_TEXT_FIELDS) {
    const value = cleaned(field);
    if (value !== undefined) contact[field] = value;
  }
  if (!contactName(contact)) return { ok: false, error: msg('directory.contact.noName') };
  return { ok: true, contact };
}

/**
 * Contacts as the console keeps them for as long as it runs: 100,000 of them
 * are held at once. Measured with 100,000 contacts (scripts/bench-memory.ts
 * --profile): valibot's checked copy of a contact, and checkContact's object
 * built field by field, hold some 230 bytes a contact more than one object
 * of a fixed shape with its fields in place (optional ones left out, not set
 * undefined) and its numbers an array of exactly their count (an array grown
 * by push keeps room for 16 more). Text that repeats across contacts (a
 * company, a department, a first name) can be one string for all of them.
 */
import type { Contact, ContactNumber } from '../../../app/directory/contact';

/** Equal strings of one batch of contacts (a file read), made one; dropped with the batch. */
export type StringPool = Map<string, string>;

function shared(value: string, pool: StringPool): string {
  const known = pool.get(value);
  if (known !== undefined) return known;
  pool.set(value, value);
  return value;
}

/** Makes the contact's repeated texts the pool's strings, in place (for the caller's own objects: a file just parsed). */
export function shareTexts(contact: Contact, pool: StringPool): Contact {
  if (contact.firstName !== undefined) contact.firstName = shared(contact.firstName, pool);
  if (contact.company !== undefined) contact.company = shared(contact.company, pool);
  if (contact.department !== undefined) contact.department = shared(contact.department, pool);
  return contact;
}

function compactNumber(entry: ContactNumber): ContactNumber {
  return entry.type ? { number: entry.number, type: entry.type } : { number: entry.number };
}

/** The same contact, held compactly (a new object; the one given is left as it is). */
export function compactContact(contact: Contact): Contact {
  // One object literal with every present field: V8 gives it the fields in place, where fields added one by one
  // after its creation go to a second, separately allocated property array.
  return {
    id: contact.id,
    ...(contact.firstName !== undefined ? { firstName: contact.firstName } : {}),
    ...(contact.lastName !== undefined ? { lastName: contact.lastName } : {}),
    ...(contact.company !== undefined ? { company: contact.company } : {}),
    ...(contact.department !== undefined ? { department: contact.department } : {}),
    numbers: contact.numbers.map(compactNumber),
    ...(contact.email !== undefined ? { email: contact.email } : {}),
    ...(contact.note !== undefined ? { note: contact.note } : {}),
  };
}

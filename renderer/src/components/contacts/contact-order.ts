/**
 * The contacts panel's order and filter over up to 100,000 contacts. Sorting
 * them all by name takes the best part of a second, and the list changes with
 * every contact added, edited or deleted by hand: such a change moves only
 * its own contacts in the order kept from before. A contact's name and its
 * folded search text are worked out once (contacts are replaced, never changed).
 */
import { contactName, type Contact } from '../../../../app/directory/contact';
import { foldText } from '../../../../app/directory/fold';

/** More contacts changed than this (a list read again after an import): the list is sorted afresh. */
const PATCH_LIMIT = 64;

interface ContactKeys {
  name: string;
  /** Name, company and numbers folded: what the panel's filter matches. */
  searchText: string;
}

const keysByContact = new WeakMap<Contact, ContactKeys>();

function keysOf(contact: Contact): ContactKeys {
  let keys = keysByContact.get(contact);
  if (!keys) {
    const name = contactName(contact);
    keys = { name, searchText: foldText(`${name} ${contact.company ?? ''} ${contact.numbers.map((n) => n.number).join(' ')}`) };
    keysByContact.set(contact, keys);
  }
  return keys;
}

/** Whether the contact matches the filter as folded (foldText). */
export function matchesFilter(contact: Contact, folded: string): boolean {
  return keysOf(contact).searchText.includes(folded);
}

/** Two names in the order the receptionist's language sorts them (as String.localeCompare has it). */
export type NameOrder = (a: string, b: string) => number;

const byId = (a: Contact, b: Contact) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);

/**
 * A list's contacts by name (equal names by id, so a patched order and a fresh sort agree); given the next list,
 * the order of the one before with only what changed moved.
 */
export class ContactOrder {
  private list: readonly Contact[] = [];
  private sorted: readonly Contact[] = [];

  constructor(private readonly compareNames: NameOrder = new Intl.Collator().compare) {}

  of(list: readonly Contact[]): readonly Contact[] {
    if (list === this.list) return this.sorted;
    const change = changeBetween(this.list, list);
    this.sorted = change ? this.patched(change) : this.sortedAfresh(list);
    this.list = list;
    return this.sorted;
  }

  private sortedAfresh(list: readonly Contact[]): Contact[] {
    // Each name looked up once, not once per comparison.
    const named = list.map((contact) => ({ contact, name: keysOf(contact).name }));
    named.sort((a, b) => this.compareNames(a.name, b.name) || byId(a.contact, b.contact));
    return named.map((entry) => entry.contact);
  }

  private patched({ removed, added }: Change): Contact[] {
    const gone = new Set(removed);
    const sorted = gone.size > 0 ? this.sorted.filter((contact) => !gone.has(contact)) : [...this.sorted];
    for (const contact of added) sorted.splice(this.insertionPoint(sorted, contact), 0, contact);
    return sorted;
  }

  /** The first place in `sorted` whose contact comes after this one. */
  private insertionPoint(sorted: readonly Contact[], contact: Contact): number {
    const name = keysOf(contact).name;
    let low = 0;
    let high = sorted.length;
    while (low < high) {
      const middle = (low + high) >>> 1;
      const other = sorted[middle];
      if (other !== undefined && (this.compareNames(keysOf(other).name, name) || byId(other, contact)) <= 0) low = middle + 1;
      else high = middle;
    }
    return low;
  }
}

interface Change {
  removed: Contact[];
  added: Contact[];
}

/**
 * What turned one list into the next when it was a few contacts added, replaced or removed (the store's patches
 * keep every other contact, in its place); none when more changed. One walk over both lists, no set of 100,000.
 */
function changeBetween(before: readonly Contact[], after: readonly Contact[]): Change | undefined {
  const change: Change = { removed: [], added: [] };
  let i = 0;
  let j = 0;
  while (i < before.length || j < after.length) {
    const old = before[i];
    const next = after[j];
    if (old !== undefined && old === next) {
      i++;
      j++;
      continue;
    }
    if (old !== undefined && (next === undefined || before[i + 1] === next)) {
      change.removed.push(old);
      i++;
    } else if (next !== undefined && (old === undefined || after[j + 1] === old)) {
      change.added.push(next);
      j++;
    } else if (old !== undefined && next !== undefined) {
      change.removed.push(old); // replaced in place
      change.added.push(next);
      i++;
      j++;
    }
    if (change.removed.length + change.added.length > PATCH_LIMIT) return undefined;
  }
  return change;
}

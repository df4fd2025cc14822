/**
 * The demo PBX's directory: its internal extensions and the external
 * contacts it knows by name, plus personal directories that users push
 * (TelServer's updateUserDirectory). Vendor-neutral; each front end applies
 * its own vendor's search rules on top of `entries()`.
 */
import type { NumberType } from '../../../app/model';

export interface Extension {
  number: string;
  name: string;
  company?: string;
  /**
   * How many calls the phone carries at once (active + held + waiting).
   * A further call finds it busy. Default 4.
   */
  maxCalls?: number;
}

export interface Contact {
  number: string;
  name: string;
  company?: string;
  numberType?: NumberType;
}

/** A party as every view shows it: name and company only when the directory knows the number. */
export interface PartyView {
  number: string;
  name?: string;
  company?: string;
  numberType?: NumberType;
  /** Whether the number is an extension of this PBX. */
  internal: boolean;
  /** The caller withheld the number (`number` is then ''). */
  withheld?: boolean;
}

export const DEFAULT_MAX_CALLS = 4;

export class Directory {
  private readonly extensions = new Map<string, Extension>();
  private readonly contacts = new Map<string, Contact>();
  /** owner (user id or device) → directory name → contacts */
  private readonly personal = new Map<string, Map<string, Contact[]>>();

  constructor(extensions: Extension[] = [], contacts: Contact[] = []) {
    for (const ext of extensions) this.addExtension(ext);
    for (const contact of contacts) this.addContact(contact);
  }

  addExtension(ext: Extension): void {
    if (!ext.number) throw new Error('An extension needs a number');
    this.extensions.set(ext.number, { ...ext });
  }

  addContact(contact: Contact): void {
    if (!contact.number) throw new Error('A contact needs a number');
    this.contacts.set(contact.number, { ...contact });
  }

  extension(number: string): Extension | undefined {
    return this.extensions.get(number);
  }

  isExtension(number: string): boolean {
    return this.extensions.has(number);
  }

  allExtensions(): Extension[] {
    return [...this.extensions.values()];
  }

  allContacts(): Contact[] {
    return [...this.contacts.values()];
  }

  /** Replaces one personal directory of `owner` as a whole (an update carries the full list). */
  replacePersonal(owner: string, directoryName: string, contacts: Contact[]): void {
    let byName = this.personal.get(owner);
    if (!byName) this.personal.set(owner, (byName = new Map<string, Contact[]>()));
    byName.set(
      directoryName,
      contacts.map((c) => ({ ...c })),
    );
  }

  /**
   * Every searchable entry: extensions, shared contacts and, when `owner` is
   * given, that owner's personal directories.
   */
  entries(owner?: string): Contact[] {
    const out: Contact[] = [];
    for (const ext of this.extensions.values()) out.push({ number: ext.number, name: ext.name, company: ext.company, numberType: 'work' });
    out.push(...this.contacts.values());
    if (owner) for (const list of this.personal.get(owner)?.values() ?? []) out.push(...list);
    return out;
  }

  /** How a number appears to others: with name and company when known. */
  party(number: string): PartyView {
    const ext = this.extensions.get(number);
    if (ext) return strip({ number, name: ext.name, company: ext.company, internal: true });
    const contact = this.contacts.get(number);
    if (contact) return strip({ number, name: contact.name, company: contact.company, numberType: contact.numberType, internal: false });
    return { number, internal: false };
  }
}

/** Drops undefined fields so views compare and serialise cleanly. */
function strip(party: PartyView): PartyView {
  const out: PartyView = { number: party.number, internal: party.internal };
  if (party.name) out.name = party.name;
  if (party.company) out.company = party.company;
  if (party.numberType) out.numberType = party.numberType;
  return out;
}

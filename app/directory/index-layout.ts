/**
 * How the directory index lays out what it holds, shared by its build
 * (index-builder.ts) and its search (directory-index.ts): the field classes
 * and the codes that name a word or number key in one, the fields of an
 * entry and which of them are names or organisations.
 */
import type { RangeMin } from './range-min';

/** What the index reads of an entry. */
export interface SearchableEntry {
  /** The name as shown ('Maria Lind'); its words are name words. */
  name?: string;
  firstName?: string;
  lastName?: string;
  /** Other names the person is known by (maiden name, a Latin spelling, a nickname). */
  altNames?: readonly string[];
  company?: string;
  department?: string;
  /** As written, or an object that holds it (a contact's numbers, read as they are: no copy per contact). */
  numbers: readonly (string | { readonly number: string })[];
  /** A colleague (the PBX's own users): ranked before outside contacts within a tier. */
  ownCompany?: boolean;
}

/** Field classes: each has its own sorted word list. */
export const C_NAME = 0;
export const C_ALIAS = 1;
export const C_INTL = 2;
export const C_LOCAL = 3;
export const C_ORG = 4;
export const CLASS_COUNT = 5;
/** A word's code in a build: class * WORD_CODE + its id in the class. */
export const CLASS_SHIFT = 26;
export const WORD_CODE = 2 ** CLASS_SHIFT;
export const WORD_MASK = WORD_CODE - 1;

/** What a text of an entry is: a name (its secondary spellings are aliases) or an organisation (company, department). */
export const NAME_ROLE = 0;
export const ORG_ROLE = 1;
export type TextRole = typeof NAME_ROLE | typeof ORG_ROLE;
/** Each role's class for primary words and for secondary spellings. */
export const ROLE_CLASSES: Readonly<Record<TextRole, readonly [number, number]>> = {
  [NAME_ROLE]: [C_NAME, C_ALIAS],
  [ORG_ROLE]: [C_ORG, C_ORG],
};

/**
 * A text class: distinct words, sorted; postings[starts[w] .. starts[w + 1])
 * are the ranks of the entries word w belongs to, ascending.
 * A number class: every number's key, ascending (a key once per entry
 * that has it); postings[i] is the rank of the entry keys[i] belongs to.
 * An entry's code names a text word by its sorted place, a number by its key's place.
 */
export type FieldClass = { words: string[]; starts: Int32Array; postings: RangeMin } | { keys: Float64Array; postings: RangeMin };

/** The text fields of an entry, in the order they are visited; roleOf says which are names and which organisations. */
export const FIRST_NAME = 0;
export const LAST_NAME = 1;
export const FULL_NAME = 2;
export const ALT_NAME = 3;
export const COMPANY = 4;
export const DEPARTMENT = 5;
export type TextField = typeof FIRST_NAME | typeof LAST_NAME | typeof FULL_NAME | typeof ALT_NAME | typeof COMPANY | typeof DEPARTMENT;
/** Whether a field holds a name or an organisation. */
export function roleOf(field: TextField): TextRole {
  return field >= COMPANY ? ORG_ROLE : NAME_ROLE;
}

/** Receives an entry's texts with the field they are; one object for a whole build (no closure per entry: tsx wraps each in a naming call). */
export interface TextSink {
  text(text: string, field: TextField): void;
}

/** A number of an entry as written. */
export function numberText(number: string | { readonly number: string }): string {
  return typeof number === 'string' ? number : number.number;
}

/** Hands the sink each of the entry's (non-empty) texts with its field, in one place. */
export function visitTexts(entry: SearchableEntry, sink: TextSink): void {
  if (entry.firstName) sink.text(entry.firstName, FIRST_NAME);
  if (entry.lastName) sink.text(entry.lastName, LAST_NAME);
  if (entry.name) sink.text(entry.name, FULL_NAME);
  const alts = entry.altNames ?? [];
  for (let i = 0; i < alts.length; i++) {
    const alt = alts[i];
    if (alt) sink.text(alt, ALT_NAME);
  }
  if (entry.company) sink.text(entry.company, COMPANY);
  if (entry.department) sink.text(entry.department, DEPARTMENT);
}

/** Every entry's number digits in rank order, separated by spaces, and where each entry's start. */
export interface DigitsText {
  text: string;
  starts: Int32Array;
}

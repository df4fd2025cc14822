/**
 * Reading contacts from a file the receptionist picks: CSV (Outlook, Google,
 * a spreadsheet; comma or semicolon, with or without a BOM, quoted newlines)
 * through papaparse, vCard 3.0/4.0 (folded lines, several TEL, N and FN)
 * through ical.js. Nothing is saved here: the result is a preview, row by
 * row, of what would be added and what is skipped and why; the contacts view
 * sends the rows to keep to the core, which checks each again.
 *
 * Parsing runs in the window: a file is bigger than one bridge frame (16 KB),
 * the contacts it yields travel in batches (IMPORT_BATCH).
 */
import ICAL from 'ical.js';
import Papa from 'papaparse';
import type { ContactInput } from '../../../../app/directory/contact';
import { contactName, MAX_CONTACT_NUMBERS } from '../../../../app/directory/contact';
import { foldText } from '../../../../app/directory/fold';
import { msg, type Message } from '../../../../app/i18n/message';
import type { NumberType } from '../../../../app/model';
import { normalizeNumber } from '../../../../app/phone';

/** Largest file read (a 5 MB CSV holds some 50,000 contacts). */
export const MAX_IMPORT_BYTES = 5 * 1024 * 1024;

export interface ImportRow {
  /** The record's place in the file, from 1 (a CSV's header is not counted; a vCard's BEGIN:VCARD order). */
  row: number;
  /** How the row is named in the preview (its name, company or first number). */
  label: string;
  /** What would be added; absent when the row is skipped. */
  contact?: ContactInput;
  skipped?: Message;
  /** Kept, but something in the row was left out (a number that is not one). */
  notes: Message[];
}

export type ImportPreview = { ok: true; format: 'csv' | 'vcard'; rows: ImportRow[] } | { ok: false; error: Message };

/**
 * A contacts file's text from its bytes: UTF-16 when it starts with that byte order mark (Excel's "Unicode text"),
 * else UTF-8 when it is valid UTF-8, else Windows-1252, what Outlook and Excel write a CSV in on a western
 * Windows ("Jürgen" read as UTF-8 became "J�rgen", kept without a word).
 */
export function decodeContactsFile(bytes: Uint8Array): string {
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return new TextDecoder('utf-16le').decode(bytes);
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return new TextDecoder('utf-16be').decode(bytes);
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    return new TextDecoder('windows-1252').decode(bytes);
  }
}

/** Reads a file's text as CSV or vCard (by its content, then its name). */
export function previewImport(text: string, fileName: string, country: string): ImportPreview {
  const body = text.replace(/^\uFEFF/, '');
  if (body.length > MAX_IMPORT_BYTES) return { ok: false, error: msg('directory.import.tooBig', { max: MAX_IMPORT_BYTES / 1024 / 1024 }) };
  if (!body.trim()) return { ok: false, error: msg('directory.import.empty') };
  if (/^\s*BEGIN:VCARD/i.test(body) || /\.vcf$/i.test(fileName)) return previewVcard(body, country);
  return previewCsv(body, country);
}

interface Fields {
  firstName?: string;
  lastName?: string;
  name?: string;
  company?: string;
  department?: string;
  email?: string;
  note?: string;
  numbers: { raw: string; type?: NumberType }[];
}

/** Checks a read record and turns it into a row: numbers normalised, each problem said. */
function toRow(row: number, fields: Fields, country: string): ImportRow {
  const notes: Message[] = [];
  const numbers: ContactInput['numbers'] = [];
  for (const { raw, type } of fields.numbers) {
    const value = raw.trim();
    if (!value) continue;
    const normalized = normalizeNumber(value, country);
    if (!normalized.ok) {
      notes.push(msg('directory.import.badNumber', { number: value, reason: normalized.error }));
      continue;
    }
    if (numbers.some((n) => n.number === normalized.number)) continue;
    if (numbers.length >= MAX_CONTACT_NUMBERS) {
      notes.push(msg('directory.import.tooManyNumbers', { max: MAX_CONTACT_NUMBERS }));
      break;
    }
    numbers.push({ number: normalized.number, ...(type ? { type } : {}) });
  }
  let { firstName, lastName } = fields;
  if (!firstName && !lastName && fields.name) {
    // Only a full name: its last word is the last name ("Maria Lind").
    const words = fields.name.trim().split(/\s+/);
    lastName = words.length > 1 ? words.pop() : undefined;
    firstName = words.join(' ') || undefined;
    if (!lastName) {
      lastName = firstName;
      firstName = undefined;
    }
  }
  const contact: ContactInput = { numbers };
  const put = (key: 'firstName' | 'lastName' | 'company' | 'department' | 'email' | 'note', value: string | undefined, max: number) => {
    const trimmed = value?.trim();
    if (trimmed) contact[key] = trimmed.slice(0, max);
  };
  put('firstName', firstName, 100);
  put('lastName', lastName, 100);
  put('company', fields.company, 150);
  put('department', fields.department, 100);
  put('email', fields.email, 200);
  put('note', fields.note, 500);
  const label = contactName(contact) || fields.numbers[0]?.raw.trim() || '';
  if (!contactName(contact)) return { row, label, skipped: msg('directory.import.noName'), notes };
  if (numbers.length === 0) {
    return { row, label, skipped: notes.length > 0 ? msg('directory.import.noValidNumber') : msg('directory.import.noNumber'), notes };
  }
  return { row, label, contact, notes };
}

// ---------------------------------------------------------------------------
// CSV

type Column =
  { kind: 'firstName' | 'lastName' | 'name' | 'company' | 'department' | 'email' | 'note' } | { kind: 'number'; type?: NumberType };

const HEADER_WORDS: { kind: Exclude<Column['kind'], 'number'>; words: string[] }[] = [
  { kind: 'firstName', words: ['first name', 'firstname', 'given name', 'vorname', 'eesnimi', 'имя', 'etunimi', 'prenom'] },
  {
    kind: 'lastName',
    words: ['last name', 'lastname', 'surname', 'family name', 'nachname', 'perekonnanimi', 'фамилия', 'sukunimi', 'nom'],
  },
  { kind: 'name', words: ['name', 'full name', 'display name', 'nimi', 'фио', 'kontakt', 'contact'] },
  {
    kind: 'company',
    words: ['company', 'organization', 'organisation', 'firma', 'unternehmen', 'ettevote', 'asutus', 'компания', 'организация', 'yritys'],
  },
  { kind: 'department', words: ['department', 'abteilung', 'osakond', 'отдел', 'osasto'] },
  { kind: 'email', words: ['email', 'e-mail', 'e-mail address', 'email address', 'mail', 'e-post', 'почта', 'sahkoposti'] },
  { kind: 'note', words: ['note', 'notes', 'notiz', 'notizen', 'markus', 'заметка', 'комментарий'] },
];

const PHONE_WORDS = /phone|tel|mobil|mobiil|handy|cell|gsm|number|nummer|номер|телефон|мобил|puhelin|numero/;

function columnOf(header: string): Column | undefined {
  const key = foldText(header).replace(/\s+/g, ' ').trim();
  for (const { kind, words } of HEADER_WORDS) if (words.includes(key)) return { kind };
  // Google's "Phone 1 - Type" names the type of the next column, not a number.
  if (/type|label/.test(key)) return undefined;
  if (PHONE_WORDS.test(key)) {
    if (/mobil|mobiil|handy|cell|мобил|matkapuhelin|gsm/.test(key)) return { kind: 'number', type: 'mobile' };
    if (/home|privat|kodu|домаш|koti/.test(key)) return { kind: 'number', type: 'home' };
    return { kind: 'number', type: 'work' };
  }
  return undefined;
}

function previewCsv(text: string, country: string): ImportPreview {
  const parsed = Papa.parse<string[]>(text, { skipEmptyLines: 'greedy', delimitersToGuess: [';', ',', '\t', '|'] });
  const [header, ...records] = parsed.data;
  if (!header) return { ok: false, error: msg('directory.import.empty') };
  const columns = header.map((cell) => columnOf(cell));
  if (!columns.some((c) => c?.kind === 'number')) return { ok: false, error: msg('directory.import.noNumberColumn') };
  if (!columns.some((c) => c && c.kind !== 'number')) return { ok: false, error: msg('directory.import.noNameColumn') };
  const broken = new Map<number, string>();
  for (const error of parsed.errors)
    if (error.row !== undefined && error.code !== 'UndetectableDelimiter') broken.set(error.row, error.message);
  const rows = records.map((cells, index): ImportRow => {
    const row = index + 1;
    const problem = broken.get(index + 1);
    if (problem !== undefined)
      return { row, label: cells.find((c) => c.trim()) ?? '', skipped: msg('directory.import.badRow', { reason: problem }), notes: [] };
    const fields: Fields = { numbers: [] };
    cells.forEach((cell, i) => {
      const column = columns[i];
      if (!column || !cell.trim()) return;
      if (column.kind === 'number') {
        // Google joins several numbers in one cell with ' ::: '.
        for (const raw of cell.split(':::')) fields.numbers.push({ raw, ...(column.type ? { type: column.type } : {}) });
      } else if (!fields[column.kind]) fields[column.kind] = cell;
    });
    return toRow(row, fields, country);
  });
  return { ok: true, format: 'csv', rows };
}

// ---------------------------------------------------------------------------
// vCard

function previewVcard(text: string, country: string): ImportPreview {
  let parsed: unknown;
  try {
    parsed = ICAL.parse(text);
  } catch (error) {
    return { ok: false, error: msg('directory.import.unreadable', { reason: error instanceof Error ? error.message : String(error) }) };
  }
  const cards: unknown[] = Array.isArray(parsed) && typeof parsed[0] === 'string' ? [parsed] : Array.isArray(parsed) ? parsed : [];
  const rows: ImportRow[] = [];
  cards.forEach((jcard, index) => {
    const row = index + 1;
    if (!Array.isArray(jcard) || jcard[0] !== 'vcard') {
      rows.push({ row, label: '', skipped: msg('directory.import.notACard'), notes: [] });
      return;
    }
    const card = new ICAL.Component(jcard);
    const fields: Fields = { numbers: [] };
    const n = card.getFirstPropertyValue('n');
    if (Array.isArray(n)) {
      fields.lastName = textPart(n[0]);
      fields.firstName = [textPart(n[1]), textPart(n[2])].filter(Boolean).join(' ') || undefined;
    }
    fields.name = textPart(card.getFirstPropertyValue('fn'));
    const org = card.getFirstPropertyValue('org');
    if (Array.isArray(org)) {
      fields.company = textPart(org[0]);
      fields.department = textPart(org[1]);
    } else fields.company = textPart(org);
    fields.email = textPart(card.getFirstPropertyValue('email'));
    fields.note = textPart(card.getFirstPropertyValue('note'));
    for (const tel of card.getAllProperties('tel')) {
      const value = textPart(tel.getFirstValue());
      if (!value) continue;
      const type = telType(tel.getParameter('type'));
      fields.numbers.push({ raw: value.replace(/^tel:/i, '').split(';')[0] ?? '', ...(type ? { type } : {}) });
    }
    rows.push(toRow(row, fields, country));
  });
  if (rows.length === 0) return { ok: false, error: msg('directory.import.empty') };
  return { ok: true, format: 'vcard', rows };
}

function textPart(value: unknown): string | undefined {
  if (typeof value === 'string') return value.trim() || undefined;
  if (Array.isArray(value)) return textPart(value.filter((v) => typeof v === 'string').join(' '));
  return undefined;
}

function telType(type: unknown): NumberType | undefined {
  const types = (Array.isArray(type) ? type : [type]).filter((t): t is string => typeof t === 'string').map((t) => t.toLowerCase());
  if (types.includes('cell')) return 'mobile';
  if (types.includes('home')) return 'home';
  if (types.includes('work')) return 'work';
  return undefined;
}

/**
 * Reading contacts from a file the receptionist picks: CSV (Outlook, Google,
 * a spreadsheet; comma or semicolon, with or without a BOM, quoted newlines)
 * and vCard 2.1/3.0/4.0 (folded lines, several TEL, N and FN; 2.1's bare
 * types and quoted-printable values) through ical.js. Nothing is saved here:
 * the result is a preview, row by row, of what would be added and what is
 * skipped and why; the contacts view sends the rows to keep to the core,
 * which checks each again. A row or card that cannot be read is skipped with
 * the reason, the others are read as if it were not there.
 *
 * Parsing runs in the window: a file is bigger than one bridge frame (16 KB),
 * the contacts it yields travel in batches (IMPORT_BATCH).
 */
import ICAL from 'ical.js';
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
  return utf8OrWindows1252(bytes);
}

function utf8OrWindows1252(bytes: Uint8Array): string {
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
    // Trimmed after the cut too: the core trims what it keeps, and the preview must find its duplicates alike.
    const trimmed = value?.trim().slice(0, max).trimEnd();
    if (trimmed) contact[key] = trimmed;
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
  const [header, ...records] = readCsv(text);
  if (!header) return { ok: false, error: msg('directory.import.empty') };
  const columns = header.cells.map((cell) => columnOf(cell));
  if (!columns.some((c) => c?.kind === 'number')) return { ok: false, error: msg('directory.import.noNumberColumn') };
  if (!columns.some((c) => c && c.kind !== 'number')) return { ok: false, error: msg('directory.import.noNameColumn') };
  const rows = records.map(({ cells, problem }, index): ImportRow => {
    const row = index + 1;
    if (problem) return { row, label: cells.find((c) => c.trim())?.trim() ?? '', skipped: problem, notes: [] };
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

/** A record of a CSV file: its cells, and why it cannot be read when it cannot. */
interface CsvRecord {
  cells: string[];
  problem?: Message;
}

/** Excel in continental Europe writes ';', elsewhere ','; some tools a tab or '|'. On a tie the first one wins. */
const DELIMITERS: readonly string[] = [';', ',', '\t', '|'];

/**
 * The records of a CSV text, blank ones left out. Cells are split at the delimiter; a quoted cell ("…") may hold
 * delimiters, line breaks and doubled quotes (""). A quote that opens a cell and is never closed costs its own
 * row only: reading goes on at the line break after that quote, as a spreadsheet does. Read here, not by
 * papaparse: it takes the rest of the file as the cell of such a quote, and reading on after each one would
 * parse the rest of the file again.
 */
function readCsv(text: string): CsvRecord[] {
  const delimiter = headerDelimiter(text);
  const closings = new QuoteClosings(text, delimiter);
  const records: CsvRecord[] = [];
  let at = 0;
  while (at < text.length) {
    const record: CsvRecord = { cells: [] };
    for (;;) {
      if (text[at] === '"') {
        const closing = closings.closingOf(at);
        if (closing < 0) {
          const lineEnd = nextLineBreak(text, at);
          record.cells.push(text.slice(at + 1, lineEnd));
          record.problem = msg('directory.import.unclosedQuote');
          at = lineEnd;
          break;
        }
        const quoted = text.slice(at + 1, closing);
        // Read leniently (the stray quote kept as written), but not trusted: where the cell ends is a guess.
        if (quoted.replace(/""/g, '').includes('"')) record.problem ??= msg('directory.import.strayQuote');
        record.cells.push(quoted.replace(/""/g, '"'));
        at = closing + 1;
        while (text[at] === ' ') at++;
      } else {
        let end = at;
        while (end < text.length && text[end] !== delimiter && !isLineBreak(text[end])) end++;
        record.cells.push(text.slice(at, end));
        at = end;
      }
      if (text[at] !== delimiter) break;
      at++;
    }
    at = pastLineBreak(text, at);
    if (record.cells.some((cell) => cell.trim())) records.push(record);
  }
  return records;
}

/**
 * Where the cell each quote would open is closed, worked out once from the end of the text. Inside a quoted cell,
 * a quote followed (after spaces) by the delimiter, a line break or the end closes it; a doubled quote ("") is a
 * quote of the text. A quote that stands at the start of a cell (after the delimiter or a line break) opens a
 * later cell: the one read on was never closed, else the end of the next quoted cell in the file would close it
 * and take every row up to there. Any other quote is stray and read as written. Looking for the closing quote
 * from each opening one instead reads to the end of the file for every quote never closed: minutes, for a file
 * with one on each line.
 */
class QuoteClosings {
  /** Where the text's quotes are, in order. */
  private readonly quotes: number[] = [];
  /** For the quote quotes[i]: the quote that closes a quoted cell read on from it (-1: it is never closed). */
  private readonly closing: Int32Array;

  constructor(text: string, delimiter: string) {
    for (let at = text.indexOf('"'); at >= 0; at = text.indexOf('"', at + 1)) this.quotes.push(at);
    // Two entries past the last quote: a doubled quote reads on from the quote after its pair.
    this.closing = new Int32Array(this.quotes.length + 2).fill(-1);
    for (let i = this.quotes.length - 1; i >= 0; i--) {
      const at = this.quotes[i];
      if (text[at + 1] === '"') this.closing[i] = this.closing[i + 2];
      else if (endsCell(text, at + 1, delimiter)) this.closing[i] = at;
      else if (at > 0 && (text[at - 1] === delimiter || isLineBreak(text[at - 1]))) this.closing[i] = -1;
      else this.closing[i] = this.closing[i + 1];
    }
  }

  /** The quote closing the cell the quote at `opening` opens; -1 when it is never closed. */
  closingOf(opening: number): number {
    let low = 0;
    let high = this.quotes.length;
    while (low < high) {
      const middle = (low + high) >> 1;
      if (this.quotes[middle] < opening) low = middle + 1;
      else high = middle;
    }
    // The opening quote is quotes[low]; its cell is read on from the next one.
    return this.closing[low + 1];
  }
}

/** Whether only spaces stand between `at` and the delimiter, a line break or the end of the text. */
function endsCell(text: string, at: number, delimiter: string): boolean {
  while (text[at] === ' ') at++;
  return at >= text.length || text[at] === delimiter || isLineBreak(text[at]);
}

function isLineBreak(char: string | undefined): boolean {
  return char === '\n' || char === '\r';
}

/** Where the line that `at` is in ends (its line break, or the end of the text). */
function nextLineBreak(text: string, at: number): number {
  while (at < text.length && !isLineBreak(text[at])) at++;
  return at;
}

/** Past the line break at `at` (\r\n, \n or \r), if there is one. */
function pastLineBreak(text: string, at: number): number {
  if (text[at] === '\r') return text[at + 1] === '\n' ? at + 2 : at + 1;
  return text[at] === '\n' ? at + 1 : at;
}

/**
 * The delimiter the header row holds most of, outside quotes. The header names every column, so it has one
 * between each; guessing over the data rows too (papaparse) failed on a file with one broken row, and a
 * semicolon file was then read as a single column.
 */
function headerDelimiter(text: string): string {
  const counts = new Map<string, number>();
  let quoted = false;
  for (const char of text) {
    if (char === '"') quoted = !quoted;
    else if (!quoted && isLineBreak(char)) break;
    else if (!quoted && DELIMITERS.includes(char)) counts.set(char, (counts.get(char) ?? 0) + 1);
  }
  let best = ',';
  let most = 0;
  for (const delimiter of DELIMITERS) {
    const count = counts.get(delimiter) ?? 0;
    if (count > most) [best, most] = [delimiter, count];
  }
  return best;
}

// ---------------------------------------------------------------------------
// vCard

function previewVcard(text: string, country: string): ImportPreview {
  const cards = splitCards(text);
  if (cards.length === 0) return { ok: false, error: msg('directory.import.empty') };
  return { ok: true, format: 'vcard', rows: cards.map((card, index) => cardRow(index + 1, card, country)) };
}

/** A card's lines between its BEGIN:VCARD and END:VCARD; unfinished when the next card or the file's end came first. */
interface CardLines {
  lines: string[];
  finished: boolean;
}

/** The file's cards, in order; lines outside a card (blank ones, mostly) are left out. */
function splitCards(text: string): CardLines[] {
  const cards: CardLines[] = [];
  let open: CardLines | undefined;
  for (const line of text.split(/\r\n|\n|\r/)) {
    if (/^BEGIN:VCARD\s*$/i.test(line)) {
      if (open) cards.push(open);
      open = { lines: [], finished: false };
    } else if (/^END:VCARD\s*$/i.test(line)) {
      if (!open) continue;
      open.finished = true;
      cards.push(open);
      open = undefined;
    } else open?.lines.push(line);
  }
  if (open) cards.push(open);
  return cards;
}

/** One card as a row: read by ical.js one card at a time, so that a card it refuses costs that card only. */
function cardRow(row: number, card: CardLines, country: string): ImportRow {
  const properties = readableProperties(card.lines);
  const label = propertyText(properties, 'FN') ?? propertyText(properties, 'TEL') ?? '';
  if (!card.finished) return { row, label, skipped: msg('directory.import.unfinishedCard'), notes: [] };
  let fields: Fields;
  try {
    // One card read, one jCard back (['vcard', properties, components]); anything else is refused like a parse error.
    const jcard: unknown = ICAL.parse(['BEGIN:VCARD', ...properties, 'END:VCARD'].join('\r\n'));
    if (!Array.isArray(jcard)) throw new TypeError(`not a vCard: ${String(jcard)}`);
    fields = cardFields(new ICAL.Component(jcard));
  } catch (error) {
    return {
      row,
      label,
      skipped: msg('directory.import.badRow', { reason: error instanceof Error ? error.message : String(error) }),
      notes: [],
    };
  }
  return toRow(row, fields, country);
}

function cardFields(card: ICAL.Component): Fields {
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
  return fields;
}

/**
 * A card's properties, one a line, as ical.js reads them. vCard 2.1 is written as 3.0 (which ical.js knows):
 * its bare parameters named (TEL;CELL is TEL;TYPE=CELL), its quoted-printable values decoded, its values
 * escaped as 3.0 escapes them, and its version said to be 3.0. A 3.0 or 4.0 property is left as written, but
 * for the same bare parameters or quoted-printable values, which some writers put in a 3.0 card too.
 */
function readableProperties(lines: readonly string[]): string[] {
  const version21 = lines.some((line) => /^VERSION:\s*2\.1\s*$/i.test(line));
  return unfold(lines, version21).map((line) => readableProperty(line, version21));
}

/**
 * A card's lines joined into its properties. A line that begins with a space or a tab continues the one before:
 * 3.0 and 4.0 fold anywhere and drop that character, 2.1 folds at a space and keeps it. A quoted-printable value
 * that ends in '=' (a soft line break) goes on with the next line as it is.
 */
function unfold(lines: readonly string[], version21: boolean): string[] {
  const properties: string[] = [];
  for (const line of lines) {
    const last = properties.length - 1;
    const previous = properties[last];
    if (previous !== undefined && previous.endsWith('=') && isQuotedPrintable(previous)) properties[last] = previous.slice(0, -1) + line;
    else if (previous !== undefined && /^[ \t]/.test(line)) properties[last] = previous + (version21 ? line : line.slice(1));
    else if (line.trim()) properties.push(line);
  }
  return properties;
}

function isQuotedPrintable(property: string): boolean {
  return /^[^:]*;\s*(?:ENCODING\s*=\s*)?QUOTED-PRINTABLE\s*[;:]/i.test(property);
}

/** The words vCard 2.1 writes bare for an ENCODING; any other bare parameter is a TYPE. */
const ENCODINGS = new Set(['QUOTED-PRINTABLE', 'BASE64', '8BIT', '7BIT', 'B']);

function readableProperty(property: string, version21: boolean): string {
  const colon = indexOutsideQuotes(property, ':', 0);
  if (colon < 0) return property; // not a property: ical.js says why
  const [name = '', ...written] = splitOutsideQuotes(property.slice(0, colon), ';');
  if (version21 && name.trim().toUpperCase() === 'VERSION') return 'VERSION:3.0';
  const params = written
    .map((param) => param.trim())
    .filter(Boolean)
    .map((param) => (param.includes('=') ? param : `${ENCODINGS.has(param.toUpperCase()) ? 'ENCODING' : 'TYPE'}=${param}`));
  const paramValue = (key: string) => {
    const param = params.find((candidate) => candidate.slice(0, candidate.indexOf('=')).trim().toUpperCase() === key);
    return param?.slice(param.indexOf('=') + 1).trim();
  };
  const quotedPrintable = paramValue('ENCODING')?.toUpperCase() === 'QUOTED-PRINTABLE';
  const paramsRewritten = params.length !== written.length || params.some((param, i) => param !== written[i]);
  if (!version21 && !quotedPrintable && !paramsRewritten) return property;
  let value = property.slice(colon + 1);
  if (quotedPrintable) value = decodeQuotedPrintable(value, paramValue('CHARSET'));
  // 2.1 escapes only ';' (\;): a comma and a backslash are text there, which 3.0 escapes.
  if (version21) value = value.replace(/\\(?!;)/g, '\\\\').replace(/,/g, '\\,');
  value = value.replace(/\r\n|\r|\n/g, '\\n');
  // A decoded value is text: its encoding and charset are not the value's any more.
  const kept = quotedPrintable ? params.filter((param) => !/^(?:ENCODING|CHARSET)\s*=/i.test(param)) : params;
  return `${[name, ...kept].join(';')}:${value}`;
}

/**
 * The text of a quoted-printable value (vCard 2.1's ENCODING=QUOTED-PRINTABLE), soft line breaks already joined:
 * each run of =XX bytes read in the property's CHARSET, else as UTF-8 when it is valid UTF-8 and Windows-1252
 * when not (as a file's bytes are). An '=' without two hex digits after it is kept as written.
 */
export function decodeQuotedPrintable(value: string, charset?: string): string {
  return value.replace(/(?:=[0-9A-Fa-f]{2})+/g, (run) => {
    const bytes = Uint8Array.from(run.slice(1).split('='), (hex) => parseInt(hex, 16));
    if (charset) {
      try {
        return new TextDecoder(charset).decode(bytes);
      } catch {
        // A charset this browser does not know: read as if none was named.
      }
    }
    return utf8OrWindows1252(bytes);
  });
}

/** The first property named so (a group such as "item1." aside), its value unescaped, to name a card ical.js did not read. */
function propertyText(properties: readonly string[], name: string): string | undefined {
  const named = new RegExp(`^(?:[\\w-]+\\.)?${name}[;:]`, 'i');
  const property = properties.find((line) => named.test(line));
  if (property === undefined) return undefined;
  const value = property.slice(indexOutsideQuotes(property, ':', 0) + 1);
  return (
    value
      .replace(/\\[nN]/g, ' ')
      .replace(/\\(.)/g, '$1')
      .trim() || undefined
  );
}

function indexOutsideQuotes(text: string, char: string, from: number): number {
  let quoted = false;
  for (let at = from; at < text.length; at++) {
    if (text[at] === '"') quoted = !quoted;
    else if (!quoted && text[at] === char) return at;
  }
  return -1;
}

function splitOutsideQuotes(text: string, separator: string): string[] {
  const parts: string[] = [];
  let start = 0;
  for (let at = indexOutsideQuotes(text, separator, 0); at >= 0; at = indexOutsideQuotes(text, separator, start)) {
    parts.push(text.slice(start, at));
    start = at + 1;
  }
  parts.push(text.slice(start));
  return parts;
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

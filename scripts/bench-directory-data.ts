/**
 * The data and the reference of `npm run bench:directory` (scripts/bench-directory.ts), shared by the
 * coordinating process and each engine's own process (scripts/bench-directory-engine.ts): a deterministic
 * synthetic directory, the queries typed keystroke by keystroke, the settings and the measurement an
 * engine's process reports, and the brute-force reference recall is measured against. A module of definitions only: run on its own it does nothing.
 */
import type { SearchableEntry } from '../app/directory/directory-index';
import { SeededRandom } from './seeded-random';

export const QUERIES = ['k', 'ka', 'kas', 'kask', 'mart', 'pold', 'lind ma', '+372 51', '5123'];

/** Every keystroke of every query, as typed ('+' alone, a number's first character, is no search yet). */
export const KEYSTROKES = QUERIES.flatMap((query) => Array.from({ length: query.length }, (_, i) => query.slice(0, i + 1))).filter(
  (typed) => typed.trim() !== '' && !/^\+$/.test(typed.trim()),
);

// ---------------------------------------------------------------------------
// What each engine's process is told and reports.

export const ENGINE_NAMES = ['product', 'MiniSearch', 'FlexSearch'] as const;
export type EngineName = (typeof ENGINE_NAMES)[number];

/** What the run is told by the environment (the coordinator's children inherit it). */
export const SETTINGS = {
  entries: Number(process.env.BENCH_ENTRIES ?? 100_000),
  rounds: Number(process.env.BENCH_ROUNDS ?? 20),
  /** The peers take up to a second a keystroke at 100k: fewer rounds keep the run within minutes (p99 is still over 100+ samples). */
  peerRounds: Number(process.env.BENCH_PEER_ROUNDS ?? 3),
  /** Untimed passes over every keystroke before the timed rounds (see measure). */
  warmUpPasses: Number(process.env.BENCH_WARM_UP ?? 5),
};

/** What one engine's process reports: plain data, sent over IPC. */
export interface Measurement {
  name: EngineName;
  /** The entries' own heap in this process, before any index. */
  entriesHeapMb: number;
  buildMs: number;
  /** The CPU time the process spent during the build (all threads). */
  buildCpuMs: number;
  /** A second build of the same entries: what the console pays when it re-indexes after a change (code already compiled). */
  rebuildMs: number;
  rebuildCpuMs: number;
  heapMb: number;
  /** Keystroke k of round r at r * KEYSTROKES.length + k, in ms. */
  timed: number[];
  /** Each keystroke's top 10 entry ids (after the timed rounds), for recall. */
  tops: number[][];
  /** Heap bytes one search of each keystroke allocates (the product only). */
  allocated: [typed: string, bytes: number][];
  /** The collections that started during the timed rounds: a slow keystroke that shares its time with one is the collector's. */
  gcDuringTimed: { count: number; major: number; ms: number };
}

// ---------------------------------------------------------------------------
// Synthetic data (deterministic: every process that builds it gets the same entries).

/**
 * A generated contact as the console's directory reads one (main/core/directory/directory.ts, ContactRecord): first
 * and last name, no full name beside them (the product's records carry a `name` only when they have neither: a PBX
 * colleague, a company). An entry with all three made the product's build visit the same words twice.
 */
export interface BenchEntry extends SearchableEntry {
  id: number;
  firstName: string;
  lastName: string;
  altNames: string[];
  company: string;
  department: string;
  numbers: string[];
}

const generator = new SeededRandom(20260101);
const random = () => generator.next();
const pick = <T>(items: readonly T[]): T => generator.pick(items);
const digits = (count: number) => generator.digits(count);

const ESTONIAN = {
  first: [
    'Mart',
    'Martin',
    'Maria',
    'Mari',
    'Marju',
    'Kadri',
    'Kati',
    'Kaja',
    'Kalev',
    'Tiina',
    'Tõnu',
    'Jüri',
    'Ülle',
    'Aino',
    'Peeter',
    'Rein',
    'Liis',
    'Andres',
    'Eha',
    'Märt',
    'Õie',
    'Urmas',
    'Anneli',
    'Kristjan',
  ],
  last: [
    'Kask',
    'Kaasik',
    'Kallas',
    'Tamm',
    'Saar',
    'Sepp',
    'Mägi',
    'Põld',
    'Lind',
    'Lepik',
    'Ilves',
    'Kuusk',
    'Pärn',
    'Rebane',
    'Õunapuu',
    'Käärik',
    'Luik',
    'Kivi',
    'Karu',
    'Lõhmus',
    'Kõiv',
    'Raudsepp',
    'Ots',
    'Lindmäe',
  ],
};
const FINNISH = {
  first: [
    'Matti',
    'Maija',
    'Mikko',
    'Kaisa',
    'Kari',
    'Päivi',
    'Jyrki',
    'Sari',
    'Tuula',
    'Heikki',
    'Aila',
    'Jukka',
    'Sanna',
    'Väinö',
    'Kalle',
    'Marjatta',
  ],
  last: [
    'Virtanen',
    'Korhonen',
    'Mäkinen',
    'Hämäläinen',
    'Nieminen',
    'Mäkelä',
    'Koskinen',
    'Lindqvist',
    'Kärkkäinen',
    'Heikkinen',
    'Lindholm',
    'Järvinen',
    'Kaskinen',
    'Laaksonen',
    'Söderström',
    'Kallio',
  ],
};
const GERMAN = {
  first: [
    'Markus',
    'Martina',
    'Jürgen',
    'Jörg',
    'Käthe',
    'Klaus',
    'Katrin',
    'Günter',
    'Sören',
    'Maria',
    'Lena',
    'Björn',
    'Uwe',
    'Hans',
    'Karin',
    'Matthias',
  ],
  last: [
    'Müller',
    'Schröder',
    'Weiß',
    'Köhler',
    'Lindner',
    'Maier',
    'Günther',
    'Kästner',
    'Böhm',
    'Krüger',
    'Kaspar',
    'Lindemann',
    'Martens',
    'Hoffmann',
    'Schäfer',
    'Kassner',
  ],
};
const RUSSIAN: { first: [string, string][]; last: [string, string][] } = {
  first: [
    ['Мария', 'Maria'],
    ['Марк', 'Mark'],
    ['Алексей', 'Aleksei'],
    ['Ксения', 'Ksenia'],
    ['Фёдор', 'Fedor'],
    ['Юлия', 'Iuliia'],
    ['Пётр', 'Petr'],
    ['Наталья', 'Natalia'],
    ['Сергей', 'Sergei'],
    ['Ирина', 'Irina'],
  ],
  last: [
    ['Иванов', 'Ivanov'],
    ['Смирнова', 'Smirnova'],
    ['Кузнецов', 'Kuznetsov'],
    ['Ёлкин', 'Elkin'],
    ['Соколова', 'Sokolova'],
    ['Касьянов', 'Kasianov'],
    ['Линдберг', 'Lindberg'],
    ['Попова', 'Popova'],
    ['Мартынов', 'Martynov'],
    ['Козлова', 'Kozlova'],
  ],
};
const COMPANY_WORDS = [
  'Kask',
  'Nordic',
  'Baltic',
  'Tallinna',
  'Tartu',
  'Põhja',
  'Müller',
  'Lind',
  'Mets',
  'Saare',
  'Kaubandus',
  'Logistik',
  'Marine',
  'Kalev',
  'Pärnu',
  'Helsingin',
  'Berliner',
  'Société',
  'Lumière',
  'Maa',
];
const COMPANY_FORMS = ['AS', 'OÜ', 'Oy', 'GmbH', 'SA', 'Group', '& Partners', 'Holding'];
const DEPARTMENTS = ['Sales', 'Support', 'Finance', 'Logistics', 'Marketing', 'Legal', 'IT', 'Kassa', 'Müük', 'Klienditugi'];

function mobile(): string {
  switch (pick(['ee', 'ee', 'ee', 'de', 'fr'] as const)) {
    case 'ee':
      return `+372 ${pick(['5', '5', '8'])}${digits(random() < 0.5 ? 6 : 7)}`;
    case 'de':
      return `+49 ${pick(['151', '160', '170', '30', '89'])} ${digits(7)}`;
    case 'fr':
      return `+33 ${pick(['6', '7', '1'])} ${digits(8)}`;
  }
}

export function buildEntries(count: number): BenchEntry[] {
  generator.reset();
  const companies = Array.from({ length: 600 }, () => `${pick(COMPANY_WORDS)} ${pick(COMPANY_WORDS)} ${pick(COMPANY_FORMS)}`);
  const entries: BenchEntry[] = [];
  for (let id = 0; id < count; id++) {
    let firstName: string;
    let lastName: string;
    const altNames: string[] = [];
    const language = random();
    if (language < 0.45) {
      firstName = pick(ESTONIAN.first);
      lastName = pick(ESTONIAN.last);
    } else if (language < 0.65) {
      firstName = pick(FINNISH.first);
      lastName = pick(FINNISH.last);
    } else if (language < 0.85) {
      firstName = pick(GERMAN.first);
      lastName = pick(GERMAN.last);
    } else {
      const [first, firstLatin] = pick(RUSSIAN.first);
      const [last, lastLatin] = pick(RUSSIAN.last);
      firstName = first;
      lastName = last;
      altNames.push(`${firstLatin} ${lastLatin}`);
    }
    const colleague = random() < 0.3;
    const numbers = [mobile()];
    if (random() < 0.4) numbers.push(mobile());
    if (colleague) numbers.push(String(1000 + Math.floor(random() * 8999)));
    entries.push({
      id,
      firstName,
      lastName,
      altNames,
      company: colleague ? 'Kask & Partners AS' : pick(companies),
      department: pick(DEPARTMENTS),
      numbers,
      ownCompany: colleague,
    });
  }
  return entries;
}

// ---------------------------------------------------------------------------
// The reference: a brute-force scan, its own folding and its own number forms.

export function refFold(text: string): string {
  return text.toLowerCase().normalize('NFD').replace(/\p{M}/gu, '').replace(/ß/g, 'ss');
}
function refWords(text: string): string[] {
  return refFold(text)
    .split(/[^\p{L}\p{N}]+/u)
    .filter(Boolean);
}
const REF_CODES = ['372', '49', '33'];
export function refNumberForms(number: string): string[] {
  const all = number.replace(/\D/g, '');
  if (!number.startsWith('+')) return [all];
  const code = REF_CODES.find((c) => all.startsWith(c));
  if (!code) return [all];
  const national = all.slice(code.length);
  return code === '372' ? [all, national] : [all, national, `0${national}`];
}

export interface RefEntry {
  names: string[];
  company: string[];
  numbers: string[];
  /** E.164 digits of the international numbers (what '+…' is compared with). */
  international: string[];
}
export function refEntry(entry: BenchEntry): RefEntry {
  return {
    names: [entry.firstName, entry.lastName, ...entry.altNames].flatMap(refWords),
    company: refWords(entry.company),
    numbers: entry.numbers.flatMap(refNumberForms),
    international: entry.numbers.filter((n) => n.startsWith('+')).map((n) => n.replace(/\D/g, '')),
  };
}
/** The query as every engine is given it: a number as its digits ('+372 51' → '37251'), else the text. */
export function engineQuery(query: string): string {
  const compact = query.replace(/[\s\-()]/g, '');
  return /^\+?\d+$/.test(compact) ? compact.replace('+', '') : query;
}
function refTier(entry: RefEntry, query: string): number {
  const compact = query.replace(/[\s\-()]/g, '');
  if (/^\+?\d+$/.test(compact)) {
    const wanted = compact.replace('+', '');
    const forms = compact.startsWith('+') ? entry.international : entry.numbers;
    return forms.some((n) => n.startsWith(wanted)) ? 2 : -1;
  }
  let worst = 0;
  for (const word of refWords(query)) {
    let best = -1;
    if (entry.names.includes(word)) best = 0;
    else if (entry.names.some((n) => n.startsWith(word))) best = 1;
    else if (/^\d+$/.test(word) && entry.numbers.some((n) => n.startsWith(word))) best = 2;
    else if (entry.company.some((c) => c.startsWith(word))) best = 3;
    if (best < 0) return -1;
    worst = Math.max(worst, best);
  }
  return worst;
}
/** The ids of the best tier the reference finds for the query. */
export function referenceBest(entries: RefEntry[], query: string): Set<number> {
  let bestTier = Infinity;
  let best = new Set<number>();
  entries.forEach((entry, id) => {
    const tier = refTier(entry, query);
    if (tier < 0 || tier > bestTier) return;
    if (tier < bestTier) {
      bestTier = tier;
      best = new Set();
    }
    best.add(id);
  });
  return best;
}

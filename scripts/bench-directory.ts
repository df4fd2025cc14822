/**
 * Benchmark (not a test): directory search over a synthetic 100,000-entry
 * directory, the product's index against MiniSearch and FlexSearch, on the
 * same data and the same queries typed keystroke by keystroke.
 *
 *   npm run bench:directory            (BENCH_ENTRIES=20000 for a smaller one)
 *
 * Prints per engine: index build time, heap, per-keystroke p50/p99/max and
 * recall@10; for the product also its slowest keystrokes by median (a p99
 * that one keystroke causes every time is not noise). Recall is measured against a brute-force reference written here,
 * independently of the product's ranking: with diacritics folded, exact
 * whole-word name matches first, then prefixes of a first, last or alternative
 * name, then digit prefixes of a number (E.164 or national form), then company
 * prefixes; several words must each match, the entry's tier is its worst
 * word's. recall@10 = how many of an engine's top 10 belong to the best tier
 * the reference found (all of it when it has fewer than 10).
 */
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import FlexSearch from 'flexsearch';
import MiniSearch from 'minisearch';
import { DirectoryIndex, type SearchableEntry } from '../app/directory/directory-index';

const ENTRIES = Number(process.env.BENCH_ENTRIES ?? 100_000);
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 20);
/** The peers take up to a second a keystroke at 100k: fewer rounds keep the run within minutes (p99 is still over 100+ samples). */
const PEER_ROUNDS = Number(process.env.BENCH_PEER_ROUNDS ?? 3);
/** Untimed passes over every keystroke before the timed rounds (see run). */
const WARM_UP_PASSES = Number(process.env.BENCH_WARM_UP ?? 5);
const QUERIES = ['k', 'ka', 'kas', 'kask', 'mart', 'pold', 'lind ma', '+372 51', '5123'];

setFlagsFromString('--expose-gc');
const exposedGc: unknown = runInNewContext('gc');
function gc(): void {
  if (typeof exposedGc === 'function') Reflect.apply(exposedGc, undefined, []);
}

// ---------------------------------------------------------------------------
// Synthetic data (deterministic).

interface BenchEntry extends SearchableEntry {
  id: number;
  firstName: string;
  lastName: string;
  altNames: string[];
  company: string;
  department: string;
  numbers: string[];
}

let seed = 20260101;
function random(): number {
  seed = (seed * 1664525 + 1013904223) >>> 0;
  return seed / 2 ** 32;
}
function pick<T>(items: readonly T[]): T {
  const item = items[Math.floor(random() * items.length)];
  if (item === undefined) throw new RangeError('empty list');
  return item;
}
function digits(count: number): string {
  let out = '';
  for (let i = 0; i < count; i++) out += String(Math.floor(random() * 10));
  return out;
}

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

function buildEntries(count: number): BenchEntry[] {
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
      name: `${firstName} ${lastName}`,
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

function refFold(text: string): string {
  return text.toLowerCase().normalize('NFD').replace(/\p{M}/gu, '').replace(/ß/g, 'ss');
}
function refWords(text: string): string[] {
  return refFold(text)
    .split(/[^\p{L}\p{N}]+/u)
    .filter(Boolean);
}
const REF_CODES = ['372', '49', '33'];
function refNumberForms(number: string): string[] {
  const all = number.replace(/\D/g, '');
  if (!number.startsWith('+')) return [all];
  const code = REF_CODES.find((c) => all.startsWith(c));
  if (!code) return [all];
  const national = all.slice(code.length);
  return code === '372' ? [all, national] : [all, national, `0${national}`];
}

interface RefEntry {
  names: string[];
  company: string[];
  numbers: string[];
  /** E.164 digits of the international numbers (what '+…' is compared with). */
  international: string[];
}
function refEntry(entry: BenchEntry): RefEntry {
  return {
    names: [entry.firstName, entry.lastName, ...entry.altNames].flatMap(refWords),
    company: refWords(entry.company),
    numbers: entry.numbers.flatMap(refNumberForms),
    international: entry.numbers.filter((n) => n.startsWith('+')).map((n) => n.replace(/\D/g, '')),
  };
}
/** The query as every engine is given it: a number as its digits ('+372 51' → '37251'), else the text. */
function engineQuery(query: string): string {
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
function referenceBest(entries: RefEntry[], query: string): Set<number> {
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

// ---------------------------------------------------------------------------
// Engines.

interface Engine {
  name: string;
  build: (entries: BenchEntry[]) => void;
  search: (query: string) => number[];
}

function productEngine(): Engine {
  let index: DirectoryIndex<BenchEntry> | undefined;
  return {
    name: 'product',
    build: (entries) => {
      index = DirectoryIndex.build(entries);
    },
    search: (query) => (index?.search(query, 10) ?? []).map((hit) => hit.entry.id),
  };
}

function numberText(entry: BenchEntry): string {
  return entry.numbers.flatMap(refNumberForms).join(' ');
}

function miniSearchEngine(): Engine {
  let index: MiniSearch<BenchEntry> | undefined;
  return {
    name: 'MiniSearch',
    build: (entries) => {
      index = new MiniSearch<BenchEntry>({
        fields: ['name', 'altNames', 'company', 'numbers'],
        extractField: (doc, field) => {
          if (field === 'numbers') return numberText(doc);
          if (field === 'altNames') return doc.altNames.join(' ');
          if (field === 'id') return String(doc.id);
          const value = (doc as unknown as Record<string, unknown>)[field];
          return typeof value === 'string' ? value : '';
        },
        processTerm: (term) => refFold(term),
        searchOptions: { prefix: true, combineWith: 'AND', boost: { name: 3, altNames: 2, numbers: 2 } },
      });
      index.addAll(entries);
    },
    search: (query) =>
      (index?.search(engineQuery(query)) ?? []).slice(0, 10).map((result) => {
        const id: unknown = result.id;
        return typeof id === 'number' ? id : Number(id);
      }),
  };
}

function flexSearchEngine(): Engine {
  let index: InstanceType<typeof FlexSearch.Index> | undefined;
  return {
    name: 'FlexSearch',
    build: (entries) => {
      index = new FlexSearch.Index({ tokenize: 'forward', encoder: FlexSearch.Charset.LatinBalance, resolution: 9 });
      for (const entry of entries) {
        void index.add(entry.id, `${entry.firstName} ${entry.lastName} ${entry.altNames.join(' ')} ${numberText(entry)} ${entry.company}`);
      }
    },
    search: (query) => {
      const ids: unknown = index?.search(engineQuery(query), { limit: 10 }) ?? [];
      return Array.isArray(ids) ? ids.map((id: unknown) => Number(id)) : [];
    },
  };
}

// ---------------------------------------------------------------------------

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((sorted.length - 1) * p))] ?? 0;
}
const keystrokes = QUERIES.flatMap((query) => Array.from({ length: query.length }, (_, i) => query.slice(0, i + 1))).filter(
  (typed) => typed.trim() !== '' && !/^\+$/.test(typed.trim()),
);

function mean(values: readonly number[]): number {
  return values.reduce((sum, value) => sum + value, 0) / Math.max(1, values.length);
}

function heapMb(): number {
  gc();
  gc();
  // Typed arrays keep their contents outside the JS heap: count them too.
  const usage = process.memoryUsage();
  return (usage.heapUsed + usage.arrayBuffers) / 2 ** 20;
}

interface Result {
  name: string;
  buildMs: number;
  /** A second build of the same entries: what the console pays when it re-indexes after a change (code already compiled). */
  rebuildMs: number;
  heapMb: number;
  p50: number;
  p99: number;
  max: number;
  recall: number;
  /** Each keystroke's own times, sorted: which ones are slow. */
  perKeystroke: Map<string, number[]>;
  /** Heap bytes one search of the keystroke allocates: a young-generation collection lands in whichever keystroke fills the space. */
  allocated: Map<string, number>;
}

/**
 * Heap bytes a search of `typed` allocates, measured apart from the timed loop:
 * the heap's growth over repeated searches, the least of a few tries (a try a
 * collection ran in shrinks the heap and is dropped).
 */
function allocatedBytes(engine: Engine, typed: string): number {
  const repeats = 50;
  let least = Infinity;
  for (let attempt = 0; attempt < 5; attempt++) {
    const before = process.memoryUsage().heapUsed;
    for (let i = 0; i < repeats; i++) engine.search(typed);
    const grown = process.memoryUsage().heapUsed - before;
    if (grown >= 0) least = Math.min(least, grown / repeats);
  }
  return Number.isFinite(least) ? least : NaN;
}

function run(engine: Engine, entries: BenchEntry[], references: Map<string, Set<number>>, rounds: number): Result {
  const before = heapMb();
  const start = performance.now();
  engine.build(entries);
  const buildMs = performance.now() - start;
  const heap = heapMb() - before;
  const again = performance.now();
  engine.build(entries);
  const rebuildMs = performance.now() - again;
  gc();
  // Warm-up: a few passes, so the timed rounds measure optimised code (one pass left the first rounds in
  // baseline code — 11–20 ms a round against ~2 ms after — and those decided the p99), the same for every engine.
  for (let pass = 0; pass < WARM_UP_PASSES; pass++) for (const typed of keystrokes) engine.search(typed);
  // The timed loop allocates nothing of its own (a scavenge it caused would land in some keystroke's time):
  // each time goes into a preallocated slot, keystroke k of round r at r * keystrokes + k.
  const timed = new Float64Array(rounds * keystrokes.length);
  for (let round = 0, slot = 0; round < rounds; round++) {
    for (let k = 0; k < keystrokes.length; k++, slot++) {
      const typed = keystrokes[k] ?? '';
      const t0 = performance.now();
      engine.search(typed);
      timed[slot] = performance.now() - t0;
    }
  }
  const times = [...timed].sort((a, b) => a - b);
  const perKeystroke = new Map<string, number[]>(keystrokes.map((typed) => [typed, []]));
  timed.forEach((took, slot) => perKeystroke.get(keystrokes[slot % keystrokes.length] ?? '')?.push(took));
  for (const list of perKeystroke.values()) list.sort((a, b) => a - b);
  let recallSum = 0;
  for (const typed of keystrokes) {
    const best = references.get(typed) ?? new Set<number>();
    const top = engine.search(typed).slice(0, 10);
    const wanted = Math.min(10, best.size);
    recallSum += wanted === 0 ? 1 : top.filter((id) => best.has(id)).length / wanted;
  }
  const allocated = new Map(engine.name === 'product' ? keystrokes.map((typed) => [typed, allocatedBytes(engine, typed)]) : []);
  return {
    name: engine.name,
    allocated,
    buildMs,
    rebuildMs,
    heapMb: heap,
    p50: percentile(times, 0.5),
    p99: percentile(times, 0.99),
    max: times[times.length - 1] ?? 0,
    recall: recallSum / keystrokes.length,
    perKeystroke,
  };
}

const startHeap = heapMb();
const entries = buildEntries(ENTRIES);
const entriesHeap = heapMb() - startHeap;
const refEntries = entries.map(refEntry);
const references = new Map(keystrokes.map((typed) => [typed, referenceBest(refEntries, typed)]));
console.log(
  `${ENTRIES} entries (their own heap: ${entriesHeap.toFixed(1)} MB), ${keystrokes.length} keystrokes × ${ROUNDS} rounds (peers ${PEER_ROUNDS})`,
);
console.log(`keystrokes: ${keystrokes.map((k) => JSON.stringify(k)).join(' ')}`);
console.log('');

const results: Result[] = [];
/** BENCH_ENGINES=product runs the product's index alone (profiling); the proof runs all three. */
const only = process.env.BENCH_ENGINES?.split(',');
for (const engine of [productEngine(), miniSearchEngine(), flexSearchEngine()].filter((e) => !only || only.includes(e.name))) {
  const result = run(engine, entries, references, engine.name === 'product' ? ROUNDS : PEER_ROUNDS);
  results.push(result);
  console.log(
    `${result.name.padEnd(11)} build ${result.buildMs.toFixed(0).padStart(6)} ms  rebuild ${result.rebuildMs.toFixed(0).padStart(6)} ms  index heap ${result.heapMb.toFixed(1).padStart(6)} MB  ` +
      `p50 ${result.p50.toFixed(3)} ms  p99 ${result.p99.toFixed(3)} ms  max ${result.max.toFixed(3)} ms  recall@10 ${result.recall.toFixed(2)}`,
  );
  if (result.name === 'product') {
    // The slowest keystrokes by their median: a p99 that one keystroke causes every time is not noise.
    const slowest = [...result.perKeystroke].sort((a, b) => percentile(b[1], 0.5) - percentile(a[1], 0.5)).slice(0, 8);
    console.log(
      `  allocated per keystroke: mean ${mean([...result.allocated.values()]).toFixed(0)} B, most ${[...result.allocated]
        .sort((a, b) => b[1] - a[1])
        .slice(0, 3)
        .map(([typed, bytes]) => `${JSON.stringify(typed)} ${bytes.toFixed(0)} B`)
        .join(', ')}`,
    );
    console.log(
      `  slowest keystrokes (p50/max ms): ${slowest.map(([typed, list]) => `${JSON.stringify(typed)} ${percentile(list, 0.5).toFixed(3)}/${(list[list.length - 1] ?? 0).toFixed(3)}`).join(', ')}`,
    );
  }
}
console.log('');
console.log("the reference best tier at each query's last keystroke:");
console.log(`  ${QUERIES.map((query) => `${JSON.stringify(query)} ${references.get(query)?.size ?? 0}`).join(', ')}`);
const [product, mini, flex] = results;
if (product && mini && flex) {
  const totalHeap = entriesHeap + product.heapMb;
  console.log(
    `product total heap (entries + index): ${totalHeap.toFixed(1)} MB; targets: p99 ≤ 1 ms, build ≤ 300 ms, recall@10 ≥ ${Math.max(mini.recall, flex.recall).toFixed(2)}, heap ≤ 60 MB`,
  );
  console.log(
    `directory ${Math.round(ENTRIES / 1000)}k: build ${product.buildMs.toFixed(0)} ms (rebuild ${product.rebuildMs.toFixed(0)} ms), p99 ${product.p99.toFixed(3)} ms, recall@10 ${product.recall.toFixed(2)}; ` +
      `MiniSearch p99 ${mini.p99.toFixed(3)} ms; FlexSearch p99 ${flex.p99.toFixed(3)} ms`,
  );
}

/**
 * Builds the directory index's arrays from its entries (see DirectoryIndex.build).
 *
 * Two passes over flat arrays, no list per word: most of a build's time
 * was garbage collection of 250,000 one-element arrays (numbers are unique),
 * then cache misses of reading 100,000 entries in rank order.
 * Pass 1 (IndexBuilder.add) reads each entry once, in the order given (its
 * objects lie in memory in that order): each distinct text is folded and
 * tokenised once, an entry records its words' ids, number slots and digits;
 * pass 2 (IndexBuilder.place) gathers those records into rank order and walks
 * them, writing each entry's rank into its words' slots, so postings come out ascending.
 * Each step is a function of its own: a build runs in code that has not been
 * optimised yet, and one function holding every loop was recompiled for each
 * loop it reached. Pass 2 gathers in short copy loops, whose scattered reads
 * the processor overlaps: done in place, one entry at a time, they cost a third
 * of a build (`npm run bench:directory`).
 */
import { textWords } from './fold';
import {
  C_ALIAS,
  C_INTL,
  C_LOCAL,
  C_NAME,
  C_ORG,
  CLASS_COUNT,
  CLASS_SHIFT,
  COMPANY,
  FIRST_NAME,
  FULL_NAME,
  LAST_NAME,
  NAME_ROLE,
  numberText,
  ROLE_CLASSES,
  roleOf,
  visitTexts,
  WORD_CODE,
  WORD_MASK,
  type DigitsText,
  type FieldClass,
  type SearchableEntry,
  type TextField,
  type TextRole,
  type TextSink,
} from './index-layout';
import { numberKeys, type NumberKeySink } from './number-keys';
import { sortWithPayload } from './radix-sort';
import { RangeMin } from './range-min';

/** The index's arrays for these entries. */
export function buildIndex<T extends SearchableEntry>(entries: readonly T[]): Placed<T> {
  const builder = new IndexBuilder(entries.length);
  for (let i = 0; i < entries.length; i++) builder.add(entries[i], i);
  return builder.place(entries, builder.rankOrder());
}

/** A growing Int32Array: a plain array of a million codes, grown by push, spent a tenth of a build copying itself. */
class IntBuffer {
  values: Int32Array;
  length = 0;

  constructor(capacity: number) {
    this.values = new Int32Array(Math.max(16, Math.ceil(capacity)));
  }

  push(value: number): void {
    if (this.length === this.values.length) this.values = grown(this.values, this.length + 1);
    this.values[this.length++] = value;
  }
}

/** A copy of `values` with room for at least `needed` (twice as many, so growing costs a copy now and then). */
function grown<A extends Int32Array | Uint8Array | Float64Array>(values: A, needed: number): A {
  const copy = new (values.constructor as new (length: number) => A)(Math.max(needed, 2 * values.length));
  copy.set(values);
  return copy;
}

/** A number class's keys, in the order met, and where each one's code lies in the builder's records. */
class NumberColumn {
  keys: Float64Array;
  readonly slots: IntBuffer;
  length = 0;

  constructor(capacity: number) {
    this.keys = new Float64Array(Math.max(16, capacity));
    this.slots = new IntBuffer(capacity);
  }

  push(key: number, slot: number): void {
    if (this.length === this.keys.length) this.keys = grown(this.keys, this.length + 1);
    this.keys[this.length++] = key;
    this.slots.push(slot);
  }

  /** The keys ascending; each key's code (cls and its sorted place) written into its record slot. */
  sortInto(cls: number, records: Int32Array): Float64Array {
    const keys = this.keys.slice(0, this.length);
    const met = new Int32Array(this.length);
    for (let i = 0; i < met.length; i++) met[i] = i;
    sortWithPayload(keys, met);
    const slots = this.slots.values;
    const base = cls * WORD_CODE;
    for (let position = 0; position < met.length; position++) records[slots[met[position] ?? 0] ?? 0] = base + position;
    return keys;
  }
}

/** What a build hands the index. */
export interface Placed<T> {
  ranked: T[];
  classes: FieldClass[];
  entryStarts: Int32Array;
  entryCodes: Int32Array;
  digits: DigitsText;
  callingCodes: string[];
}

/** The classes whose words are texts (the others hold number keys). */
const TEXT_CLASSES = [C_NAME, C_ALIAS, C_ORG];

/** A text class laid out: its words sorted, where each one's postings start, and where the class's postings lie in the shared array. */
interface TextClassLayout {
  cls: number;
  words: string[];
  starts: Int32Array;
  base: number;
}

/**
 * A build's state, one object for all of it (its methods are the sink of
 * visitTexts and numberKeys: no closure per entry).
 *
 * Texts have an id each (per role: a company named like a person is another
 * text); text t's words are textWords[textStarts[t] .. textStarts[t + 1]),
 * its first textPrimary[t] its primary words as they come (repeats kept: the
 * sort name joins them). Words have one id space across the text classes: a
 * word's text, how many entries have it and the last entry that had it are
 * flat arrays by that id.
 *
 * Entry i's record is records[recordStarts[i] .. recordStarts[i + 1]): how
 * many words it has, their ids (each once), then one slot per number, which
 * gets the number's code once the keys are sorted. Its digits are
 * digitCodes[digitStarts[i] .. digitStarts[i + 1]).
 */
class IndexBuilder implements TextSink, NumberKeySink {
  /** Text → id, for names and for organisations. */
  private readonly nameTextIds = new Map<string, number>();
  private readonly orgTextIds = new Map<string, number>();
  private readonly textStarts: IntBuffer;
  private readonly textPrimary: IntBuffer;
  private readonly textWords: IntBuffer;
  /** Per text class: word → word id. */
  private readonly wordIds: Map<string, number>[] = Array.from({ length: CLASS_COUNT }, () => new Map<string, number>());
  private readonly wordText: string[] = [];
  private wordEntries: Int32Array;
  /** 1 + the last entry that had the word: an entry has a word once ('Mart Kask' is also its first and last name). */
  private wordLastEntry: Int32Array;
  private readonly records: IntBuffer;
  private readonly recordStarts: Int32Array;
  private readonly intlColumn: NumberColumn;
  private readonly localColumn: NumberColumn;
  /** Each entry's digits (char codes), every number followed by a space: digits never match across two numbers. */
  private digitCodes: Uint8Array;
  private digitLength = 0;
  private readonly digitStarts: Int32Array;
  /** The calling codes of the international numbers held, as flags by code: a national number is searched as each of them followed by it. */
  private readonly callingCodeHeld = new Uint8Array(1000);
  private readonly ownCompany: Uint8Array;
  /** Each entry's sort name (nameKey in directory-index.ts) by id; the distinct sort names and their ids. */
  private readonly sortNameOf: Int32Array;
  private readonly sortNameIds = new Map<string, number>();
  /** Sort name ids by the texts they were made of: last name → first name → id, and a single text (name or company) → id. */
  private readonly pairNames = new Map<number, Map<number, number>>();
  private readonly singleNames = new Map<number, number>();
  /** The text ids of the current entry's names and company (-1: none), for its sort name. */
  private firstText = -1;
  private lastText = -1;
  private fullText = -1;
  private companyText = -1;
  private current = 0;
  /** How many postings the text classes laid out so far hold (the next one's start in the shared array). */
  private laidOut = 0;

  constructor(private readonly count: number) {
    // Sized for a typical directory up front: a buffer that grows takes a path the optimised code has not
    // seen, and the first build (in code compiled while it runs) would be thrown back to the interpreter.
    this.textStarts = new IntBuffer(count / 4);
    this.textPrimary = new IntBuffer(count / 4);
    this.textWords = new IntBuffer(count / 2);
    this.textStarts.push(0);
    this.wordEntries = new Int32Array(Math.max(16, count / 4));
    this.wordLastEntry = new Int32Array(this.wordEntries.length);
    this.records = new IntBuffer(count * 12);
    this.recordStarts = new Int32Array(count + 1);
    this.intlColumn = new NumberColumn(count * 2);
    this.localColumn = new NumberColumn(count);
    this.digitCodes = new Uint8Array(Math.max(1024, count * 32));
    this.digitStarts = new Int32Array(count + 1);
    this.ownCompany = new Uint8Array(count);
    this.sortNameOf = new Int32Array(count);
  }

  /** Pass 1: entry `index`'s texts, numbers and sort name. */
  add(entry: SearchableEntry | undefined, index: number): void {
    this.current = index;
    this.firstText = this.lastText = this.fullText = this.companyText = -1;
    const header = this.records.length;
    this.recordStarts[index] = header;
    this.digitStarts[index] = this.digitLength;
    this.records.push(0);
    if (entry) {
      visitTexts(entry, this);
      this.records.values[header] = this.records.length - header - 1;
      const numbers = entry.numbers;
      for (let n = 0; n < numbers.length; n++) numberKeys(numberText(numbers[n] ?? ''), this);
      this.ownCompany[index] = entry.ownCompany ? 1 : 0;
      this.sortNameOf[index] = this.sortName(entry);
    }
    this.recordStarts[index + 1] = this.records.length;
    this.digitStarts[index + 1] = this.digitLength;
  }

  text(text: string, field: TextField): void {
    const role = roleOf(field);
    const id = (role === NAME_ROLE ? this.nameTextIds : this.orgTextIds).get(text) ?? this.addText(text, role);
    if (field === FIRST_NAME) this.firstText = id;
    else if (field === LAST_NAME) this.lastText = id;
    else if (field === FULL_NAME) this.fullText = id;
    else if (field === COMPANY) this.companyText = id;
    const mark = this.current + 1;
    const textWords = this.textWords.values;
    const lastEntry = this.wordLastEntry;
    const entriesOf = this.wordEntries;
    const end = this.textStarts.values[id + 1] ?? 0;
    for (let w = this.textStarts.values[id] ?? 0; w < end; w++) {
      const word = textWords[w] ?? 0;
      if (lastEntry[word] === mark) continue;
      lastEntry[word] = mark;
      entriesOf[word] = (entriesOf[word] ?? 0) + 1;
      this.records.push(word);
    }
  }

  international(key: number, callingCode: number): void {
    this.intlColumn.push(key, this.records.length);
    this.records.push(0);
    this.callingCodeHeld[callingCode] = 1;
  }

  local(key: number): void {
    this.localColumn.push(key, this.records.length);
    this.records.push(0);
  }

  digits(digits: Uint8Array, count: number): void {
    if (this.digitLength + count + 1 > this.digitCodes.length) this.digitCodes = grown(this.digitCodes, this.digitLength + count + 1);
    const out = this.digitCodes;
    let at = this.digitLength;
    for (let i = 0; i < count; i++) out[at++] = 48 + (digits[i] ?? 0);
    out[at++] = 32;
    this.digitLength = at;
  }

  /** A text met for the first time: folded and tokenised (once per distinct text), its words interned. */
  private addText(text: string, role: TextRole): number {
    const id = this.textPrimary.length;
    (role === NAME_ROLE ? this.nameTextIds : this.orgTextIds).set(text, id);
    const { primary, secondary } = textWords(text);
    const [primaryClass, secondaryClass] = ROLE_CLASSES[role];
    for (const word of primary) this.textWords.push(this.intern(primaryClass, word));
    for (const word of secondary) this.textWords.push(this.intern(secondaryClass, word));
    this.textPrimary.push(primary.length);
    this.textStarts.push(this.textWords.length);
    return id;
  }

  private intern(cls: number, word: string): number {
    const ids = this.wordIds[cls];
    let id = ids?.get(word);
    if (id !== undefined) return id;
    id = this.wordText.length;
    ids?.set(word, id);
    this.wordText.push(word);
    if (id >= this.wordEntries.length) {
      this.wordEntries = grown(this.wordEntries, id + 1);
      this.wordLastEntry = grown(this.wordLastEntry, id + 1);
    }
    return id;
  }

  /**
   * The id of the entry's sort name (nameKey in directory-index.ts): by the ids of the texts it
   * is made of, so it is joined only once per distinct last and first name.
   */
  private sortName(entry: SearchableEntry): number {
    if (entry.lastName || entry.firstName) {
      let firsts = this.pairNames.get(this.lastText);
      if (!firsts) this.pairNames.set(this.lastText, (firsts = new Map<number, number>()));
      let id = firsts.get(this.firstText);
      if (id === undefined) {
        id = this.sortNameId([...this.primaryWords(this.lastText), ...this.primaryWords(this.firstText)]);
        firsts.set(this.firstText, id);
      }
      return id;
    }
    // As nameKey: the name as written when there is one (even empty), else the company.
    const text = entry.name !== undefined ? this.fullText : this.companyText;
    let id = this.singleNames.get(text);
    if (id === undefined) this.singleNames.set(text, (id = this.sortNameId(this.primaryWords(text))));
    return id;
  }

  private primaryWords(text: number): string[] {
    if (text < 0) return [];
    const start = this.textStarts.values[text] ?? 0;
    const words: string[] = [];
    for (let w = 0; w < (this.textPrimary.values[text] ?? 0); w++) words.push(this.wordText[this.textWords.values[start + w] ?? 0] ?? '');
    return words;
  }

  private sortNameId(words: readonly string[]): number {
    const name = words.join(' ');
    let id = this.sortNameIds.get(name);
    if (id === undefined) this.sortNameIds.set(name, (id = this.sortNameIds.size));
    return id;
  }

  /**
   * Entry indexes in rank order (own company first, then the sort name, then
   * the order given): the distinct sort names sorted once, the entries by a
   * counting sort on (own company, name rank), which keeps the order given.
   */
  rankOrder(): Int32Array {
    const names = [...this.sortNameIds.keys()].sort(); // the engine's own string sort: no comparator call per step
    const nameCount = names.length;
    const nameRank = new Int32Array(nameCount);
    names.forEach((name, rank) => (nameRank[this.sortNameIds.get(name) ?? 0] = rank));
    const bucketOf = new Int32Array(this.count);
    const starts = new Int32Array(2 * nameCount + 1);
    for (let i = 0; i < this.count; i++) {
      const bucket = (this.ownCompany[i] ? 0 : nameCount) + (nameRank[this.sortNameOf[i] ?? 0] ?? 0);
      bucketOf[i] = bucket;
      starts[bucket + 1] = (starts[bucket + 1] ?? 0) + 1;
    }
    for (let bucket = 1; bucket < starts.length; bucket++) starts[bucket] = (starts[bucket] ?? 0) + (starts[bucket - 1] ?? 0);
    const order = new Int32Array(this.count);
    for (let i = 0; i < this.count; i++) {
      const bucket = bucketOf[i] ?? 0;
      const at = starts[bucket] ?? 0;
      starts[bucket] = at + 1;
      order[at] = i;
    }
    return order;
  }

  /**
   * Pass 2: the records and digits gathered into rank order (short copy loops,
   * whose reads the processor overlaps: read in place, one entry at a time, the
   * same scattered reads cost up to half of a build), then one walk over them in order
   * that writes each entry's rank into its words' and numbers' slots (so
   * postings ascend) and its codes.
   */
  place<T>(entries: readonly T[], order: Int32Array): Placed<T> {
    const records = this.records.values;
    const layouts = TEXT_CLASSES.map((cls) => this.layOut(cls));
    const wordCode = new Int32Array(this.wordText.length);
    const cursor = new Int32Array(this.wordText.length);
    for (const layout of layouts) this.placeWords(layout, wordCode, cursor);
    const intlKeys = this.intlColumn.sortInto(C_INTL, records);
    const localKeys = this.localColumn.sortInto(C_LOCAL, records);

    const ranked = gatherEntries(entries, order);
    const inRankOrder = gatherRuns(records, this.recordStarts, order);
    const digits = gatherDigits(this.digitCodes, this.digitStarts, order);
    const last = layouts[layouts.length - 1];
    const postings = new Int32Array(last ? last.base + (last.starts[last.starts.length - 1] ?? 0) : 0);
    const numberRanks = [new Int32Array(this.intlColumn.length), new Int32Array(this.localColumn.length)];
    const codes = walkRecords(inRankOrder, wordCode, cursor, postings, numberRanks);

    const classes: FieldClass[] = [];
    for (let cls = 0; cls < CLASS_COUNT; cls++) {
      const layout = layouts.find((text) => text.cls === cls);
      if (layout) {
        const end = layout.base + (layout.starts[layout.starts.length - 1] ?? 0);
        classes.push({ words: layout.words, starts: layout.starts, postings: new RangeMin(postings.subarray(layout.base, end)) });
      } else {
        const keys = cls === C_INTL ? intlKeys : localKeys;
        classes.push({ keys, postings: new RangeMin(numberRanks[cls - C_INTL] ?? new Int32Array(0)) });
      }
    }
    const callingCodes: string[] = [];
    this.callingCodeHeld.forEach((held, code) => {
      if (held && code > 0) callingCodes.push(String(code));
    });
    return { ranked, classes, entryStarts: codes.starts, entryCodes: codes.codes, digits, callingCodes: callingCodes.sort() };
  }

  /** A text class's words sorted; its postings lie after those of the classes laid out before it. */
  private layOut(cls: number): TextClassLayout {
    const words = [...(this.wordIds[cls]?.keys() ?? [])].sort(); // the engine's own string sort: no comparator call per step
    const starts = new Int32Array(words.length + 1);
    const base = this.laidOut;
    for (let position = 0; position < words.length; position++) {
      const id = this.wordIds[cls]?.get(words[position] ?? '') ?? 0;
      starts[position + 1] = (starts[position] ?? 0) + (this.wordEntries[id] ?? 0);
    }
    this.laidOut = base + (starts[words.length] ?? 0);
    return { cls, words, starts, base };
  }

  /** Each word's code (its class and sorted place) and the first slot of its postings in the shared array. */
  private placeWords(layout: TextClassLayout, wordCode: Int32Array, cursor: Int32Array): void {
    const ids = this.wordIds[layout.cls];
    layout.words.forEach((word, position) => {
      const id = ids?.get(word) ?? 0;
      wordCode[id] = layout.cls * WORD_CODE + position;
      cursor[id] = layout.base + (layout.starts[position] ?? 0);
    });
  }
}

/** The entries in rank order. */
function gatherEntries<T>(entries: readonly T[], order: Int32Array): T[] {
  const ranked: T[] = [];
  for (let rank = 0; rank < order.length; rank++) {
    const entry = entries[order[rank] ?? 0];
    if (entry !== undefined) ranked.push(entry);
  }
  return ranked;
}

/** Runs of int values (values[starts[i] .. starts[i + 1]) for each i), copied in `order`, with where each starts. */
function gatherRuns(values: Int32Array, starts: Int32Array, order: Int32Array): { values: Int32Array; starts: Int32Array } {
  const out = new Int32Array(starts[starts.length - 1] ?? 0);
  const outStarts = new Int32Array(order.length + 1);
  let at = 0;
  for (let rank = 0; rank < order.length; rank++) {
    const input = order[rank] ?? 0;
    const end = starts[input + 1] ?? 0;
    outStarts[rank] = at;
    for (let i = starts[input] ?? 0; i < end; i++) out[at++] = values[i] ?? 0;
  }
  outStarts[order.length] = at;
  return { values: out, starts: outStarts };
}

/** The entries' digits in `order`, as one text, and where each entry's start. */
function gatherDigits(codes: Uint8Array, starts: Int32Array, order: Int32Array): DigitsText {
  const out = new Uint8Array(starts[starts.length - 1] ?? 0);
  const outStarts = new Int32Array(order.length);
  let at = 0;
  for (let rank = 0; rank < order.length; rank++) {
    const input = order[rank] ?? 0;
    const end = starts[input + 1] ?? 0;
    outStarts[rank] = at;
    for (let i = starts[input] ?? 0; i < end; i++) out[at++] = codes[i] ?? 32;
  }
  return { text: latin1Text(out), starts: outStarts };
}

/**
 * Walks the records in rank order: each word's and number's slot gets the
 * entry's rank (so every posting list ascends), and the entry's codes are its
 * words' codes and its numbers' (already in the record).
 */
function walkRecords(
  records: { values: Int32Array; starts: Int32Array },
  wordCode: Int32Array,
  cursor: Int32Array,
  postings: Int32Array,
  numberRanks: readonly Int32Array[],
): { starts: Int32Array; codes: Int32Array } {
  const { values, starts: recordStarts } = records;
  const count = recordStarts.length - 1;
  const starts = new Int32Array(count + 1);
  const codes = new Int32Array(values.length - count);
  const intlRanks = numberRanks[0] ?? new Int32Array(0);
  const localRanks = numberRanks[1] ?? new Int32Array(0);
  let at = 0;
  for (let rank = 0; rank < count; rank++) {
    starts[rank] = at;
    const header = recordStarts[rank] ?? 0;
    const end = recordStarts[rank + 1] ?? 0;
    const wordEnd = header + 1 + (values[header] ?? 0);
    for (let i = header + 1; i < wordEnd; i++) {
      const word = values[i] ?? 0;
      const slot = cursor[word] ?? 0;
      postings[slot] = rank;
      cursor[word] = slot + 1;
      codes[at++] = wordCode[word] ?? 0;
    }
    for (let i = wordEnd; i < end; i++) {
      const code = values[i] ?? 0;
      if (code >>> CLASS_SHIFT === C_INTL) intlRanks[code & WORD_MASK] = rank;
      else localRanks[code & WORD_MASK] = rank;
      codes[at++] = code;
    }
  }
  starts[count] = at;
  return { starts, codes };
}

/**
 * One-byte char codes as a string. TextDecoder (in every runtime the console
 * runs in, but not in app/'s type library) does 2.5 MB in ~20 ms; the
 * fromCharCode fallback takes three to eight times that.
 */
export function latin1Text(bytes: Uint8Array): string {
  const Decoder: unknown = Reflect.get(globalThis, 'TextDecoder');
  if (typeof Decoder === 'function') {
    const decoder: unknown = Reflect.construct(Decoder, ['latin1']);
    const decode: unknown = typeof decoder === 'object' && decoder ? Reflect.get(decoder, 'decode') : undefined;
    const text: unknown = typeof decode === 'function' ? Reflect.apply(decode, decoder, [bytes]) : undefined;
    if (typeof text === 'string') return text;
  }
  const chunks: string[] = [];
  for (let at = 0; at < bytes.length; at += 8192) chunks.push(String.fromCharCode(...bytes.subarray(at, at + 8192)));
  return chunks.join('');
}

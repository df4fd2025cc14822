/**
 * The directory's search index: ranked prefix search over names, numbers and
 * companies, answered from memory while the receptionist types.
 *
 * Why hand-written and not MiniSearch or FlexSearch: `npm run bench:directory`
 * (100,000 entries, the same queries keystroke by keystroke, each engine in its
 * own process on the 2-core build machine, load average ~1–3) measured — this
 * index: build 289 ms, p50 0.007 ms, p99 0.17 ms, recall@10 1.00, 13 MB;
 * MiniSearch: build 2.8 s, p50 156 ms, p99 1024 ms, recall@10 1.00, 270 MB;
 * FlexSearch (forward tokenizer): build 6.0 s, p99 11 ms, recall@10 0.71, 86 MB.
 * MiniSearch scores every matching term of a short prefix ('k' matches half
 * the directory); FlexSearch does not rank a name before a company or a
 * number. Neither comes near a keystroke's budget. The build is in
 * index-builder.ts.
 *
 * How: each field class (names, secondary spellings, E.164 digits, national
 * digits, company words) keeps its distinct words sorted, each with the
 * entries it names sorted by rank (own company first, then alphabetical). A
 * prefix is a contiguous run of words, so a contiguous run of postings, and
 * RangeMin hands out its best-ranked entries in O(k log n) however long the run.
 * Several words: each word's postings are counted into one array, level by level.
 */
import { foldText, rawWords, secondaryFold, textWords, type TextWords } from './fold';
import { buildIndex } from './index-builder';
import {
  C_ALIAS,
  C_INTL,
  C_LOCAL,
  C_NAME,
  C_ORG,
  CLASS_COUNT,
  CLASS_SHIFT,
  numberText,
  ROLE_CLASSES,
  roleOf,
  visitTexts,
  WORD_MASK,
  type DigitsText,
  type FieldClass,
  type SearchableEntry,
} from './index-layout';
import { callingCodeOf, numberQuery } from './numbers';
import { dialsTrunkZero, joinedDigitKey, KEY_DIGITS, keyDigits, numberKeys, prefixKeyWidth, type NumberKeySink } from './number-keys';
import { AscendingValues } from './range-min';

export { numberText, type SearchableEntry };

/** How well an entry matches, best first. */
export const MATCH_TIERS = ['exact-name', 'name-prefix', 'number-prefix', 'number-digits', 'company-prefix', 'secondary-spelling'] as const;
export type MatchTier = (typeof MATCH_TIERS)[number];

export interface SearchHit<T> {
  entry: T;
  tier: MatchTier;
  /** Where the hit's level sorts (hits of two indexes merge by step, then by rankKey, then by the order they were given in). */
  step: number;
}

const EXACT = 0;
const NAME = 1;
const NUMBER = 2;
/** The digits typed appear inside a number, not at its start ('456' finds +372 5123 456). */
const DIGITS = 3;
const ORG = 4;
const ALIAS = 5;
/** Digits-anywhere needs this many digits typed: fewer appear in nearly every number. */
const MIN_INNER_DIGITS = 3;

/** Whether a query word may match inside a number's digits (not only at its start). */
function matchesInside(word: QueryWord): boolean {
  return !!word.digits && !word.international && word.digits.length >= MIN_INNER_DIGITS;
}
const NO_MATCH = 99;
/** A range of this many words or fewer is walked word by word (each one's postings ascend), a longer one through RangeMin. */
const SORTED_WORDS = 4;

interface QueryWord {
  /** Primary folded form. */
  text: string;
  /** The word's own secondary form ('müller' → 'mueller'), matched against names as a secondary spelling. */
  secondary?: string;
  /** Set when the word is a number: its digits. */
  digits?: string;
  international: boolean;
}

type Range = { cls: number; lo: number; hi: number };

/** Tiers a query word is looked up at (EXACT … ALIAS). */
const TIER_COUNT = ALIAS + 1;

/** A multi-word search's ranges: word i's ranges up to tier t are ranges[i][0, tierEnds[i * TIER_COUNT + t]). */
interface WordRanges {
  ranges: Range[][];
  tierEnds: Int32Array;
  /** The level at hand: how many of word i's ranges it asks for, and whether word i may match inside a number's digits. */
  counts: Int32Array;
  inside: Uint8Array;
}

export class DirectoryIndex<T extends SearchableEntry> {
  /** Per-query dedupe without clearing: seen[rank] === stamp. */
  private readonly seen: Int32Array;
  private stamp = 0;
  /** Entries taken out since the build (their record changed or went): 1 at their rank. */
  private readonly retired: Uint8Array;
  private retiredCount = 0;
  /*
   * Scratch reused by every search: a keystroke's garbage decides its p99 (a
   * young-generation collection lands in the keystroke that fills the space;
   * `npm run bench:directory`), so a search allocates only what it returns.
   */
  private readonly values = new AscendingValues();
  /** Already in this search's hits: emitted[rank] === searchStamp. */
  private readonly emitted: Int32Array;
  private searchStamp = 0;
  /** The ranges a level of searchMany asked for, as (cls, lo, hi) triples and word ends; compared with the level before. */
  private signature = new Int32Array(64);
  private previousSignature = new Int32Array(64);
  private previousLength = -1;
  private readonly scratchRanges: Range[] = [];
  private readonly wordRanges: WordRanges = {
    ranges: [],
    tierEnds: new Int32Array(0),
    counts: new Int32Array(0),
    inside: new Uint8Array(0),
  };

  private constructor(
    /** Entries by rank. */
    private readonly ranked: T[],
    private readonly classes: FieldClass[],
    /** Each ranked entry's words: entryCodes[entryStarts[r] .. entryStarts[r + 1]), class * WORD_CODE + the word's place in its class. */
    private readonly entryStarts: Int32Array,
    private readonly entryCodes: Int32Array,
    /** Every entry's number digits in rank order, for digits-anywhere. */
    private readonly digits: DigitsText,
    /** The calling codes of the international numbers held, as digits. */
    private readonly callingCodes: readonly string[],
  ) {
    this.seen = new Int32Array(ranked.length);
    this.emitted = new Int32Array(ranked.length);
    this.retired = new Uint8Array(ranked.length);
  }

  get size(): number {
    return this.ranked.length;
  }

  /** How many entries were retired since the build. */
  get retiredSize(): number {
    return this.retiredCount;
  }

  /** The entry at a rank (0 is the best-ranked), for a caller that keeps where its entries went. */
  entryAt(rank: number): T | undefined {
    return this.ranked[rank];
  }

  /** Takes the entry at `rank` out of every answer (its record changed or went) without rebuilding. */
  retire(rank: number): void {
    if (rank < 0 || rank >= this.retired.length || this.retired[rank]) return;
    this.retired[rank] = 1;
    this.retiredCount++;
  }

  /** The ranks of the live entries that have this number's key (E.164 digits with '+', else its own digits), best first. */
  numberRanks(number: string): number[] {
    const found: number[] = [];
    numberKeys(number, {
      international: (key) => this.keyRanks(C_INTL, key, found),
      local: (key) => this.keyRanks(C_LOCAL, key, found),
    });
    return found.sort((a, b) => a - b);
  }

  private keyRanks(cls: number, key: number, into: number[]): void {
    const field = this.classes[cls];
    if (!field || !('keys' in field)) return;
    for (let i = lowerBoundKey(field.keys, key); i < field.keys.length && field.keys[i] === key; i++) {
      const rank = field.postings.values[i] ?? -1;
      if (rank >= 0 && !this.retired[rank]) into.push(rank);
    }
  }

  /** An index of the entries (see index-builder.ts). */
  static build<T extends SearchableEntry>(entries: readonly T[]): DirectoryIndex<T> {
    const built = buildIndex(entries);
    return new DirectoryIndex(built.ranked, built.classes, built.entryStarts, built.entryCodes, built.digits, built.callingCodes);
  }

  /** The best `limit` entries for what was typed, best first; [] for empty text. */
  search(text: string, limit: number): SearchHit<T>[] {
    const words = queryWords(text);
    if (words.length === 0 || limit <= 0 || this.ranked.length === 0) return [];
    this.stamp++;
    return words.length === 1 && words[0] ? this.searchOne(words[0], limit) : this.searchMany(words, limit);
  }

  private searchOne(word: QueryWord, limit: number): SearchHit<T>[] {
    const hits: SearchHit<T>[] = [];
    for (let tier = EXACT; tier <= ALIAS && hits.length < limit; tier++) {
      if (tier === DIGITS) {
        this.innerDigits(word, limit, hits);
        continue;
      }
      const values = this.values;
      values.reset();
      const ranges = this.scratchRanges;
      ranges.length = 0;
      this.tierRanges(word, tier, ranges);
      for (const range of ranges) this.addRange(values, range);
      for (let rank = values.next(); rank >= 0 && hits.length < limit; rank = values.next()) {
        if (this.seen[rank] === this.stamp) continue;
        this.seen[rank] = this.stamp;
        const entry = this.ranked[rank];
        if (entry && !this.retired[rank]) hits.push({ entry, tier: tierName(tier), step: tier * 2 });
      }
    }
    return hits;
  }

  /**
   * Several words, level by level (every word exact, then every word at least
   * a name prefix, …): the entries every word reaches at that level, in rank order.
   */
  private searchMany(words: QueryWord[], limit: number): SearchHit<T>[] {
    const hits: SearchHit<T>[] = [];
    this.searchStamp++;
    this.previousLength = -1;
    // Each word's ranges of every tier, once, in tier order: a level's ranges for a word are a prefix of them.
    const perWord = this.wordRanges;
    if (perWord.counts.length !== words.length) {
      // Sized to the words typed (they change far less often than keystrokes come): a typed array each costs more than its contents.
      perWord.tierEnds = new Int32Array(words.length * TIER_COUNT);
      perWord.counts = new Int32Array(words.length);
      perWord.inside = new Uint8Array(words.length);
    }
    perWord.ranges = [];
    for (let i = 0; i < words.length; i++) {
      const word = words[i];
      const ranges: Range[] = [];
      for (let tier = EXACT; tier <= ALIAS; tier++) {
        if (word) this.tierRanges(word, tier, ranges);
        perWord.tierEnds[i * TIER_COUNT + tier] = ranges.length;
      }
      perWord.ranges.push(ranges);
    }
    for (let level = EXACT; level <= ALIAS; level++) {
      // At each level, first the entries whose finished words (all but the last) are whole names:
      // 'lind ma' puts Maria Lind before Linda Maasik.
      for (let pass = 0; pass < 2; pass++) {
        const finishedExact = pass === 0;
        if (hits.length >= limit) return hits;
        // Plain loops, no closure per step: tsx (the bench, the dev server) wraps every closure made in a naming call.
        for (let i = 0; i < words.length; i++) {
          const word = words[i];
          const top = finishedExact && i < words.length - 1 ? EXACT : level;
          perWord.counts[i] = perWord.tierEnds[i * TIER_COUNT + top] ?? 0;
          perWord.inside[i] = top >= DIGITS && !!word && matchesInside(word) ? 1 : 0;
        }
        if (this.sameAsPrevious(perWord)) continue; // this level adds no candidates
        this.intersect(perWord, words, limit, hits, level, level * 2 + (finishedExact ? 0 : 1));
      }
    }
    return hits;
  }

  /** Whether a level asks for the very ranges the level before it did (then it adds no candidates); remembers this one's. */
  private sameAsPrevious(perWord: WordRanges): boolean {
    const { ranges: all, counts, inside } = perWord;
    let length = 0;
    for (let i = 0; i < counts.length; i++) length += 3 * (counts[i] ?? 0) + 1;
    if (this.signature.length < length) {
      this.signature = new Int32Array(2 * length);
      this.previousSignature = new Int32Array(2 * length);
      this.previousLength = -1;
    }
    const signature = this.signature;
    let at = 0;
    for (let i = 0; i < counts.length; i++) {
      const ranges = all[i] ?? [];
      const count = counts[i] ?? 0;
      for (let r = 0; r < count; r++) {
        const range = ranges[r];
        if (!range) continue;
        signature[at++] = range.cls;
        signature[at++] = range.lo;
        signature[at++] = range.hi;
      }
      signature[at++] = inside[i] ? -2 : -1; // a word's end (no class is negative)
    }
    let same = length === this.previousLength;
    for (let i = 0; same && i < length; i++) same = signature[i] === this.previousSignature[i];
    this.signature = this.previousSignature;
    this.previousSignature = signature;
    this.previousLength = length;
    return same;
  }

  /**
   * Up to `limit` ranks, best first, that every word reaches (and not already
   * emitted): the word with the fewest postings hands out its ranks in order,
   * and each is checked against the other words' ranges on its own codes
   * (integer compares, no string: 'lind m' checks hundreds of Linds).
   * `inside[i]`: word i may also match inside a number's digits, which no range holds,
   * so it drives only when every word does.
   */
  private intersect(perWord: WordRanges, words: QueryWord[], limit: number, hits: SearchHit<T>[], level: number, step: number): void {
    if (hits.length >= limit) return;
    const { ranges: all, counts, inside } = perWord;
    for (let i = 0; i < counts.length; i++) if (counts[i] === 0 && !inside[i]) return;
    let driver = -1;
    let driverCount = 0;
    for (let pass = 0; pass < 2; pass++) {
      const complete = pass === 0;
      for (let i = 0; i < counts.length; i++) {
        if (counts[i] === 0 || (complete && inside[i])) continue;
        const count = this.postingCount(all[i] ?? [], counts[i] ?? 0);
        if (driver < 0 || count < driverCount) {
          driver = i;
          driverCount = count;
        }
      }
      if (driver >= 0) break;
    }
    if (driver < 0) return;
    this.stamp++;
    const values = this.values;
    values.reset();
    const driverRanges = all[driver] ?? [];
    for (let r = 0; r < (counts[driver] ?? 0); r++) {
      const range = driverRanges[r];
      if (range) this.addRange(values, range);
    }
    for (let rank = values.next(); rank >= 0 && hits.length < limit; rank = values.next()) {
      if (this.seen[rank] === this.stamp || this.retired[rank] || this.emitted[rank] === this.searchStamp) continue;
      this.seen[rank] = this.stamp;
      let every = true;
      for (let i = 0; i < words.length && every; i++) {
        if (i !== driver) every = this.reaches(rank, all[i] ?? [], counts[i] ?? 0, inside[i] ? words[i]?.digits : undefined);
      }
      const entry = this.ranked[rank];
      if (every && entry) {
        this.emitted[rank] = this.searchStamp;
        hits.push({ entry, tier: tierName(level), step });
      }
    }
  }

  /** Hands a range's postings to `values`: a few words' postings each as the ascending run it is, a longer range through RangeMin. */
  private addRange(values: AscendingValues, range: Range): void {
    const cls = this.classes[range.cls];
    if (!cls) return;
    if ('starts' in cls && range.hi - range.lo <= SORTED_WORDS) {
      for (let w = range.lo; w < range.hi; w++) values.addSorted(cls.postings, cls.starts[w] ?? 0, cls.starts[w + 1] ?? 0);
    } else values.add(cls.postings, slotOf(cls, range.lo), slotOf(cls, range.hi));
  }

  /** How many postings the ranges hold. */
  private postingCount(ranges: readonly Range[], count: number): number {
    let sum = 0;
    for (let r = 0; r < count; r++) {
      const range = ranges[r];
      const cls = range && this.classes[range.cls];
      if (range && cls) sum += slotOf(cls, range.hi) - slotOf(cls, range.lo);
    }
    return sum;
  }

  /** Whether one of the ranked entry's codes lies in one of the ranges, or its numbers hold `insideDigits`. */
  private reaches(rank: number, ranges: readonly Range[], count: number, insideDigits: string | undefined): boolean {
    const end = this.entryStarts[rank + 1] ?? 0;
    for (let i = this.entryStarts[rank] ?? 0; i < end; i++) {
      const code = this.entryCodes[i] ?? 0;
      const cls = code >>> CLASS_SHIFT;
      const position = code & WORD_MASK;
      for (let r = 0; r < count; r++) {
        const range = ranges[r];
        if (range && range.cls === cls && position >= range.lo && position < range.hi) return true;
      }
    }
    if (insideDigits === undefined) return false;
    const { text, starts } = this.digits;
    // Within the entry's own digits only (no slice made; indexOf could run on through the rest of the directory).
    const last = (starts[rank + 1] ?? text.length) - insideDigits.length;
    for (let at = starts[rank] ?? 0; at <= last; at++) if (text.startsWith(insideDigits, at)) return true;
    return false;
  }

  /**
   * Entries whose number holds the typed digits somewhere inside (not already
   * found), best-ranked first: the digits text is in rank order, so the first
   * occurrences found are the best entries, and the scan stops at `limit`.
   */
  private innerDigits(word: QueryWord, limit: number, hits: SearchHit<T>[]): void {
    if (!word.digits || !matchesInside(word)) return;
    const { text, starts } = this.digits;
    for (let at = text.indexOf(word.digits); at >= 0 && hits.length < limit; at = text.indexOf(word.digits, at + 1)) {
      const rank = upperBound(starts, at) - 1;
      if (rank < 0 || this.seen[rank] === this.stamp) continue;
      this.seen[rank] = this.stamp;
      const entry = this.ranked[rank];
      if (entry && !this.retired[rank]) hits.push({ entry, tier: tierName(DIGITS), step: DIGITS * 2 });
    }
  }

  /** The word runs of each class that give `word` the tier. */
  private tierRanges(word: QueryWord, tier: number, ranges: Range[] = []): Range[] {
    switch (tier) {
      case EXACT:
        if (!word.digits) this.addPrefix(ranges, C_NAME, word.text, true);
        break;
      case NAME:
        if (!word.digits) this.addPrefix(ranges, C_NAME, word.text);
        break;
      case NUMBER:
        if (word.digits) {
          this.addPrefix(ranges, C_INTL, word.digits);
          if (!word.international) {
            this.addPrefix(ranges, C_LOCAL, word.digits);
            // A national number, as written at home: each calling code held, followed by it ('5123…' → '3725123…'),
            // and without its trunk '0' where that country dials one ('030 12…' → '4930 12…').
            // The code and the digits are keyed as they stand (no joined string per code and keystroke).
            const trunk = word.digits.startsWith('0') && word.digits.length > 1;
            for (const code of this.callingCodes) {
              this.addKeyPrefix(ranges, C_INTL, code, word.digits, 0);
              if (trunk && dialsTrunkZero(Number(code))) this.addKeyPrefix(ranges, C_INTL, code, word.digits, 1);
            }
          }
        }
        break;
      case ORG:
        this.addPrefix(ranges, C_ORG, word.text);
        break;
      case ALIAS:
        if (!word.digits) {
          this.addPrefix(ranges, C_ALIAS, word.text);
          if (word.secondary) this.addPrefix(ranges, C_NAME, word.secondary);
        }
        break;
      default:
        break;
    }
    return ranges;
  }

  /** Adds the run of a number class's keys whose digits start with `head` followed by `tail` from `from` on, when there are any. */
  private addKeyPrefix(ranges: Range[], cls: number, head: string, tail: string, from: number): void {
    const field = this.classes[cls];
    if (!field || !('keys' in field)) return;
    const length = head.length + tail.length - from;
    if (length > KEY_DIGITS) return; // no key holds that many digits
    const key = joinedDigitKey(head, tail, from);
    const lo = lowerBoundKey(field.keys, key);
    const hi = lowerBoundKey(field.keys, key + prefixKeyWidth(length));
    if (lo < hi) ranges.push({ cls, lo, hi });
  }

  /** Adds the run of words in a class that start with the prefix (or equal it), when there are any (no object made for none). */
  private addPrefix(ranges: Range[], cls: number, prefix: string, exact = false): void {
    const field = this.classes[cls];
    if (!field) return;
    if ('keys' in field) {
      this.addKeyPrefix(ranges, cls, '', prefix, 0);
      return;
    }
    const words = field.words;
    const lo = lowerBound(words, prefix);
    const hi = exact ? (words[lo] === prefix ? lo + 1 : lo) : prefixEnd(words, prefix, lo);
    if (lo < hi) ranges.push({ cls, lo, hi });
  }
}

/** Where a range bound falls in the class's postings: a text class's word starts there, a number class's key is its own slot. */
function slotOf(cls: FieldClass, bound: number): number {
  return 'starts' in cls ? (cls.starts[bound] ?? 0) : bound;
}

function tierName(tier: number): MatchTier {
  return MATCH_TIERS[tier] ?? 'secondary-spelling';
}

function classTier(cls: number, candidate: string, word: QueryWord): number {
  switch (cls) {
    case C_NAME:
      if (word.digits) return NO_MATCH;
      if (candidate === word.text) return EXACT;
      if (candidate.startsWith(word.text)) return NAME;
      if (word.secondary && candidate.startsWith(word.secondary)) return ALIAS;
      return NO_MATCH;
    case C_ALIAS:
      return !word.digits && candidate.startsWith(word.text) ? ALIAS : NO_MATCH;
    case C_INTL:
      if (!word.digits) return NO_MATCH;
      if (candidate.startsWith(word.digits) || (!word.international && nationalStartsWith(candidate, word.digits))) return NUMBER;
      return !word.international && word.digits.length >= MIN_INNER_DIGITS && candidate.includes(word.digits) ? DIGITS : NO_MATCH;
    case C_LOCAL:
      if (!word.digits || word.international) return NO_MATCH;
      if (candidate.startsWith(word.digits)) return NUMBER;
      return word.digits.length >= MIN_INNER_DIGITS && candidate.includes(word.digits) ? DIGITS : NO_MATCH;
    case C_ORG:
      return candidate.startsWith(word.text) ? ORG : NO_MATCH;
    default:
      return NO_MATCH;
  }
}

/** Whether E.164 digits, read nationally (after their calling code, or with the trunk '0' their country dials), start with `digits`. */
function nationalStartsWith(e164: string, digits: string): boolean {
  const code = callingCodeOf(e164);
  if (!code) return false;
  const national = e164.slice(code.length);
  if (national.startsWith(digits)) return true;
  return digits.startsWith('0') && dialsTrunkZero(Number(code)) && `0${national}`.startsWith(digits);
}

function lowerBoundKey(sorted: Float64Array, key: number): number {
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if ((sorted[mid] ?? 0) < key) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** The first place whose value is greater than `value`. */
function upperBound(sorted: Int32Array, value: number): number {
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if ((sorted[mid] ?? 0) <= value) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** The first place from `lo` on whose word does not start with `prefix` (the words before `lo` sort before it): no `prefix + '\uffff'` made. */
function prefixEnd(sorted: readonly string[], prefix: string, lo: number): number {
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if ((sorted[mid] ?? '').startsWith(prefix)) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

function lowerBound(sorted: readonly string[], key: string): number {
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if ((sorted[mid] ?? '') < key) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/**
 * Folds each distinct text once: a directory repeats first names, last names,
 * companies and departments thousands of times.
 */
class TextCache {
  private readonly cache = new Map<string, TextWords>();
  words(text: string): TextWords {
    let words = this.cache.get(text);
    if (!words) {
      words = textWords(text);
      this.cache.set(text, words);
    }
    return words;
  }
}

/** Receives an entry's words and number keys; one object for a whole build (no closure per entry: tsx wraps each in a naming call). */
interface WordSink extends NumberKeySink {
  add(cls: number, word: string): void;
}

/** Hands the sink each of the entry's words with its field class (a word may come twice). */
function visitWords(entry: SearchableEntry, cache: TextCache, sink: WordSink): void {
  visitTexts(entry, {
    text(text, field) {
      const words = cache.words(text);
      const [primary, secondary] = ROLE_CLASSES[roleOf(field)];
      for (const word of words.primary) sink.add(primary, word);
      for (const word of words.secondary) sink.add(secondary, word);
    },
  });
  for (const number of entry.numbers) numberKeys(numberText(number), sink);
}

/** The entry's words per field class (the index's view of an entry), each once. */
export function entryWords(entry: SearchableEntry, cache: TextCache = new TextCache()): string[][] {
  const perClass: string[][] = Array.from({ length: CLASS_COUNT }, () => []);
  const addWord = (cls: number, word: string) => {
    const list = perClass[cls];
    if (list && !list.includes(word)) list.push(word);
  };
  visitWords(entry, cache, {
    add: addWord,
    international: (key) => addWord(C_INTL, keyDigits(key)),
    local: (key) => addWord(C_LOCAL, keyDigits(key)),
  });
  return perClass;
}

/**
 * What an entry sorts by within a tier: colleagues (own company) first, then
 * by last and first name (or the name as written), folded. Hits of two
 * indexes (see SearchHit.step) merge by this key.
 */
export function rankKey(entry: SearchableEntry): string {
  return `${entry.ownCompany ? 0 : 1}${nameKey(entry, new TextCache())}`;
}

/** The folded words an entry sorts by, joined: its last then first name's, or (with neither) the name as written or the company's. */
function nameKey(entry: SearchableEntry, cache: TextCache): string {
  if (entry.lastName || entry.firstName) {
    return [...cache.words(entry.lastName ?? '').primary, ...cache.words(entry.firstName ?? '').primary].join(' ');
  }
  return cache.words(entry.name ?? entry.company ?? '').primary.join(' ');
}

/** What was typed, as query words: a number as one word of digits, else the folded words (each once). */
export function queryWords(text: string): QueryWord[] {
  const ascii = asciiText(text);
  // A text with a letter is no number: numberQuery's compacted copy is not made for it.
  const asNumber = ascii === ASCII_LETTERS ? undefined : numberQuery(text);
  if (asNumber) return asNumber.digits ? [{ text: asNumber.digits, digits: asNumber.digits, international: asNumber.international }] : [];
  if (ascii !== NOT_ASCII) return asciiQueryWords(text);
  const words: QueryWord[] = [];
  for (const rawWord of rawWords(text)) {
    const folded = foldText(rawWord);
    if (!folded || hasWord(words, folded)) continue;
    const secondary = secondaryFold(rawWord);
    const digits = /^[0-9]+$/.test(folded) ? folded : undefined;
    words.push({ text: folded, secondary, digits, international: false });
  }
  return words;
}

const NOT_ASCII = 0;
const ASCII_LETTERS = 1;
const ASCII_NO_LETTERS = 2;

/** Whether the text is ASCII, and then whether it has a letter. */
function asciiText(text: string): number {
  let letters = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c > 127) return NOT_ASCII;
    if ((c | 32) >= 97 && (c | 32) <= 122) letters = true;
  }
  return letters ? ASCII_LETTERS : ASCII_NO_LETTERS;
}

/**
 * queryWords of an ASCII text, scanned by hand (what the receptionist types on
 * nearly every keystroke): its folding is lower case, its words the runs of
 * letters and digits, none has a secondary spelling — the same words the
 * general path makes, without its arrays, regular expressions and copies per keystroke.
 */
function asciiQueryWords(text: string): QueryWord[] {
  const lower = text.toLowerCase();
  const words: QueryWord[] = [];
  let start = -1;
  let allDigits = true;
  for (let i = 0; i <= lower.length; i++) {
    const c = i < lower.length ? lower.charCodeAt(i) : 32;
    const digit = c >= 48 && c <= 57;
    if (digit || (c >= 97 && c <= 122)) {
      if (start < 0) {
        start = i;
        allDigits = true;
      }
      if (!digit) allDigits = false;
      continue;
    }
    if (start < 0) continue;
    const folded = lower.slice(start, i);
    start = -1;
    if (hasWord(words, folded)) continue;
    words.push({ text: folded, secondary: undefined, digits: allDigits ? folded : undefined, international: false });
  }
  return words;
}

function hasWord(words: readonly QueryWord[], text: string): boolean {
  for (const word of words) if (word.text === text) return true;
  return false;
}

/** Whether and how one entry matches what was typed (for entries not in an index yet, and tests). */
export function matchEntry(entry: SearchableEntry, text: string): MatchTier | undefined {
  const words = queryWords(text);
  if (words.length === 0) return undefined;
  const perClass = entryWords(entry);
  let worst = EXACT;
  for (const word of words) {
    let best = NO_MATCH;
    perClass.forEach((classWords, cls) => {
      for (const candidate of classWords) best = Math.min(best, classTier(cls, candidate, word));
    });
    worst = Math.max(worst, best);
    if (worst === NO_MATCH) return undefined;
  }
  return tierName(worst);
}

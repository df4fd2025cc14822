/**
 * Sorts integer keys (0 ≤ key < 2^53) together with a payload, by key.
 *
 * Why hand-written: the directory sorts ~340,000 number keys, each with the
 * rank of the entry it belongs to. A typed-array sort cannot carry the rank,
 * and a comparator sort of index pairs, or binary-searching every key back
 * into the sorted keys afterwards, took 300+ ms of the 300 ms build budget
 * (`npm run bench:directory`; random probes into a 2.7 MB array miss the
 * cache). An LSD radix sort reads and writes sequentially: five passes of
 * 11 bits, a pass skipped when every key has the same digit there. Stable.
 *
 * Each loop is a small function of its own, called pass after pass: a build
 * runs once, in code that has not been optimised yet, and one function
 * holding every loop was recompiled for each loop it reached (a cold sort
 * took 170–330 ms against 25 ms warm).
 */
const BITS = 11;
const BUCKETS = 1 << BITS;
const MASK = BUCKETS - 1;
const TWO_32 = 2 ** 32;
/** Bits 0–10, 11–21, 22–31 of the low word, then 0–10, 11–20 of the high word. */
const PASSES: readonly { high: boolean; shift: number }[] = [
  { high: false, shift: 0 },
  { high: false, shift: 11 },
  { high: false, shift: 22 },
  { high: true, shift: 0 },
  { high: true, shift: 11 },
];

/** Sorts `keys` ascending and moves `payload[i]` with `keys[i]`; both are sorted in place. */
export function sortWithPayload(keys: Float64Array, payload: Int32Array): void {
  const n = keys.length;
  if (payload.length !== n) throw new RangeError('keys and payload differ in length');
  if (n < 2) return;
  let lo = new Uint32Array(n);
  let hi = new Uint32Array(n);
  let load = Int32Array.from(payload);
  splitWords(keys, lo, hi);
  // Every pass's digit counts at once: they do not depend on the order the keys are in.
  const counts = new Int32Array(BUCKETS * PASSES.length);
  countDigits(lo, counts, 0, 3);
  countDigits(hi, counts, 3, 2);
  let spareLo = new Uint32Array(n);
  let spareHi = new Uint32Array(n);
  let spareLoad = new Int32Array(n);
  PASSES.forEach(({ high, shift }, pass) => {
    const offsets = counts.subarray(pass * BUCKETS, (pass + 1) * BUCKETS);
    if (!toOffsets(offsets, n)) return; // every key has this digit: the pass would change nothing
    scatter(high ? hi : lo, shift, offsets, lo, hi, load, spareLo, spareHi, spareLoad);
    [lo, spareLo] = [spareLo, lo];
    [hi, spareHi] = [spareHi, hi];
    [load, spareLoad] = [spareLoad, load];
  });
  joinWords(lo, hi, keys);
  payload.set(load);
}

function splitWords(keys: Float64Array, lo: Uint32Array, hi: Uint32Array): void {
  for (let i = 0; i < keys.length; i++) {
    const key = keys[i] ?? 0;
    const high = Math.floor(key / TWO_32);
    hi[i] = high;
    lo[i] = key - high * TWO_32;
  }
}

function joinWords(lo: Uint32Array, hi: Uint32Array, keys: Float64Array): void {
  for (let i = 0; i < keys.length; i++) keys[i] = (hi[i] ?? 0) * TWO_32 + (lo[i] ?? 0);
}

/** Counts the 11-bit digits of `words` for `passes` passes from `firstPass` on (the digit at bits 11 * p of each word). */
function countDigits(words: Uint32Array, counts: Int32Array, firstPass: number, passes: number): void {
  const base0 = firstPass * BUCKETS;
  const base1 = base0 + BUCKETS;
  const base2 = base1 + BUCKETS;
  for (let i = 0; i < words.length; i++) {
    const word = words[i] ?? 0;
    const d0 = base0 + (word & MASK);
    const d1 = base1 + ((word >>> BITS) & MASK);
    counts[d0] = (counts[d0] ?? 0) + 1;
    counts[d1] = (counts[d1] ?? 0) + 1;
    if (passes > 2) {
      const d2 = base2 + ((word >>> (2 * BITS)) & MASK);
      counts[d2] = (counts[d2] ?? 0) + 1;
    }
  }
}

/** Turns a pass's digit counts into where each digit's keys start; false when one digit holds all `n` keys. */
function toOffsets(counts: Int32Array, n: number): boolean {
  let total = 0;
  for (let digit = 0; digit < counts.length; digit++) {
    const count = counts[digit] ?? 0;
    if (count === n) return false;
    counts[digit] = total;
    total += count;
  }
  return true;
}

/** One stable pass: each key (both words and its payload) to the next place of its digit in `words`. */
function scatter(
  words: Uint32Array,
  shift: number,
  offsets: Int32Array,
  lo: Uint32Array,
  hi: Uint32Array,
  load: Int32Array,
  toLo: Uint32Array,
  toHi: Uint32Array,
  toLoad: Int32Array,
): void {
  for (let i = 0; i < words.length; i++) {
    const digit = ((words[i] ?? 0) >>> shift) & MASK;
    const to = offsets[digit] ?? 0;
    offsets[digit] = to + 1;
    toLo[to] = lo[i] ?? 0;
    toHi[to] = hi[i] ?? 0;
    toLoad[to] = load[i] ?? 0;
  }
}

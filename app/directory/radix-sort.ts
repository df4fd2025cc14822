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
 */
const BITS = 11;
const BUCKETS = 1 << BITS;
const MASK = BUCKETS - 1;
const TWO_32 = 2 ** 32;

/** Sorts `keys` ascending and moves `payload[i]` with `keys[i]`; both are sorted in place. */
export function sortWithPayload(keys: Float64Array, payload: Int32Array): void {
  const n = keys.length;
  if (payload.length !== n) throw new RangeError('keys and payload differ in length');
  if (n < 2) return;
  let lo = new Uint32Array(n);
  let hi = new Uint32Array(n);
  let load = Int32Array.from(payload);
  for (let i = 0; i < n; i++) {
    const key = keys[i] ?? 0;
    const high = Math.floor(key / TWO_32);
    hi[i] = high;
    lo[i] = key - high * TWO_32;
  }
  let spareLo = new Uint32Array(n);
  let spareHi = new Uint32Array(n);
  let spareLoad = new Int32Array(n);
  const counts = new Int32Array(BUCKETS);
  // Bits 0–10, 11–21, 22–31 of the low word, then 0–10, 11–20 of the high word.
  const passes: [word: 'lo' | 'hi', shift: number][] = [
    ['lo', 0],
    ['lo', 11],
    ['lo', 22],
    ['hi', 0],
    ['hi', 11],
  ];
  for (const [word, shift] of passes) {
    const source = word === 'lo' ? lo : hi;
    counts.fill(0);
    for (let i = 0; i < n; i++) {
      const digit = ((source[i] ?? 0) >>> shift) & MASK;
      counts[digit] = (counts[digit] ?? 0) + 1;
    }
    if (counts.some((count) => count === n)) continue; // every key has this digit: the pass would change nothing
    let total = 0;
    for (let digit = 0; digit < BUCKETS; digit++) {
      const count = counts[digit] ?? 0;
      counts[digit] = total;
      total += count;
    }
    for (let i = 0; i < n; i++) {
      const digit = ((source[i] ?? 0) >>> shift) & MASK;
      const to = counts[digit] ?? 0;
      counts[digit] = to + 1;
      spareLo[to] = lo[i] ?? 0;
      spareHi[to] = hi[i] ?? 0;
      spareLoad[to] = load[i] ?? 0;
    }
    [lo, spareLo] = [spareLo, lo];
    [hi, spareHi] = [spareHi, hi];
    [load, spareLoad] = [spareLoad, load];
  }
  for (let i = 0; i < n; i++) {
    keys[i] = (hi[i] ?? 0) * TWO_32 + (lo[i] ?? 0);
    payload[i] = load[i] ?? 0;
  }
}

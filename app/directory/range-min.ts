/**
 * The k smallest values of a slice of an Int32Array, in ascending order,
 * without scanning the slice: a segment tree answers "where is the minimum
 * of [lo, hi)" in O(log n), and a heap of sub-slices hands out the next
 * smallest value k times. A prefix such as '3' covers two thirds of 100,000
 * numbers; this keeps each keystroke at O(k log n) however wide the prefix is.
 */
export class RangeMin {
  private readonly size: number;
  /**
   * Position of the minimum of each node's slice (-1: empty); the leaves are
   * blocks of BLOCK values, not single ones: an eighth of the memory
   * (3.5 MB less at 100,000 entries) for at most 2 × BLOCK more reads a query.
   */
  private readonly tree: Int32Array;

  constructor(readonly values: Int32Array) {
    const blocks = Math.ceil(values.length / BLOCK);
    let size = 1;
    while (size < blocks) size *= 2;
    this.size = size;
    this.tree = new Int32Array(2 * size).fill(-1);
    for (let block = 0; block < blocks; block++)
      this.tree[size + block] = this.scan(-1, block * BLOCK, Math.min(values.length, (block + 1) * BLOCK));
    for (let node = size - 1; node >= 1; node--) this.tree[node] = this.better(this.tree[2 * node] ?? -1, this.tree[2 * node + 1] ?? -1);
  }

  private better(a: number, b: number): number {
    if (a < 0) return b;
    if (b < 0) return a;
    return (this.values[b] ?? 0) < (this.values[a] ?? 0) ? b : a;
  }

  /** The better of `best` and the minimum of values[lo, hi), read one by one. */
  private scan(best: number, lo: number, hi: number): number {
    const values = this.values;
    let position = best;
    let value = best < 0 ? Infinity : (values[best] ?? 0);
    for (let i = lo; i < hi; i++) {
      const candidate = values[i] ?? 0;
      if (candidate < value) {
        value = candidate;
        position = i;
      }
    }
    return position;
  }

  /** Position of the smallest value in [lo, hi), or -1 when the slice is empty. */
  minPosition(lo: number, hi: number): number {
    if (hi - lo <= 2 * BLOCK) return this.scan(-1, lo, hi);
    const firstBlock = Math.ceil(lo / BLOCK);
    const endBlock = Math.floor(hi / BLOCK);
    let best = this.scan(-1, lo, firstBlock * BLOCK);
    best = this.scan(best, endBlock * BLOCK, hi);
    let left = firstBlock + this.size;
    let right = endBlock + this.size;
    while (left < right) {
      if (left & 1) best = this.better(best, this.tree[left++] ?? -1);
      if (right & 1) best = this.better(best, this.tree[--right] ?? -1);
      left >>= 1;
      right >>= 1;
    }
    return best;
  }
}

/** Values per leaf of a RangeMin's tree. */
const BLOCK = 8;

/**
 * Hands out the values of several slices (of one or more RangeMins) in
 * ascending order, one at a time; repeated values come out once per occurrence.
 *
 * The heap lives in typed arrays and one instance serves every search
 * (`reset()` between uses): an object per pending slice made a keystroke's
 * garbage, and the young-generation collections it caused were the
 * slowest keystrokes of `npm run bench:directory`.
 */
export class AscendingValues {
  /**
   * The RangeMins met since the reset, sources[0, sourceCount); a slot names its source by place here.
   * Not truncated on reset: an emptied array gives its storage back, and the next push would allocate it again.
   */
  private readonly sources: RangeMin[] = [];
  private sourceCount = 0;
  private count = 0;
  /** Per heap slot: its source, slice [lo, hi), the position and value it hands out next, whether the slice ascends already. */
  private source: Int32Array = new Int32Array(INITIAL_SLOTS);
  private lo: Int32Array = new Int32Array(INITIAL_SLOTS);
  private hi: Int32Array = new Int32Array(INITIAL_SLOTS);
  private position: Int32Array = new Int32Array(INITIAL_SLOTS);
  private value: Int32Array = new Int32Array(INITIAL_SLOTS);
  private sorted = new Uint8Array(INITIAL_SLOTS);

  /** Forgets every slice: the instance is ready for the next search. */
  reset(): void {
    this.count = 0;
    this.sourceCount = 0;
  }

  add(source: RangeMin, lo: number, hi: number): void {
    if (lo >= hi) return;
    const position = source.minPosition(lo, hi);
    if (position < 0) return;
    this.push(this.sourceId(source), lo, hi, position, source.values[position] ?? 0, 0);
  }

  /**
   * A slice whose values ascend (one word's postings): handed out one by one
   * in place order, a step each instead of two minimum searches — 'lind m'
   * walks hundreds of Linds.
   */
  addSorted(source: RangeMin, lo: number, hi: number): void {
    if (lo >= hi) return;
    this.push(this.sourceId(source), lo, hi, lo, source.values[lo] ?? 0, 1);
  }

  /** The next smallest value, or -1 when every slice is spent. */
  next(): number {
    if (this.count === 0) return -1;
    const value = this.value[0] ?? 0;
    const source = this.sources[this.source[0] ?? 0];
    if (!source) return -1;
    const lo = this.lo[0] ?? 0;
    const hi = this.hi[0] ?? 0;
    const position = this.position[0] ?? 0;
    if (this.sorted[0]) {
      if (position + 1 < hi) {
        // The same slice, one further on: it stays in the heap, sifted down from the top.
        this.position[0] = position + 1;
        this.value[0] = source.values[position + 1] ?? 0;
        this.siftDown(0);
        return value;
      }
      this.removeTop();
      return value;
    }
    this.removeTop();
    this.add(source, lo, position);
    this.add(source, position + 1, hi);
    return value;
  }

  private sourceId(source: RangeMin): number {
    const sources = this.sources;
    for (let i = 0; i < this.sourceCount; i++) if (sources[i] === source) return i;
    if (this.sourceCount < sources.length) sources[this.sourceCount] = source;
    else sources.push(source);
    return this.sourceCount++;
  }

  private removeTop(): void {
    this.count--;
    if (this.count > 0) {
      this.move(this.count, 0);
      this.siftDown(0);
    }
  }

  private push(source: number, lo: number, hi: number, position: number, value: number, sorted: number): void {
    if (this.count === this.value.length) this.grow();
    let i = this.count++;
    while (i > 0) {
      const parent = (i - 1) >> 1;
      if ((this.value[parent] ?? 0) <= value) break;
      this.move(parent, i);
      i = parent;
    }
    this.set(i, source, lo, hi, position, value, sorted);
  }

  private siftDown(start: number): void {
    const count = this.count;
    const values = this.value;
    const source = this.source[start] ?? 0;
    const lo = this.lo[start] ?? 0;
    const hi = this.hi[start] ?? 0;
    const position = this.position[start] ?? 0;
    const value = values[start] ?? 0;
    const sorted = this.sorted[start] ?? 0;
    let i = start;
    for (;;) {
      const left = 2 * i + 1;
      if (left >= count) break;
      const right = left + 1;
      const child = right < count && (values[right] ?? 0) < (values[left] ?? 0) ? right : left;
      if ((values[child] ?? 0) >= value) break;
      this.move(child, i);
      i = child;
    }
    this.set(i, source, lo, hi, position, value, sorted);
  }

  private move(from: number, to: number): void {
    this.source[to] = this.source[from] ?? 0;
    this.lo[to] = this.lo[from] ?? 0;
    this.hi[to] = this.hi[from] ?? 0;
    this.position[to] = this.position[from] ?? 0;
    this.value[to] = this.value[from] ?? 0;
    this.sorted[to] = this.sorted[from] ?? 0;
  }

  private set(at: number, source: number, lo: number, hi: number, position: number, value: number, sorted: number): void {
    this.source[at] = source;
    this.lo[at] = lo;
    this.hi[at] = hi;
    this.position[at] = position;
    this.value[at] = value;
    this.sorted[at] = sorted;
  }

  /** Twice the slots (a rare search: a heap holds a slice per range, plus one per value handed out). */
  private grow(): void {
    const size = this.value.length * 2;
    const widen = (from: Int32Array): Int32Array => {
      const to = new Int32Array(size);
      to.set(from);
      return to;
    };
    this.source = widen(this.source);
    this.lo = widen(this.lo);
    this.hi = widen(this.hi);
    this.position = widen(this.position);
    this.value = widen(this.value);
    const sorted = new Uint8Array(size);
    sorted.set(this.sorted);
    this.sorted = sorted;
  }
}

/** Heap slots an AscendingValues starts with: a keystroke's slices fit (it grows for more). */
const INITIAL_SLOTS = 256;

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

/** A slice of one RangeMin still to hand out, keyed by its smallest value. */
interface Pending {
  source: RangeMin;
  lo: number;
  hi: number;
  position: number;
  value: number;
  /** The slice is ascending already: its values come out in place order, no minimum searched. */
  sorted: boolean;
}

/**
 * Hands out the values of several slices (of one or more RangeMins) in
 * ascending order, one at a time; repeated values come out once per occurrence.
 */
export class AscendingValues {
  private readonly heap: Pending[] = [];

  add(source: RangeMin, lo: number, hi: number): void {
    if (lo >= hi) return;
    const position = source.minPosition(lo, hi);
    if (position < 0) return;
    this.push({ source, lo, hi, position, value: source.values[position] ?? 0, sorted: false });
  }

  /**
   * A slice whose values ascend (one word's postings): handed out one by one
   * in place order, a step each instead of two minimum searches — 'lind m'
   * walks hundreds of Linds.
   */
  addSorted(source: RangeMin, lo: number, hi: number): void {
    if (lo >= hi) return;
    this.push({ source, lo, hi, position: lo, value: source.values[lo] ?? 0, sorted: true });
  }

  /** The next smallest value, or -1 when every slice is spent. */
  next(): number {
    const top = this.heap[0];
    if (!top) return -1;
    const value = top.value;
    if (top.sorted && top.position + 1 < top.hi) {
      // The same slice, one further on: it stays in the heap, sifted down from the top.
      top.position++;
      top.value = top.source.values[top.position] ?? 0;
      this.siftDown(0);
      return value;
    }
    const last = this.heap.pop();
    if (last && this.heap.length > 0) {
      this.heap[0] = last;
      this.siftDown(0);
    }
    if (!top.sorted) {
      this.add(top.source, top.lo, top.position);
      this.add(top.source, top.position + 1, top.hi);
    }
    return value;
  }

  private push(item: Pending): void {
    const heap = this.heap;
    heap.push(item);
    let i = heap.length - 1;
    while (i > 0) {
      const parent = (i - 1) >> 1;
      const above = heap[parent];
      if (!above || above.value <= item.value) break;
      heap[i] = above;
      i = parent;
    }
    heap[i] = item;
  }

  private siftDown(start: number): void {
    const heap = this.heap;
    const item = heap[start];
    if (!item) return;
    let i = start;
    for (;;) {
      const left = 2 * i + 1;
      if (left >= heap.length) break;
      const right = left + 1;
      const leftItem = heap[left];
      const rightItem = heap[right];
      let child = left;
      let childItem = leftItem;
      if (rightItem && leftItem && rightItem.value < leftItem.value) {
        child = right;
        childItem = rightItem;
      }
      if (!childItem || childItem.value >= item.value) break;
      heap[i] = childItem;
      i = child;
    }
    heap[i] = item;
  }
}

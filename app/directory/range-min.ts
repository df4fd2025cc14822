/**
 * The k smallest values of a slice of an Int32Array, in ascending order,
 * without scanning the slice: a segment tree answers "where is the minimum
 * of [lo, hi)" in O(log n), and a heap of sub-slices hands out the next
 * smallest value k times. A prefix such as '3' covers two thirds of 100,000
 * numbers; this keeps each keystroke at O(k log n) however wide the prefix is.
 */
export class RangeMin {
  private readonly size: number;
  /** Position of the minimum of each inner node's slice (-1: empty); a leaf's is its own position, so leaves are not stored. */
  private readonly tree: Int32Array;

  constructor(readonly values: Int32Array) {
    let size = 1;
    while (size < values.length) size *= 2;
    this.size = size;
    this.tree = new Int32Array(size).fill(-1);
    for (let node = size - 1; node >= 1; node--) this.tree[node] = this.better(this.node(2 * node), this.node(2 * node + 1));
  }

  private node(n: number): number {
    if (n < this.size) return this.tree[n] ?? -1;
    const position = n - this.size;
    return position < this.values.length ? position : -1;
  }

  private better(a: number, b: number): number {
    if (a < 0) return b;
    if (b < 0) return a;
    return (this.values[b] ?? 0) < (this.values[a] ?? 0) ? b : a;
  }

  /** Position of the smallest value in [lo, hi), or -1 when the slice is empty. */
  minPosition(lo: number, hi: number): number {
    let best = -1;
    let left = lo + this.size;
    let right = hi + this.size;
    while (left < right) {
      if (left & 1) best = this.better(best, this.node(left++));
      if (right & 1) best = this.better(best, this.node(--right));
      left >>= 1;
      right >>= 1;
    }
    return best;
  }
}

/** A slice of one RangeMin still to hand out, keyed by its smallest value. */
interface Pending {
  source: RangeMin;
  lo: number;
  hi: number;
  position: number;
  value: number;
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
    this.push({ source, lo, hi, position, value: source.values[position] ?? 0 });
  }

  /** The next smallest value, or -1 when every slice is spent. */
  next(): number {
    const top = this.heap[0];
    if (!top) return -1;
    const last = this.heap.pop();
    if (last && this.heap.length > 0) {
      this.heap[0] = last;
      this.siftDown(0);
    }
    this.add(top.source, top.lo, top.position);
    this.add(top.source, top.position + 1, top.hi);
    return top.value;
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

/**
 * A growable FIFO queue on a circular array (a `collections.deque` for the hot path).
 *
 * `push` and `shift` are O(1) and allocate nothing until the buffer has to grow; it grows by
 * doubling (the capacity is always a power of two, so wrapping is a mask) and never shrinks.
 * Removed slots are cleared so the buffer keeps no reference to elements it no longer holds.
 */
export class RingBuffer<T> {
  private items: (T | undefined)[];
  private mask: number;
  private head = 0;
  /** How many elements the buffer holds. Read-only for callers. */
  length = 0;

  constructor(initialCapacity = 8) {
    let capacity = 2;
    while (capacity < initialCapacity) capacity *= 2;
    this.items = packedArray<T>(capacity);
    this.mask = capacity - 1;
  }

  /** Appends `x` at the tail. */
  push(x: T): void {
    if (this.length > this.mask) this.grow();
    this.items[(this.head + this.length) & this.mask] = x;
    this.length++;
  }

  /** Removes and returns the head (the oldest element); undefined when empty. */
  shift(): T | undefined {
    if (this.length === 0) return undefined;
    const head = this.head;
    const x = this.items[head];
    this.items[head] = undefined;
    this.head = (head + 1) & this.mask;
    this.length--;
    return x;
  }

  /** The head without removing it; undefined when empty. */
  peek(): T | undefined {
    return this.length === 0 ? undefined : this.items[this.head];
  }

  /** The element at position `i` from the head (0 = oldest); undefined when out of range. */
  get(i: number): T | undefined {
    if (i < 0 || i >= this.length) return undefined;
    return this.items[(this.head + i) & this.mask];
  }

  /** A fresh array of the elements, oldest first. */
  toArray(): T[] {
    const n = this.length;
    const items = this.items;
    const mask = this.mask;
    const out = new Array<T>(n);
    for (let i = 0, j = this.head; i < n; i++, j = (j + 1) & mask) out[i] = items[j] as T;
    return out;
  }

  /** Removes every element. */
  clear(): void {
    const n = this.length;
    for (let i = 0, j = this.head; i < n; i++, j = (j + 1) & this.mask) this.items[j] = undefined;
    this.head = 0;
    this.length = 0;
  }

  private grow(): void {
    const old = this.items;
    const oldCapacity = this.mask + 1;
    const items = packedArray<T>(oldCapacity * 2);
    for (let i = 0; i < this.length; i++) items[i] = old[(this.head + i) & this.mask];
    this.items = items;
    this.head = 0;
    this.mask = oldCapacity * 2 - 1;
  }
}

/**
 * The last `n` elements of a stream, for sliding windows. Every element is written twice, at `p`
 * and `p + n`, so the window is always one contiguous run of a `2n` array and `toArray` copies it
 * without index wrapping.
 */
export class WindowRing<T> {
  private readonly items: (T | undefined)[];
  /** Where the next element goes, in [0, n); once full, also the position of the oldest. */
  private pos = 0;
  /** How many elements the window holds (at most n). Read-only for callers. */
  length = 0;

  constructor(readonly n: number) {
    this.items = packedArray<T>(2 * n);
  }

  /** Adds `x`, evicting the oldest element when the window is full. */
  push(x: T): void {
    const n = this.n;
    const p = this.pos;
    this.items[p] = x;
    this.items[p + n] = x;
    this.pos = p + 1 === n ? 0 : p + 1;
    if (this.length < n) this.length++;
  }

  /** A fresh array of the window, oldest first. */
  toArray(): T[] {
    const length = this.length;
    return copyRun(this.items, length < this.n ? 0 : this.pos, length) as T[];
  }
}

/**
 * `items.slice(start, start + length)`, faster for the small windows that dominate: array literals
 * allocate exactly and are cheapest (measured: literal < `new Array(n)` + loop < push < slice).
 */
function copyRun<T>(items: readonly T[], start: number, length: number): T[] {
  switch (length) {
    case 1:
      return [items[start]!];
    case 2:
      return [items[start]!, items[start + 1]!];
    case 3:
      return [items[start]!, items[start + 1]!, items[start + 2]!];
    case 4:
      return [items[start]!, items[start + 1]!, items[start + 2]!, items[start + 3]!];
    default: {
      const out = new Array<T>(length);
      for (let i = 0; i < length; i++) out[i] = items[start + i]!;
      return out;
    }
  }
}

/** An array of `n` undefined slots with PACKED elements kind, so slices of it are packed too. */
function packedArray<T>(n: number): (T | undefined)[] {
  const items: (T | undefined)[] = [];
  for (let i = 0; i < n; i++) items.push(undefined);
  return items;
}

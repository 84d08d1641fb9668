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
    this.items = new Array<T | undefined>(capacity).fill(undefined);
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
    // push (not `new Array(n)`) keeps the result a packed array, which is faster to consume.
    const n = this.length;
    const out: T[] = [];
    const items = this.items;
    const mask = this.mask;
    let j = this.head;
    for (let i = 0; i < n; i++) {
      out.push(items[j] as T);
      j = (j + 1) & mask;
    }
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
    const items = new Array<T | undefined>(oldCapacity * 2).fill(undefined);
    for (let i = 0; i < this.length; i++) items[i] = old[(this.head + i) & this.mask];
    this.items = items;
    this.head = 0;
    this.mask = oldCapacity * 2 - 1;
  }
}

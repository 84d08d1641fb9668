/**
 * A first-in first-out queue with amortised O(1) `push` and `shift` (an array with a moving head,
 * compacted now and then), for the queues of time-based operators, which can hold 100 000 elements
 * where `Array.prototype.shift` would copy the whole array each time.
 */
export class Fifo<T> {
  private items: (T | undefined)[] = [];
  private head = 0;

  get length(): number {
    return this.items.length - this.head;
  }

  push(x: T): void {
    this.items.push(x);
  }

  /** Removes and returns the oldest element. Check `length` first: an empty queue returns undefined. */
  shift(): T | undefined {
    const items = this.items;
    if (this.head >= items.length) return undefined;
    const x = items[this.head];
    items[this.head++] = undefined;
    if (this.head === items.length) {
      this.items = [];
      this.head = 0;
    } else if (this.head >= 1024 && this.head * 2 >= items.length) {
      this.items = items.slice(this.head);
      this.head = 0;
    }
    return x;
  }

  /** The oldest element without removing it (undefined when empty). */
  peek(): T | undefined {
    return this.head < this.items.length ? this.items[this.head] : undefined;
  }

  clear(): void {
    this.items = [];
    this.head = 0;
  }
}

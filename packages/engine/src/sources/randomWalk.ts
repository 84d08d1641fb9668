import { registerSource } from '../core/stream.js';
import { Source, type SourceOptions } from './source.js';

/**
 * mulberry32: a small, fast 32-bit PRNG. The state advances by a constant (a Weyl sequence), so
 * the n-th output (n ≥ 1) of seed s is `mix((s + n * 0x6D2B79F5) mod 2^32)`, which is what the
 * Python export computes to reproduce the same numbers.
 */
export function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = Math.imul(a ^ (a >>> 15), a | 1);
    t = (t + Math.imul(t ^ (t >>> 7), t | 61)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export interface RandomWalkOptions extends SourceOptions {
  /** Milliseconds between readings (default 1000); 0: as fast as downstream allows. */
  interval?: number;
  /** Seed of the generator (an unsigned 32-bit integer, default 1): same seed, same readings. */
  seed?: number;
  /** The first reading (default 0). */
  initial?: number;
  /** Largest change between two readings (default 1): each step adds `step * (2u - 1)`, u in [0, 1). */
  step?: number;
  /** How many readings before the source stops by itself; null or absent: no end. */
  limit?: number | null;
}

/**
 * A simulated sensor: a seeded random walk. It emits `initial`, then each reading is the previous
 * one plus `step * (2u - 1)` with `u` the next mulberry32 number, one reading per `interval` ms
 * (the first at once when started), up to `limit` readings. Deterministic for a seed, in the
 * browser, on the server and in the Python export. Not in streamz.
 *
 * `stop()` then `start()` resumes the walk where it stopped.
 */
export class RandomWalkSource extends Source<number> {
  readonly seed: number;
  readonly initial: number;
  readonly stepSize: number;
  readonly limit: number | null;
  /** Readings emitted so far. */
  count = 0;
  /** The last reading (the next one builds on it). */
  value: number;
  private readonly random: () => number;

  constructor(options: RandomWalkOptions = {}) {
    super(options, options.interval ?? 1000);
    const seed = options.seed ?? 1;
    if (!Number.isSafeInteger(seed) || seed < 0 || seed > 0xffffffff) {
      throw new RangeError(`random_walk: seed must be an integer in [0, 2^32), got ${String(seed)}`);
    }
    const initial = options.initial ?? 0;
    const step = options.step ?? 1;
    if (!Number.isFinite(initial)) throw new RangeError(`random_walk: initial must be a finite number`);
    if (!Number.isFinite(step) || step < 0) throw new RangeError(`random_walk: step must be a finite number >= 0`);
    const limit = options.limit ?? null;
    if (limit !== null && (!Number.isSafeInteger(limit) || limit < 0)) {
      throw new RangeError(`random_walk: limit must be null or an integer >= 0, got ${String(limit)}`);
    }
    this.seed = seed;
    this.initial = initial;
    this.stepSize = step;
    this.limit = limit;
    this.value = initial;
    this.random = mulberry32(seed);
  }

  protected override pull(): IteratorResult<number> {
    if (this.limit !== null && this.count >= this.limit) return { done: true, value: undefined };
    if (this.count > 0) this.value = this.value + this.stepSize * (2 * this.random() - 1);
    this.count++;
    return { done: false, value: this.value };
  }

  override get kind(): string {
    return 'random_walk';
  }

  protected override describe(): string {
    return `seed ${this.seed}`;
  }
}

/** `Stream.randomWalk(options)` as a plain function. */
export function randomWalk(options?: RandomWalkOptions): RandomWalkSource {
  return new RandomWalkSource(options);
}

declare module '../core/stream.js' {
  // eslint-disable-next-line @typescript-eslint/no-namespace
  namespace Stream {
    /** A simulated sensor: a seeded random walk, one reading per `interval` ms once started. */
    function randomWalk(options?: RandomWalkOptions): RandomWalkSource;
  }
}

registerSource('randomWalk', randomWalk);

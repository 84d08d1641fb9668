/**
 * The benchmark workloads, each written three ways over the same user functions: through the
 * engine, through RxJS 7, and as a hand-written loop (the same functions, no framework). Every
 * implementation returns a checksum computed by its sink, so none of them can skip work; run.ts
 * checks that all three agree.
 */
import { Observable, Subject, bufferCount, filter, map, scan, zip } from 'rxjs';
import { Stream } from '../src/index.js';

export type Impl = 'loop' | 'engine' | 'rxjs';
export const IMPLS: readonly Impl[] = ['loop', 'engine', 'rxjs'];
export type WorkloadId = 'W1' | 'W2' | 'W3' | 'W4';

export interface Workload {
  id: WorkloadId;
  title: string;
  /** Runs `n` source elements through the implementation and returns the sink's checksum. */
  run: Record<Impl, (n: number) => number>;
}

// The user functions, shared by every implementation.
const inc = (x: number): number => x + 1;
const double = (x: number): number => x * 2;
const notDiv3 = (x: number): boolean => x % 3 !== 0;
const add = (acc: number, x: number): number => (acc + x) | 0;
function sum(w: readonly number[]): number {
  let s = 0;
  for (let i = 0; i < w.length; i++) s += w[i]!;
  return s;
}
/** The sinks' checksum step: order-sensitive, stays a small integer. */
const mix = (h: number, x: number): number => (Math.imul(h, 31) + x) | 0;

/** A cold RxJS source of 0 … n-1 (the fastest way to feed an RxJS pipeline). */
function rxRange(n: number): Observable<number> {
  return new Observable<number>((sub) => {
    for (let i = 0; i < n; i++) sub.next(i);
  });
}

const FAN_OUT = 10;

/** W4's sinks: each keeps its own checksum (salted by its index, so they differ). */
function checksumSinks(): { push: (x: number) => void; value: () => number }[] {
  return Array.from({ length: FAN_OUT }, (_, k) => {
    let chk = k;
    return {
      push: (x: number) => {
        chk = mix(chk, x);
      },
      value: () => chk,
    };
  });
}
const combine = (sinks: readonly { value: () => number }[]) => sinks.reduce((h, s) => mix(h, s.value()), 0);

export const WORKLOADS: readonly Workload[] = [
  {
    id: 'W1',
    title: 'map → filter → accumulate → sink',
    run: {
      loop(n) {
        let chk = 0;
        let acc = 0;
        const sink = (x: number) => {
          chk = mix(chk, x);
        };
        for (let i = 0; i < n; i++) {
          const y = inc(i);
          if (!notDiv3(y)) continue;
          acc = add(acc, y);
          sink(acc);
        }
        return chk;
      },
      engine(n) {
        let chk = 0;
        const source = new Stream<number>();
        source
          .map(inc)
          .filter(notDiv3)
          .accumulate(add, { start: 0 })
          .sink((x: number) => {
            chk = mix(chk, x);
          });
        for (let i = 0; i < n; i++) source.emit(i);
        return chk;
      },
      rxjs(n) {
        let chk = 0;
        rxRange(n)
          .pipe(map(inc), filter(notDiv3), scan(add, 0))
          .subscribe((x) => {
            chk = mix(chk, x);
          });
        return chk;
      },
    },
  },
  {
    id: 'W2',
    title: 'branch into two maps → zip → sink',
    run: {
      loop(n) {
        let chk = 0;
        const sink = (t: readonly [number, number]) => {
          chk = mix(mix(chk, t[0]), t[1]);
        };
        for (let i = 0; i < n; i++) sink([inc(i), double(i)]);
        return chk;
      },
      engine(n) {
        let chk = 0;
        const source = new Stream<number>();
        source
          .map(inc)
          .zip(source.map(double))
          .sink((t: unknown[]) => {
            chk = mix(mix(chk, t[0] as number), t[1] as number);
          });
        for (let i = 0; i < n; i++) source.emit(i);
        return chk;
      },
      rxjs(n) {
        let chk = 0;
        const source = new Subject<number>();
        zip(source.pipe(map(inc)), source.pipe(map(double))).subscribe((t) => {
          chk = mix(mix(chk, t[0]), t[1]);
        });
        for (let i = 0; i < n; i++) source.next(i);
        return chk;
      },
    },
  },
  {
    id: 'W3',
    title: 'slidingWindow(3) → map(sum) → sink',
    run: {
      loop(n) {
        let chk = 0;
        const sink = (x: number) => {
          chk = mix(chk, x);
        };
        let a = 0;
        let b = 0;
        for (let i = 0; i < n; i++) {
          if (i >= 2) sink(sum([a, b, i]));
          a = b;
          b = i;
        }
        return chk;
      },
      engine(n) {
        let chk = 0;
        const source = new Stream<number>();
        source
          .slidingWindow(3, { returnPartial: false })
          .map(sum)
          .sink((x: number) => {
            chk = mix(chk, x);
          });
        for (let i = 0; i < n; i++) source.emit(i);
        return chk;
      },
      rxjs(n) {
        let chk = 0;
        // The source never completes, so bufferCount emits only full windows.
        rxRange(n)
          .pipe(bufferCount(3, 1), map(sum))
          .subscribe((x) => {
            chk = mix(chk, x);
          });
        return chk;
      },
    },
  },
  {
    id: 'W4',
    title: `one source fanned out to ${FAN_OUT} sinks`,
    run: {
      loop(n) {
        const sinks = checksumSinks();
        for (let i = 0; i < n; i++) {
          for (let k = 0; k < FAN_OUT; k++) sinks[k]!.push(i);
        }
        return combine(sinks);
      },
      engine(n) {
        const sinks = checksumSinks();
        const source = new Stream<number>();
        for (const s of sinks) source.sink(s.push);
        for (let i = 0; i < n; i++) source.emit(i);
        return combine(sinks);
      },
      rxjs(n) {
        const sinks = checksumSinks();
        const source = new Subject<number>();
        for (const s of sinks) source.subscribe(s.push);
        for (let i = 0; i < n; i++) source.next(i);
        return combine(sinks);
      },
    },
  },
];

export function workload(id: string): Workload {
  const w = WORKLOADS.find((x) => x.id === id);
  if (!w) throw new Error(`unknown workload ${id}`);
  return w;
}

/**
 * What probes cost: W1 (map → filter → accumulate → sink over 10 M integers) compiled from a graph
 * with every probe on, against the same pipeline on the bare fluent API. Both use the very same user
 * functions (the bench's host "compiles" a function's source text to the function the fluent
 * pipeline uses, keyed by its text), so the difference is compile's wiring plus the probes.
 *
 *   npx tsx bench/probes.ts [--quick] [--rounds 7] [--reps 2] [--n 10000000]
 *
 * Each repetition runs in a fresh process (V8's type feedback never sees both pipelines), the two
 * take turns, and time is CPU time per element (robust on a loaded machine). The compiled run takes
 * a telemetry snapshot every 2^20 elements, as a 10 Hz tick would at ~10 M elements/s, so the
 * latency windows it arms are part of the measurement (see `feed`).
 */
import { fork } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { Stream, VirtualScheduler } from '../src/index.js';
import { catalog } from '../src/catalog/index.js';
import type { RunHost } from '../src/catalog/types.js';
import { compile } from '../src/graph/compile.js';

/**
 * `lean`: compiled with `guard: 'on-error'`; `guarded`: with `guard: 'always'`; `inspected`: the
 * same with node `inc` inspected (its values recorded into the inspector's ring, read at each
 * snapshot as the server's tick does).
 */
export type ProbeImpl = 'fluent' | 'lean' | 'guarded' | 'inspected';
const IMPLS: readonly ProbeImpl[] = ['fluent', 'lean', 'guarded', 'inspected'];

// The user functions, shared by both pipelines (the same as bench/workloads.ts's W1).
const inc = (x: number): number => x + 1;
const notDiv3 = (x: number): boolean => x % 3 !== 0;
const add = (acc: number, x: number): number => (acc + x) | 0;
const mix = (h: number, x: number): number => (Math.imul(h, 31) + x) | 0;

/** The graph JSON of W1; the source node is pushed into directly, as the fluent source is. */
export const W1_GRAPH = {
  version: 1,
  name: 'W1: map → filter → accumulate → sink',
  nodes: [
    { id: 'src', type: 'from_iterable', params: { items: [] }, position: { x: 0, y: 0 } },
    { id: 'inc', type: 'map', params: { func: 'x => x + 1' }, position: { x: 200, y: 0 } },
    {
      id: 'notDiv3',
      type: 'filter',
      params: { predicate: 'x => x % 3 !== 0' },
      position: { x: 400, y: 0 },
    },
    {
      id: 'sum',
      type: 'accumulate',
      params: { func: '(acc, x) => (acc + x) | 0', start: 0 },
      position: { x: 600, y: 0 },
    },
    {
      id: 'check',
      type: 'sink',
      params: { func: 'x => { chk = mix(chk, x) }' },
      position: { x: 800, y: 0 },
    },
  ],
  edges: [
    { id: 'e1', source: 'src', target: 'inc' },
    { id: 'e2', source: 'inc', target: 'notDiv3' },
    { id: 'e3', source: 'notDiv3', target: 'sum' },
    { id: 'e4', source: 'sum', target: 'check' },
  ],
};

/** Elements between two telemetry snapshots of a compiled run (a 10 Hz tick at ~10 M/s). */
const SLICE = 1 << 20;

/**
 * Pushes from … to-1 into `source`: the hot loop, the same function for every pipeline. Ticks are
 * taken between slices, outside it, as the server's tick runs in a timer of its own, between a
 * source's slices; a snapshot call inside the loop would change how V8 compiles the loop itself
 * (measured: 20 more instructions per element on W1 whatever the probes do).
 */
function feed(source: Stream<number>, from: number, to: number): void {
  for (let i = from; i < to; i++) source.emit(i);
}

/** Builds one pipeline; `run(n)` pushes 0 … n-1 and returns the sink's checksum. */
export function pipeline(impl: ProbeImpl): { run(n: number): number } {
  let chk = 0;
  const check = (x: number): void => {
    chk = mix(chk, x);
  };
  if (impl === 'fluent') {
    const source = new Stream<number>();
    source.map(inc).filter(notDiv3).accumulate(add, { start: 0 }).sink(check);
    return {
      run(n) {
        chk = 0;
        for (let i = 0; i < n; i += SLICE) feed(source, i, Math.min(n, i + SLICE));
        return chk;
      },
    };
  }
  const functions: Record<string, (...args: any[]) => any> = {
    'x => x + 1': inc,
    'x => x % 3 !== 0': notDiv3,
    '(acc, x) => (acc + x) | 0': add,
    'x => { chk = mix(chk, x) }': check,
  };
  const host: RunHost = {
    scheduler: new VirtualScheduler(),
    compileFunction: (source) => functions[source]!,
    log: () => undefined,
  };
  const compiled = compile(W1_GRAPH, host, catalog, {
    guard: impl === 'lean' ? 'on-error' : 'always',
  });
  if (!compiled.ok) throw new Error(compiled.issues.map((i) => i.message).join('\n'));
  const graph = compiled.graph;
  const source = graph.nodes.get('src')!;
  const inspected = impl === 'inspected';
  if (inspected) graph.inspect('inc', true);
  const tick = (): void => {
    graph.snapshot();
    if (inspected) seen += graph.samples('inc').values.length;
  };
  let seen = 0;
  return {
    run(n) {
      chk = 0;
      for (let i = 0; i < n; i += SLICE) {
        tick();
        feed(source, i, Math.min(n, i + SLICE));
      }
      tick();
      if (inspected && seen === 0) throw new Error('inspected: no values recorded');
      return chk;
    },
  };
}

/**
 * Runs discarded before measuring. V8 is still tiering up during the second run of a fresh process
 * (measured: fluent 7.7-8.8 ns, probes on 9.5 ns, then 6.3 and 6.6-7.0 ns from the third run on),
 * so one warm-up mixed JIT time into the median of both pipelines; two give the steady state.
 */
const WARMUP_RUNS = 2;

/** CPU ns per element of one fresh pipeline: `WARMUP_RUNS` warm-up runs, then `reps` measured runs. */
function measure(
  impl: ProbeImpl,
  n: number,
  reps: number,
): { samples: number[]; checksum: number } {
  const samples: number[] = [];
  let checksum = Number.NaN;
  for (let rep = 0; rep < WARMUP_RUNS + reps; rep++) {
    const p = pipeline(impl);
    const c0 = process.cpuUsage();
    const chk = p.run(n);
    const c = process.cpuUsage(c0);
    if (rep >= WARMUP_RUNS) samples.push(((c.user + c.system) * 1000) / n);
    if (!Number.isNaN(checksum) && chk !== checksum) throw new Error(`${impl}: checksum changed`);
    checksum = chk;
  }
  return { samples, checksum };
}

function median(xs: readonly number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m]! : (s[m - 1]! + s[m]!) / 2;
}

function runChild(
  impl: ProbeImpl,
  n: number,
  reps: number,
): Promise<{ samples: number[]; checksum: number }> {
  return new Promise((resolve, reject) => {
    const child = fork(fileURLToPath(import.meta.url), ['--child', impl, String(n), String(reps)], {
      execArgv: process.execArgv,
    });
    let result: { samples: number[]; checksum: number } | undefined;
    child.on('message', (m) => (result = m as typeof result));
    child.on('error', reject);
    child.on('exit', (code) =>
      code === 0 && result
        ? resolve(result)
        : reject(new Error(`${impl} child exited with ${code}`)),
    );
  });
}

export interface ProbeBenchResult {
  n: number;
  rounds: number;
  /** Median CPU ns per element. */
  ns: Record<ProbeImpl, number>;
  /** The fastest run's CPU ns per element: the least disturbed by other load on the machine. */
  best: Record<ProbeImpl, number>;
  /** (compiled − fluent) / fluent, in %, of the medians. */
  overhead: Record<Exclude<ProbeImpl, 'fluent'>, number>;
  /** The same of the best runs. */
  bestOverhead: Record<Exclude<ProbeImpl, 'fluent'>, number>;
  samples: Record<ProbeImpl, number[]>;
}

/** Runs the comparison; each round is one process per pipeline, in turn. */
export async function benchProbes(
  options: { n?: number; rounds?: number; reps?: number } = {},
): Promise<ProbeBenchResult> {
  const n = options.n ?? 10_000_000;
  const rounds = options.rounds ?? 7;
  const reps = options.reps ?? 1;
  const samples: Record<ProbeImpl, number[]> = { fluent: [], lean: [], guarded: [], inspected: [] };
  const checksums = new Set<number>();
  for (let r = 0; r < rounds; r++) {
    for (const impl of IMPLS) {
      const res = await runChild(impl, n, reps);
      samples[impl].push(...res.samples);
      checksums.add(res.checksum);
    }
  }
  if (checksums.size !== 1)
    throw new Error(`the pipelines disagree: checksums ${[...checksums].join(', ')}`);
  const ns = {
    fluent: median(samples.fluent),
    lean: median(samples.lean),
    guarded: median(samples.guarded),
    inspected: median(samples.inspected),
  };
  const best = {
    fluent: Math.min(...samples.fluent),
    lean: Math.min(...samples.lean),
    guarded: Math.min(...samples.guarded),
    inspected: Math.min(...samples.inspected),
  };
  const pct = (x: number, base: number) => ((x - base) / base) * 100;
  return {
    n,
    rounds,
    ns,
    best,
    overhead: {
      lean: pct(ns.lean, ns.fluent),
      guarded: pct(ns.guarded, ns.fluent),
      inspected: pct(ns.inspected, ns.fluent),
    },
    bestOverhead: {
      lean: pct(best.lean, best.fluent),
      guarded: pct(best.guarded, best.fluent),
      inspected: pct(best.inspected, best.fluent),
    },
    samples,
  };
}

/** The probe overhead target, in %. */
export const PROBE_TARGET = 10;

/** The report's lines. */
export function formatProbeBench(r: ProbeBenchResult, target = PROBE_TARGET): string {
  const pct = (o: number) => `${o >= 0 ? '+' : ''}${o.toFixed(1)}%`;
  const line = (name: string, impl: ProbeImpl) => {
    const head = `  ${name.padEnd(48)} ${r.ns[impl].toFixed(2).padStart(6)} ns (best ${r.best[impl].toFixed(2)})`;
    if (impl === 'fluent') return head;
    const o = r.overhead[impl];
    const verdict = impl === 'inspected' ? '' : `  ${o <= target ? 'met' : 'MISSED'} (≤ ${target}%)`;
    return `${head}  ${pct(o).padStart(7)} (best ${pct(r.bestOverhead[impl])})${verdict}`;
  };
  const meps = (impl: ProbeImpl) => (1000 / r.ns[impl]).toFixed(1);
  return [
    `Probe overhead — W1 map → filter → accumulate → sink, ${r.n.toLocaleString('en')} elements per run, ` +
      `CPU ns per element, median of ${r.samples.fluent.length} runs in ${r.rounds} fresh processes each (best: the fastest run)`,
    line('bare fluent API', 'fluent'),
    line("compiled, probes on, guard: 'on-error' (lean)", 'lean'),
    line("compiled, probes on, guard: 'always' (latency)", 'guarded'),
    line("the same, node 'inc' inspected", 'inspected'),
    `  elements per CPU-second (M): fluent ${meps('fluent')}, guarded ${meps('guarded')}, inspected ${meps('inspected')}`,
  ].join('\n');
}

const argv = process.argv.slice(2);
if (argv[0] === '--once') {
  // For profilers (perf, callgrind): one pipeline, one run of n elements, no child processes.
  //   npx esbuild bench/probes.ts --bundle --platform=node --format=esm --outfile=/tmp/probes.mjs
  //   valgrind --tool=callgrind node --single-threaded /tmp/probes.mjs --once guarded 1000000
  const p = pipeline(argv[1] as ProbeImpl);
  console.log(p.run(Number(argv[2] ?? 1_000_000)));
} else if (argv[0] === '--child') {
  const res = measure(argv[1] as ProbeImpl, Number(argv[2]), Number(argv[3]));
  if (process.send) process.send(res);
  else console.log(JSON.stringify(res));
} else if (process.argv[1] !== undefined && fileURLToPath(import.meta.url) === process.argv[1]) {
  const quick = argv.includes('--quick');
  const opt = (name: string) => {
    const i = argv.indexOf(`--${name}`);
    return i >= 0 ? Number(argv[i + 1]) : undefined;
  };
  const result = await benchProbes({
    n: opt('n') ?? (quick ? 2_000_000 : 10_000_000),
    rounds: opt('rounds') ?? (quick ? 3 : 7),
    reps: opt('reps') ?? (quick ? 3 : 2),
  });
  console.log(formatProbeBench(result));
}

/**
 * `npm run bench`: the engine against RxJS 7 and a hand-written loop, on the same workloads, in one
 * run. Prints median ns per source element and the ratios, and writes bench/results/latest.json.
 *
 *   tsx bench/run.ts [--quick] [--only W1,W4] [--mode fresh|all|both] [--impl engine,rxjs,loop]
 *
 * "fresh": each (workload, implementation) in its own child process, so V8's type feedback is clean.
 * "after all four": one process per implementation runs every workload once, then measures each
 * (call sites shared between pipelines have gone polymorphic or megamorphic by then).
 */
import { fork } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { ChildTask, FromChild, Round, ToChild } from './child.js';
import { IMPLS, WORKLOADS, workload, type Impl, type WorkloadId } from './workloads.js';

const here = dirname(fileURLToPath(import.meta.url));

// --- options -------------------------------------------------------------------------------------

const argv = process.argv.slice(2);
function option(name: string): string | undefined {
  const i = argv.indexOf(`--${name}`);
  return i >= 0 ? argv[i + 1] : undefined;
}
const quick = argv.includes('--quick');
const ids = (option('only')?.split(',') ?? WORKLOADS.map((w) => w.id)) as WorkloadId[];
ids.forEach(workload); // validates
const impls = (option('impl')?.split(',') ?? IMPLS) as Impl[];
const modeOpt = option('mode') ?? 'both';
const modes = (modeOpt === 'both' ? ['fresh', 'all'] : [modeOpt]) as ChildTask['mode'][];
/** Extra V8 flags for the children, e.g. BENCH_NODE_FLAGS="--trace-deopt". */
const extraFlags = (process.env.BENCH_NODE_FLAGS ?? '').split(' ').filter(Boolean);

/** Source elements per repetition: RxJS gets fewer (it is ~10× slower; we compare ns/element). */
const N: Record<Impl, number> = quick
  ? { loop: 1_000_000, engine: 1_000_000, rxjs: 200_000 }
  : { loop: 10_000_000, engine: 10_000_000, rxjs: 2_000_000 };
/** Measured repetitions, after one warm-up repetition. */
const REPS = Number(option('reps') ?? (quick ? 3 : 9));

// --- running -------------------------------------------------------------------------------------

interface Result {
  workload: WorkloadId;
  impl: Impl;
  mode: ChildTask['mode'];
  n: number;
  /** CPU ns per source element, one per measured repetition. */
  samples: number[];
  /** Wall-clock ns per source element, likewise. */
  wallSamples: number[];
  checksum: number;
}

interface Child {
  task: ChildTask;
  ready: Promise<unknown>;
  run(): Promise<Round>;
  close(): Promise<unknown>;
}

function startChild(task: ChildTask): Child {
  const proc = fork(join(here, 'child.ts'), [JSON.stringify(task)], {
    execArgv: [...process.execArgv, '--expose-gc', ...extraFlags],
  });
  let pending: { resolve: (m: FromChild) => void; reject: (e: Error) => void } | null = null;
  const expect = () => new Promise<FromChild>((resolve, reject) => (pending = { resolve, reject }));
  proc.on('message', (m) => {
    const p = pending;
    pending = null;
    p?.resolve(m as FromChild);
  });
  proc.on('exit', (code) => {
    pending?.reject(new Error(`benchmark child ${JSON.stringify(task)} exited with ${code}`));
    pending = null;
  });
  const ready = expect();
  return {
    task,
    ready,
    async run() {
      const answer = expect();
      proc.send({ type: 'run' } satisfies ToChild);
      const m = await answer;
      if (m.type !== 'round') throw new Error('benchmark child: unexpected message');
      return m.round;
    },
    close: () =>
      new Promise((resolve) => {
        proc.once('exit', resolve);
        proc.send({ type: 'exit' } satisfies ToChild);
      }),
  };
}

/**
 * Runs one comparison: a process per task, a warm-up round, then REPS rounds in which the
 * processes take turns (rotating who goes first), so noise on the machine is shared out evenly.
 */
async function compare(tasks: ChildTask[]): Promise<Result[]> {
  const children = tasks.map(startChild);
  await Promise.all(children.map((c) => c.ready));
  const results = new Map<string, Result>();
  const record = (task: ChildTask, round: Round, warm: boolean) => {
    for (const { workload: id, ns, wallNs, checksum } of round) {
      const key = `${task.impl}:${id}`;
      let r = results.get(key);
      if (!r) {
        r = { workload: id, impl: task.impl, mode: task.mode, n: task.n, samples: [], wallSamples: [], checksum };
        results.set(key, r);
      }
      if (checksum !== r.checksum) throw new Error(`${id}/${task.impl}: checksum changed between repetitions`);
      if (!warm) {
        r.samples.push(ns);
        r.wallSamples.push(wallNs);
      }
    }
  };
  for (const c of children) record(c.task, await c.run(), true);
  for (let rep = 0; rep < REPS; rep++) {
    for (let j = 0; j < children.length; j++) {
      const c = children[(rep + j) % children.length]!;
      record(c.task, await c.run(), false);
    }
  }
  await Promise.all(children.map((c) => c.close()));
  return [...results.values()];
}

function median(xs: readonly number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m]! : (s[m - 1]! + s[m]!) / 2;
}

const started = Date.now();
const results: Result[] = [];
for (const mode of modes) {
  const groups: ChildTask[][] =
    mode === 'fresh'
      ? ids.map((id) => impls.map((impl) => ({ mode, impl, workloads: [id], n: N[impl] })))
      : [impls.map((impl) => ({ mode, impl, workloads: ids, n: N[impl] }))];
  for (const tasks of groups) {
    process.stderr.write(`  ${mode}: ${tasks[0]!.workloads.join(', ')} (${impls.join(', ')}) …\n`);
    results.push(...(await compare(tasks)));
  }
}

// Every implementation must agree with the hand-written loop on the same input.
const expected = new Map<string, number>();
for (const r of results) {
  const key = `${r.workload}:${r.n}`;
  if (!expected.has(key)) expected.set(key, workload(r.workload).run.loop(r.n));
  if (r.checksum !== expected.get(key)) {
    throw new Error(`${r.workload} ${r.impl} (${r.mode}): checksum ${r.checksum}, expected ${expected.get(key)}`);
  }
}

// --- report --------------------------------------------------------------------------------------

const TARGET = { vsRxjs: 3, w1VsLoop: 2.5, w1AfterAllNs: 20 };

type Row = { workload: WorkloadId; title: string } & Partial<Record<Impl, number>> & {
    rxjsOverEngine?: number;
    engineOverLoop?: number;
    wall: Partial<Record<Impl, number>>;
  };

/**
 * A ratio of two implementations: the median of the per-repetition ratios. Repetition k of every
 * implementation of a comparison ran in the same round, moments apart, so a change in the machine's
 * load (which can double CPU time here) moves both sides of each ratio together.
 */
function pairedRatio(num: Result | undefined, den: Result | undefined): number | undefined {
  if (!num || !den) return undefined;
  const n = Math.min(num.samples.length, den.samples.length);
  return median(Array.from({ length: n }, (_, k) => num.samples[k]! / den.samples[k]!));
}

function rows(mode: ChildTask['mode']): Row[] {
  return ids.map((id) => {
    const row: Row = { workload: id, title: workload(id).title, wall: {} };
    const of = (impl: Impl) => results.find((r) => r.workload === id && r.mode === mode && r.impl === impl);
    for (const impl of impls) {
      const r = of(impl);
      if (!r) continue;
      row[impl] = median(r.samples);
      row.wall[impl] = median(r.wallSamples);
    }
    row.rxjsOverEngine = pairedRatio(of('rxjs'), of('engine'));
    row.engineOverLoop = pairedRatio(of('engine'), of('loop'));
    return row;
  });
}

const fmt = (x: number | undefined, digits = 1, suffix = '') =>
  x === undefined ? '—' : `${x.toFixed(x >= 100 ? 0 : digits)}${suffix}`;

function table(mode: ChildTask['mode']): string {
  const head = ['workload', 'loop', 'engine', 'rxjs', 'rxjs÷engine', 'engine÷loop'];
  const body = rows(mode).map((r) => [
    `${r.workload} ${r.title}`,
    fmt(r.loop),
    fmt(r.engine),
    fmt(r.rxjs),
    fmt(r.rxjsOverEngine, 1, '×'),
    fmt(r.engineOverLoop, 1, '×'),
  ]);
  const widths = head.map((h, i) => Math.max(h.length, ...body.map((b) => b[i]!.length)));
  const line = (cells: string[]) =>
    cells.map((c, i) => (i === 0 ? c.padEnd(widths[i]!) : c.padStart(widths[i]!))).join('  ');
  return [line(head), line(widths.map((w) => '-'.repeat(w))), ...body.map(line)].join('\n');
}

const meta = {
  date: new Date().toISOString(),
  command: `npm run bench${argv.length ? ` -- ${argv.join(' ')}` : ''}`,
  node: process.version,
  v8: process.versions.v8,
  cpu: `${os.cpus()[0]?.model ?? 'unknown'} × ${os.cpus().length}`,
  elements: N,
  repetitions: REPS,
  seconds: (Date.now() - started) / 1000,
};

const out: string[] = [];
out.push(`Streamloom engine benchmark — ${meta.date}, Node ${meta.node} (V8 ${meta.v8}), ${meta.cpu}`);
out.push(
  `median CPU ns per source element (process CPU time: a busy shared machine disturbs it far less ` +
    `than wall time, whose medians are in bench/results/latest.json); elements per repetition: engine ${N.engine.toLocaleString('en')}, ` +
    `loop ${N.loop.toLocaleString('en')}, rxjs ${N.rxjs.toLocaleString('en')}; ` +
    `${REPS} repetitions after one warm-up, the implementations' processes taking turns; ` +
    `ratios are medians of the per-repetition ratios`,
);
const checks: { target: string; value: number; ok: boolean }[] = [];
for (const mode of modes) {
  out.push('');
  out.push(
    mode === 'fresh'
      ? 'Fresh: each workload in its own process'
      : 'After all four: every workload ran once in the same process first',
  );
  out.push(table(mode));
  for (const r of rows(mode)) {
    if (r.rxjsOverEngine !== undefined) {
      checks.push({
        target: `${mode} ${r.workload}: ≥ ${TARGET.vsRxjs}× faster than RxJS`,
        value: r.rxjsOverEngine,
        ok: r.rxjsOverEngine >= TARGET.vsRxjs,
      });
    }
    if (r.workload === 'W1' && mode === 'fresh' && r.engineOverLoop !== undefined) {
      checks.push({
        target: `fresh W1: within ${TARGET.w1VsLoop}× of the hand-written loop`,
        value: r.engineOverLoop,
        ok: r.engineOverLoop <= TARGET.w1VsLoop,
      });
    }
    if (r.workload === 'W1' && mode === 'all' && r.engine !== undefined) {
      checks.push({
        target: `after all four W1: ≤ ${TARGET.w1AfterAllNs} ns/element`,
        value: r.engine,
        ok: r.engine <= TARGET.w1AfterAllNs,
      });
    }
  }
}
out.push('');
out.push('Targets');
for (const c of checks) out.push(`  ${c.ok ? 'met   ' : 'MISSED'}  ${c.target} (${c.value.toFixed(1)})`);
out.push(`checksums: all implementations agree; ${meta.seconds.toFixed(0)} s`);
console.log(out.join('\n'));

const resultsDir = join(here, 'results');
mkdirSync(resultsDir, { recursive: true });
writeFileSync(
  join(resultsDir, 'latest.json'),
  JSON.stringify(
    {
      meta,
      targets: TARGET,
      checks,
      tables: Object.fromEntries(modes.map((m) => [m, rows(m)])),
      raw: results.map((r) => ({ ...r, median: median(r.samples), wallMedian: median(r.wallSamples) })),
    },
    null,
    2,
  ) + '\n',
);

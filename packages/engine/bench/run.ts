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
import type { ChildResult, ChildTask } from './child.js';
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
const REPS: Record<Impl, number> = quick ? { loop: 3, engine: 3, rxjs: 3 } : { loop: 7, engine: 7, rxjs: 5 };

// --- running -------------------------------------------------------------------------------------

function runChild(task: ChildTask): Promise<ChildResult[]> {
  return new Promise((resolve, reject) => {
    const child = fork(join(here, 'child.ts'), [JSON.stringify(task)], {
      execArgv: [...process.execArgv, '--expose-gc', ...extraFlags],
    });
    let results: ChildResult[] | undefined;
    child.on('message', (m) => (results = m as ChildResult[]));
    child.on('error', reject);
    child.on('exit', (code) => {
      if (code === 0 && results) resolve(results);
      else reject(new Error(`benchmark child ${JSON.stringify(task)} exited with ${code}`));
    });
  });
}

function median(xs: readonly number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m]! : (s[m - 1]! + s[m]!) / 2;
}

const started = Date.now();
const results: ChildResult[] = [];
for (const mode of modes) {
  const tasks: ChildTask[] =
    mode === 'fresh'
      ? ids.flatMap((id) => impls.map((impl) => ({ mode, impl, workloads: [id], n: N[impl], reps: REPS[impl] })))
      : impls.map((impl) => ({ mode, impl, workloads: ids, n: N[impl], reps: REPS[impl] }));
  for (const task of tasks) {
    process.stderr.write(`  ${mode} ${task.impl} ${task.workloads.join(',')} …\n`);
    results.push(...(await runChild(task)));
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
  };

function rows(mode: ChildTask['mode']): Row[] {
  return ids.map((id) => {
    const row: Row = { workload: id, title: workload(id).title };
    for (const r of results) if (r.workload === id && r.mode === mode) row[r.impl] = median(r.samples);
    if (row.engine !== undefined && row.rxjs !== undefined) row.rxjsOverEngine = row.rxjs / row.engine;
    if (row.engine !== undefined && row.loop !== undefined) row.engineOverLoop = row.engine / row.loop;
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
  `median ns per source element; elements per repetition: engine ${N.engine.toLocaleString('en')}, ` +
    `loop ${N.loop.toLocaleString('en')}, rxjs ${N.rxjs.toLocaleString('en')}; ` +
    `repetitions: engine ${REPS.engine}, loop ${REPS.loop}, rxjs ${REPS.rxjs} (after one warm-up)`,
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
      raw: results.map((r) => ({ ...r, median: median(r.samples) })),
    },
    null,
    2,
  ) + '\n',
);

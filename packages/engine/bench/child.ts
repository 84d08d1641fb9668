/**
 * One benchmark process, forked by run.ts. Arguments: a JSON `ChildTask`. Sends back `ChildResult[]`
 * over IPC.
 *
 * - `fresh`: one workload, one implementation; V8's type feedback has seen nothing else.
 * - `all`: every listed workload runs once first (so shared call sites see every node class, as in
 *   an application with several pipelines), then the repetitions go round-robin over them.
 */
import { workload, type Impl, type WorkloadId } from './workloads.js';

export interface ChildTask {
  mode: 'fresh' | 'all';
  impl: Impl;
  workloads: WorkloadId[];
  /** Source elements per repetition. */
  n: number;
  reps: number;
}

export interface ChildResult {
  workload: WorkloadId;
  impl: Impl;
  mode: 'fresh' | 'all';
  n: number;
  /** ns per source element, one per measured repetition. */
  samples: number[];
  checksum: number;
}

const gc = (globalThis as { gc?: () => void }).gc;

function timed(run: (n: number) => number, n: number): { ns: number; checksum: number } {
  gc?.();
  const t0 = process.hrtime.bigint();
  const checksum = run(n);
  const t1 = process.hrtime.bigint();
  return { ns: Number(t1 - t0) / n, checksum };
}

function main(task: ChildTask): ChildResult[] {
  const runs = task.workloads.map((id) => workload(id).run[task.impl]);
  const results: ChildResult[] = task.workloads.map((id) => ({
    workload: id,
    impl: task.impl,
    mode: task.mode,
    n: task.n,
    samples: [],
    checksum: Number.NaN,
  }));
  // Warm-up: one full repetition of each (for `all`, this is "running all four first").
  runs.forEach((run, i) => {
    results[i]!.checksum = timed(run, task.n).checksum;
  });
  for (let rep = 0; rep < task.reps; rep++) {
    runs.forEach((run, i) => {
      const r = results[i]!;
      const { ns, checksum } = timed(run, task.n);
      if (checksum !== r.checksum) {
        throw new Error(`${r.workload}/${r.impl}: checksum changed between repetitions`);
      }
      r.samples.push(ns);
    });
  }
  return results;
}

const task = JSON.parse(process.argv[2] ?? '') as ChildTask;
const results = main(task);
if (process.send) process.send(results);
else console.log(JSON.stringify(results));

/**
 * One benchmark process, forked by run.ts with a JSON `ChildTask` as its argument. It waits for
 * `run` messages; each runs every workload of the task once, in order, and answers with a `Round`.
 * run.ts takes turns between the processes of a comparison, so noise on this shared machine falls
 * on every implementation alike.
 *
 * - `fresh`: one workload and one implementation; V8's type feedback has seen nothing else.
 * - `all`: every workload; the first (warm-up) round runs all four before anything is measured,
 *   so call sites shared between pipelines have seen every node class, as in an application with
 *   several pipelines.
 */
import { workload, type Impl, type WorkloadId } from './workloads.js';

export interface ChildTask {
  mode: 'fresh' | 'all';
  impl: Impl;
  workloads: WorkloadId[];
  /** Source elements per repetition. */
  n: number;
}

/**
 * One repetition of each workload: CPU ns (user + system, all of the process's threads) and wall
 * ns per source element, and the checksum.
 */
export type Round = { workload: WorkloadId; ns: number; wallNs: number; checksum: number }[];

export type ToChild = { type: 'run' } | { type: 'exit' };
export type FromChild = { type: 'ready' } | { type: 'round'; round: Round };

const gc = (globalThis as { gc?: () => void }).gc;
const task = JSON.parse(process.argv[2] ?? '') as ChildTask;
const runs = task.workloads.map((id) => ({ id, run: workload(id).run[task.impl] }));

function round(): Round {
  return runs.map(({ id, run }) => {
    gc?.();
    const c0 = process.cpuUsage();
    const t0 = process.hrtime.bigint();
    const checksum = run(task.n);
    const t1 = process.hrtime.bigint();
    const c = process.cpuUsage(c0);
    return { workload: id, ns: ((c.user + c.system) * 1000) / task.n, wallNs: Number(t1 - t0) / task.n, checksum };
  });
}

const send = (m: FromChild) => process.send!(m);
process.on('message', (m: ToChild) => {
  if (m.type === 'run') send({ type: 'round', round: round() });
  else process.disconnect();
});
send({ type: 'ready' });

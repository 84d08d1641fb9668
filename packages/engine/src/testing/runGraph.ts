import { catalog as browserCatalog } from '../catalog/catalog.js';
import type { OperatorDescriptor } from '../catalog/types.js';
import { VirtualScheduler } from '../core/virtualScheduler.js';
import { compile, type CompiledRun } from '../graph/compile.js';
import type { GraphIssue } from '../graph/issues.js';
import type { NodeFailure } from '../graph/types.js';
import type { NodeSamples, TelemetryFrame } from '../protocol/telemetry.js';
import { plainHost } from './plainHost.js';

/** A value pushed into a node by hand (`emit`), at a virtual time (default 0). */
export interface RunGraphInput {
  node: string;
  value: unknown;
  /** Virtual ms after the start at which to push it (inputs are pushed in time order). */
  at?: number;
}

export interface RunGraphOptions {
  /** Pushed in order (stable by `at`); pushes do not wait for back-pressure. */
  inputs?: readonly RunGraphInput[];
  /** Virtual ms to run from the start (default 0: only what happens at once). */
  advance?: number;
  /** Default: the browser-safe catalog; pass `fullCatalog` (engine/node) for files and sockets. */
  catalog?: readonly OperatorDescriptor[];
  /** The clock to run on (default a fresh VirtualScheduler at 0). */
  scheduler?: VirtualScheduler;
  /** Start the sources (default true). */
  start?: boolean;
  /** Stop the run at the end (default true); false leaves it for the caller to drive further. */
  stop?: boolean;
  /** Nodes whose values to record; their samples are returned. */
  inspect?: readonly string[];
  runId?: string;
}

export interface RunGraphResult {
  /** What every `sink_to_list` node kept (any node with a `list` array), by node id. */
  outputs: Record<string, unknown[]>;
  /** The lines written to the run's log (the `log` sink). */
  log: string[];
  /** The telemetry frame at the end. */
  frame: TelemetryFrame;
  /** The samples of the inspected nodes. */
  samples: Record<string, NodeSamples>;
  /** The failure that stopped the run, if a node with `onError: 'stop'` failed. */
  failure: NodeFailure | undefined;
  /** Errors the run reported to its host (not attributed to a node), and failed pushes. */
  errors: unknown[];
  run: CompiledRun;
  scheduler: VirtualScheduler;
}

/** Thrown by `runGraph` when the graph does not compile. */
export class GraphIssuesError extends Error {
  constructor(readonly issues: GraphIssue[]) {
    super(
      `the graph does not compile:\n${issues.map((i) => `  ${i.code}: ${i.message}`).join('\n')}`,
    );
    this.name = 'GraphIssuesError';
  }
}

/**
 * Compiles a graph on a virtual clock, starts it, pushes the inputs, advances time, and returns
 * what its sinks kept and what it logged (node-red's `helper.load`, mostjs's `collectEventsFor`).
 * Throws a GraphIssuesError when the graph does not compile.
 */
export async function runGraph(
  graph: unknown,
  options: RunGraphOptions = {},
): Promise<RunGraphResult> {
  const scheduler = options.scheduler ?? new VirtualScheduler();
  const host = plainHost(scheduler);
  const compiled = compile(graph, host, options.catalog ?? browserCatalog, {
    runId: options.runId ?? 'test',
  });
  if (!compiled.ok) throw new GraphIssuesError(compiled.issues);
  const run = compiled.graph;
  const errors: unknown[] = [];
  for (const id of options.inspect ?? []) run.inspect(id, true);

  const t0 = scheduler.now();
  if (options.start !== false) run.start();
  const inputs = (options.inputs ?? []).map((input, i) => ({ input, i }));
  inputs.sort((a, b) => (a.input.at ?? 0) - (b.input.at ?? 0) || a.i - b.i);
  for (const { input } of inputs) {
    const at = t0 + (input.at ?? 0);
    if (at > scheduler.now()) await scheduler.advance(at - scheduler.now());
    run.emit(input.node, input.value).catch((error: unknown) => errors.push(error));
  }
  await scheduler.advance(Math.max(0, t0 + (options.advance ?? 0) - scheduler.now()));

  const frame = run.snapshot();
  const samples: Record<string, NodeSamples> = {};
  for (const id of options.inspect ?? []) samples[id] = run.samples(id);
  const outputs: Record<string, unknown[]> = {};
  for (const [id, node] of run.nodes) {
    const list = (node as { list?: unknown }).list;
    if (Array.isArray(list)) outputs[id] = list;
  }
  if (options.stop !== false) run.stop();
  errors.unshift(...scheduler.errors.map((e) => e.error));
  return {
    outputs,
    log: [...host.lines],
    frame,
    samples,
    failure: run.failure,
    errors,
    run,
    scheduler,
  };
}

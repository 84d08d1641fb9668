// Graph JSON → running streams. Validates, builds every node detached on the run's scheduler,
// wires the edges in order, and gives every node a probe. Never throws.
import { buildContext } from '../catalog/define.js';
import type { OperatorDescriptor, RunHost } from '../catalog/types.js';
import { setDefaultScheduler } from '../core/scheduler.js';
import { Stream } from '../core/stream.js';
import type { NodeSamples, NodeTelemetry, TelemetryFrame } from '../protocol/telemetry.js';
import { culpritFromStack } from '../telemetry/attribution.js';
import {
  armLatency,
  attachProbe,
  chargeError,
  disarmLatency,
  Probe,
  setInspected,
  type ProbeOwner,
} from '../telemetry/probe.js';
import { errorText, nodeSamples, nodeTelemetry, TickState } from '../telemetry/snapshot.js';
import type { GraphIssue } from './issues.js';
import { parseGraph } from './parse.js';
import { RunScheduler } from './runScheduler.js';
import type { Graph, GraphNode } from './schema.js';
import { NodeFailure, type CompiledGraph } from './types.js';
import { nodeLabel, q } from './validateMessages.js';
import { wireEdges } from './wire.js';

/**
 * Kept for compatibility; both modes are the same. Every node of a compiled graph catches its own
 * errors from the start (counted on the node that threw, the element dropped there, the node's
 * other branches still get it) and every node's latency and busy time are sampled, at a cost of a
 * few per cent on a trivial pipeline (bench/probes.ts). `'on-error'` used to run nodes without
 * their guard until the first error, which saved most of what guards cost then; it no longer
 * saves anything.
 */
export type GuardMode = 'always' | 'on-error';

export interface CompileOptions {
  /** The run's id, put in every frame and samples (default `''`). */
  runId?: string;
  /** Ignored: both modes are the same (see GuardMode). */
  guard?: GuardMode;
  /**
   * Called once when the run fails: a node with `onError: 'stop'` threw (or reported an error).
   * By then every source is stopped and every timer cancelled. The failure is also reported
   * through `host.scheduler.reportError(failure, node)`.
   */
  onFailure?(failure: NodeFailure): void;
}

/** The handle of a compiled graph, with the run's state. */
export interface CompiledRun extends CompiledGraph {
  readonly runId: string;
  /** The failure that stopped the run, if one did. */
  readonly failure: NodeFailure | undefined;
  /** `start()` was called, and neither `stop()` nor a failure has ended the run. */
  readonly running: boolean;
  /** `stop()` was called or the run failed; a stopped run does not start again. */
  readonly stopped: boolean;
  /** Every node catches its own errors (always true; see GuardMode). */
  readonly guarded: boolean;
}

export type CompileResult = { ok: true; graph: CompiledRun } | { ok: false; issues: GraphIssue[] };

/**
 * Builds the running streams of a graph document (any value: JSON text, an older version, a
 * Graph). The result behaves exactly as the same pipeline written with the fluent API: each node
 * delivers to its downstreams in the order of their edges, and receives its inputs in port order.
 *
 * Every node gets a probe (see telemetry/probe.ts): an element whose processing throws is
 * counted on the node that threw and dropped there (the rest of the graph carries on), unless the
 * node says `onError: 'stop'`, in which case the run stops with a `NodeFailure`.
 *
 * Returns the graph's issues instead when it does not validate, or when a node cannot be built
 * (an exception from a descriptor's `build` becomes an issue naming the node). Never throws.
 */
export function compile(
  graph: unknown,
  host: RunHost,
  catalog: readonly OperatorDescriptor[],
  options: CompileOptions = {},
): CompileResult {
  try {
    const parsed = parseGraph(graph, catalog);
    if (!parsed.ok) return { ok: false, issues: parsed.issues };
    return build(parsed.graph, host, catalog, options);
  } catch (error) {
    return {
      ok: false,
      issues: [
        { code: 'invalid_shape', message: `The graph cannot be compiled: ${errorText(error)}` },
      ],
    };
  }
}

/** A function parameter the host could not compile. */
class FunctionCompileError extends Error {
  constructor(
    readonly param: string,
    override readonly cause: unknown,
  ) {
    super(errorText(cause));
  }
}

function build(
  graph: Graph,
  host: RunHost,
  catalog: readonly OperatorDescriptor[],
  options: CompileOptions,
): CompileResult {
  const byType = new Map<string, OperatorDescriptor>();
  for (const d of catalog) if (!byType.has(d.type)) byType.set(d.type, d);

  // Errors reported while nodes are built go to the host; once the run exists, to the run.
  const owner: { run?: Run } = {};
  const scheduler = new RunScheduler(host.scheduler, (error, node) => {
    if (owner.run !== undefined) owner.run.report(error, node);
    else host.scheduler.reportError(error, node);
  });
  // The nodes see the host through this: the run's scheduler, the host's functions and log.
  const runHost = Object.create(host, {
    scheduler: { value: scheduler, enumerable: true },
    compileFunction: {
      value: (source: string, where: { nodeId: string; param: string }) => {
        try {
          return host.compileFunction(source, where);
        } catch (error) {
          throw new FunctionCompileError(where.param, error);
        }
      },
      enumerable: true,
    },
  }) as RunHost;

  const issues: GraphIssue[] = [];
  const nodes = new Map<string, Stream<any>>();
  // Timed nodes start timers when constructed: they must land on the run's scheduler.
  const previous = setDefaultScheduler(scheduler);
  try {
    for (const node of graph.nodes) {
      const descriptor = byType.get(node.type)!;
      try {
        const ctx = buildContext(descriptor, node.id, structuredClone(node.params), runHost);
        const stream = descriptor.build(ctx);
        if (!(stream instanceof Stream))
          throw new TypeError(`build returned ${errorText(stream)}, not a stream`);
        nodes.set(node.id, stream);
      } catch (error) {
        issues.push(buildIssue(node, error));
      }
    }
  } finally {
    setDefaultScheduler(previous);
  }
  // Nothing of a graph that does not compile may run on: cancel its timers, drop its nodes.
  const discard = (): void => {
    scheduler.close();
    for (const node of nodes.values()) {
      try {
        node.destroy();
      } catch {
        // the node is dropped anyway
      }
    }
  };
  if (issues.length > 0) {
    discard();
    return { ok: false, issues };
  }
  try {
    wireEdges(nodes, graph.edges);
    owner.run = new Run(graph, nodes, byType, host, scheduler, options);
  } catch (error) {
    discard();
    const message = `The graph cannot be wired: ${errorText(error)}`;
    return { ok: false, issues: [{ code: 'invalid_shape', message }] };
  }
  return { ok: true, graph: owner.run };
}

function buildIssue(node: GraphNode, error: unknown): GraphIssue {
  const label = nodeLabel(node.id, node.type);
  if (error instanceof FunctionCompileError) {
    const name = (error.cause as { name?: unknown } | null)?.name;
    return {
      code: name === 'SyntaxError' ? 'function_syntax' : 'not_a_function',
      message: `${label}: parameter ${q(error.param)} cannot be compiled: ${error.message}`,
      nodeId: node.id,
      param: error.param,
    };
  }
  return {
    code: 'invalid_param',
    message: `${label} cannot be built: ${errorText(error)}`,
    nodeId: node.id,
  };
}

class Run implements CompiledRun, ProbeOwner {
  readonly runId: string;
  readonly nodes: ReadonlyMap<string, Stream<any>>;
  failure: NodeFailure | undefined = undefined;
  /** Every node catches its own errors from the start (see GuardMode). */
  readonly guarded = true;
  private readonly probes = new Map<string, Probe>();
  private readonly ids = new Map<Stream<any>, string>();
  private readonly ticks = new Map<string, TickState>();
  private readonly hasOutput = new Map<string, boolean>();
  private readonly sources: Stream<any>[] = [];
  /** Run clock → epoch ms. */
  private readonly epoch: number;
  private started = false;
  private ended = false;

  constructor(
    graph: Graph,
    nodes: Map<string, Stream<any>>,
    byType: ReadonlyMap<string, OperatorDescriptor>,
    private readonly host: RunHost,
    private readonly scheduler: RunScheduler,
    private readonly options: CompileOptions,
  ) {
    this.runId = options.runId ?? '';
    this.nodes = nodes;
    const at = scheduler.now();
    this.epoch = Date.now() - at;
    for (const spec of graph.nodes) {
      const node = nodes.get(spec.id)!;
      const descriptor = byType.get(spec.type)!;
      const probe = new Probe(spec.id, node, spec.onError === 'stop', this);
      probe.upstreams = [...new Set(node.upstreams)];
      probe.inBase = probe.in;
      attachProbe(probe);
      this.probes.set(spec.id, probe);
      this.ids.set(node, spec.id);
      this.ticks.set(spec.id, new TickState(at));
      this.hasOutput.set(spec.id, descriptor.outputs > 0);
      if (descriptor.source === true) this.sources.push(node);
    }
    armLatency(this.nodes.values());
  }

  get running(): boolean {
    return this.started && !this.ended;
  }

  get stopped(): boolean {
    return this.ended;
  }

  time(): number {
    return this.epoch + this.scheduler.now();
  }

  start(): void {
    if (this.started || this.ended) return;
    this.started = true;
    for (const source of this.sources) {
      try {
        source.start();
      } catch (error) {
        this.report(error, source);
      }
      if (this.ended) return;
    }
  }

  stop(): void {
    if (this.ended) return;
    this.ended = true;
    for (const source of this.sources) {
      try {
        source.stop();
      } catch {
        // stopping goes on with the other sources
      }
    }
    this.scheduler.close();
    disarmLatency(this.nodes.values());
  }

  fail(failure: NodeFailure): NodeFailure {
    if (this.failure !== undefined) return this.failure;
    this.failure = failure;
    this.stop();
    try {
      this.options.onFailure?.(failure);
    } catch (error) {
      this.host.scheduler.reportError(error, undefined);
    }
    this.host.scheduler.reportError(failure, this.nodes.get(failure.nodeId));
    return failure;
  }

  /** An error reported by background work (a timer, a source's loop, a rejected promise). */
  report(error: unknown, node: unknown): void {
    if (error instanceof NodeFailure) {
      if (this.nodes.has(error.nodeId)) this.fail(error);
      else this.host.scheduler.reportError(error, node);
      return;
    }
    this.charge(
      error,
      node instanceof Stream && this.ids.has(node) ? node : undefined,
      undefined,
      false,
    );
  }

  /**
   * Charges an error that nobody caught on its way: one that reached the root of a delivery (a
   * source's loop, a timer, `emit`), or came from background work or a rejected promise. It goes
   * to the node its stack names (attribution.ts), else to `root`. (Every node catches the errors
   * of its own work, so what reaches a root was thrown outside any node's `update`.)
   */
  private charge(
    error: unknown,
    root: Stream<any> | undefined,
    element: unknown,
    hasElement: boolean,
  ): void {
    const rootId = root === undefined ? undefined : this.ids.get(root);
    const id = culpritFromStack(error, this.nodes, root) ?? rootId;
    const probe = id === undefined ? undefined : this.probes.get(id);
    if (probe === undefined) {
      this.host.scheduler.reportError(error, root);
      return;
    }
    // The element is known only where it entered.
    if (id !== rootId) hasElement = false;
    chargeError(probe.node, error, hasElement ? element : undefined, hasElement);
  }

  emit(nodeId: string, value: unknown): Promise<void> {
    const node = this.nodes.get(nodeId);
    const probe = this.probes.get(nodeId);
    if (node === undefined || probe === undefined)
      return Promise.reject(new RangeError(`emit: there is no node ${q(nodeId)}`));
    if (this.failure !== undefined) return Promise.reject(this.failure);
    if (this.ended) return Promise.reject(new Error(`emit: the run is stopped`));
    probe.injected++;
    let pending: Promise<unknown> | undefined;
    try {
      pending = node.emit(value);
    } catch (error) {
      if (error instanceof NodeFailure) return Promise.reject(this.fail(error));
      this.charge(error, node, value, true);
      return this.failure !== undefined ? Promise.reject(this.failure) : Promise.resolve();
    }
    if (pending === undefined) return Promise.resolve();
    return Promise.resolve(pending).then(
      () => {
        if (this.failure !== undefined) throw this.failure;
      },
      (error: unknown) => {
        if (error instanceof NodeFailure) throw this.fail(error);
        this.charge(error, node, undefined, false);
        if (this.failure !== undefined) throw this.failure;
      },
    );
  }

  snapshot(runId: string = this.runId): TelemetryFrame {
    const at = this.scheduler.now();
    const entries: Array<[string, NodeTelemetry]> = [];
    for (const [id, probe] of this.probes)
      entries.push([id, nodeTelemetry(probe, this.ticks.get(id)!, at)]);
    // The next tick's latency samples.
    armLatency(this.nodes.values());
    return { runId, t: Math.round(this.epoch + at), nodes: Object.fromEntries(entries) };
  }

  inspect(nodeId: string, on: boolean): void {
    const probe = this.probe(nodeId);
    setInspected(probe, on, this.hasOutput.get(nodeId)!);
  }

  samples(nodeId: string, runId: string = this.runId): NodeSamples {
    return nodeSamples(runId, this.probe(nodeId));
  }

  private probe(nodeId: string): Probe {
    const probe = this.probes.get(nodeId);
    if (probe === undefined) throw new RangeError(`there is no node ${q(nodeId)}`);
    return probe;
  }
}

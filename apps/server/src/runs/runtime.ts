// A compiled graph on a real clock, with user functions in the hardened vm: what a run's host
// process runs, and what `streamloom run` runs in its own process.
import type { Scheduler, TimerHandle } from '@streamloom/engine';
import type { RunHost } from '@streamloom/engine/catalog';
import { NodeFailure, type CompiledGraph, type Graph } from '@streamloom/engine/graph';
import type { GraphIssue, NodeSamples, TelemetryFrame } from '@streamloom/engine/protocol';
import { compile, fullCatalog } from '../engine.js';
import { BusyMarker } from './busyMarker.js';
import { createHardenedVm } from './hardenedVm.js';

export interface RuntimeOptions {
  runId: string;
  graph: Graph;
  /** One line of output (the `log` sink's JSON lines), with the id of the node that wrote it. */
  log(line: string, nodeId?: string): void;
  /** The run cannot go on: a node failed for good. Called at most once. */
  onFailure(reason: string, nodeId: string | undefined): void;
  /** The pipe to report the busy node on (see BusyMarker); null: none. */
  busyFd: number | null;
}

export interface Runtime {
  readonly graph: CompiledGraph;
  start(): void;
  stop(): void;
  /** Pushes a value given as JSON text (decoded inside the sandbox) into a node. */
  emit(nodeId: string, json: string): Promise<void>;
  inspect(nodeId: string, on: boolean): void;
  /** This tick's frame and the samples of the inspected nodes that have something new. */
  tick(): { frame: TelemetryFrame; samples: NodeSamples[] };
  close(): Promise<void>;
}

export type CreateRuntimeResult = { ok: true; runtime: Runtime } | { ok: false; issues: GraphIssue[] };

/** Compiles `graph` with a RunHost whose functions live in a hardened vm context. Never throws. */
export function createRuntime(opts: RuntimeOptions): CreateRuntimeResult {
  const sandbox = createHardenedVm();
  const busy = new BusyMarker(opts.busyFd);
  let failed = false;
  const fail = (error: unknown): void => {
    // Anything else is counted on its node by the engine's probes, and the node goes on.
    if (failed || !(error instanceof NodeFailure)) return;
    failed = true;
    opts.onFailure(error.message, error.nodeId);
  };
  const host: RunHost = {
    scheduler: new HostScheduler(fail),
    compileFunction(source, where) {
      return busy.wrap(where.nodeId, sandbox.compile(source, functionUrl(where)), source);
    },
    log: opts.log,
  };

  let result;
  try {
    result = compile(opts.graph, host, fullCatalog, { runId: opts.runId, onFailure: fail });
  } catch (error) {
    result = { ok: false as const, issues: [{ code: 'invalid_shape' as const, message: errorText(error) }] };
  }
  if (!result.ok) {
    void busy.close();
    return { ok: false, issues: result.issues };
  }
  const compiled = result.graph;
  const inspected = new Set<string>();

  return {
    ok: true,
    runtime: {
      graph: compiled,
      start() {
        compiled.start();
      },
      stop() {
        compiled.stop();
      },
      async emit(nodeId, json) {
        try {
          await compiled.emit(nodeId, sandbox.parseJSON(json));
        } catch (error) {
          fail(error);
          throw error;
        }
      },
      inspect(nodeId, on) {
        compiled.inspect(nodeId, on);
        if (on) inspected.add(nodeId);
        else inspected.delete(nodeId);
      },
      tick() {
        const frame = compiled.snapshot(opts.runId);
        const samples: NodeSamples[] = [];
        for (const nodeId of inspected) {
          const s = compiled.samples(nodeId, opts.runId);
          if (s.values.length > 0 || s.errors.length > 0 || s.omitted > 0) samples.push(s);
        }
        return { frame, samples };
      },
      close: () => busy.close(),
    },
  };
}

/**
 * The real clock and timers, with one difference from the engine's RealScheduler: a 0 ms timer
 * (what a source uses to yield to the host every thousand elements or so) is a `setImmediate`,
 * not a `setTimeout`, which Node clamps to 1 ms. I/O (the server's messages) and the telemetry
 * timer still run between two slices, but a fast graph no longer sleeps between them.
 */
class HostScheduler implements Scheduler {
  constructor(private readonly onError: (error: unknown, node: unknown) => void) {}
  now(): number {
    return performance.now();
  }
  setTimeout(callback: () => void, ms: number): TimerHandle {
    const handle: HostTimer = ms > 0 ? { timeout: setTimeout(callback, ms) } : { immediate: setImmediate(callback) };
    return handle;
  }
  clearTimeout(handle: TimerHandle): void {
    const h = handle as HostTimer;
    if (h.immediate !== undefined) clearImmediate(h.immediate);
    if (h.timeout !== undefined) clearTimeout(h.timeout);
  }
  reportError(error: unknown, node: unknown): void {
    this.onError(error, node);
  }
}

interface HostTimer {
  timeout?: ReturnType<typeof setTimeout>;
  immediate?: ReturnType<typeof setImmediate>;
}

/**
 * The script name of a user function, which the engine reads back from stack traces to charge an
 * error to its node: the engine's `functionUrl` (telemetry/attribution.ts), not exported yet.
 */
export function functionUrl(where: { nodeId: string; param: string }): string {
  return `streamloom:${encodeURIComponent(where.nodeId)}/${encodeURIComponent(where.param)}`;
}

export function errorText(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

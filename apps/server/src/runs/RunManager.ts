import { randomUUID } from 'node:crypto';
import type { CatalogData, Graph, GraphIssue, LogBatch, NodeSamples, RunLog, RunStatus, TelemetryFrame } from '@streamloom/engine/protocol';
import type { RunConfig } from '../config.js';
import { ApiFailure, MESSAGES } from '../errors.js';
import type { GraphStore } from '../store/GraphStore.js';
import type { RunStore } from '../store/RunStore.js';
import { grantsFor } from './permissions.js';
import { RunProcess, type RunEnd } from './RunProcess.js';
import { RunLogRing } from './runLog.js';

/** Ended runs whose log lines are kept (older ones keep only their counts). */
const ENDED_LOGS_KEPT = 20;

/** Who hears about runs: the realtime fan-out. */
export interface RunListener {
  status(status: RunStatus): void;
  tick(runId: string, frame: TelemetryFrame, samples: NodeSamples[]): void;
  /** New lines of a run's `log` sinks (or a new skipped count). */
  log?(batch: LogBatch): void;
}

export interface RunManagerDeps {
  graphs: GraphStore;
  runs: RunStore;
  config: RunConfig;
  catalog: CatalogData;
  /** Checks a stored graph again before it runs (the catalog may have changed since it was saved). */
  parse(graph: unknown): { ok: true; graph: Graph } | { ok: false; issues: GraphIssue[] };
  log?: (line: string) => void;
}

interface ActiveRun {
  status: RunStatus;
  process: RunProcess;
  nodeIds: ReadonlySet<string>;
  /** The last frame, kept for clients that subscribe later (retained, as Node-RED's status). */
  lastFrame: TelemetryFrame | null;
  /** How many clients inspect each node. */
  inspectors: Map<string, number>;
  /** Whether the run should be started again when the server restarts. */
  resume: boolean;
  /** The recent lines of its `log` sinks. */
  log: RunLogRing;
}

/**
 * Every run: one host process each (RunProcess), their status in the store, their last frame, and
 * who inspects which node. Like bree's supervisor, one process failing affects only its run.
 */
export class RunManager {
  private readonly active = new Map<string, ActiveRun>();
  /** Ended runs keep their last frame (and node ids) for late subscribers, a few at a time. */
  private readonly ended = new Map<string, { frame: TelemetryFrame | null; nodeIds: ReadonlySet<string>; log: RunLogRing }>();
  /** Ended runs whose log lines are still kept, oldest first. */
  private readonly endedLogs: RunLogRing[] = [];
  readonly listeners = new Set<RunListener>();
  private closing = false;

  constructor(private readonly deps: RunManagerDeps) {}

  /** Starts a run of a stored graph (its latest revision unless one is named). */
  deploy(graphId: string, revision?: number): RunStatus {
    const stored = this.deps.graphs.get(graphId);
    if (stored === undefined) throw new ApiFailure('not_found', MESSAGES.graphNotFound(graphId));
    const rev = revision ?? stored.revision;
    const graph = rev === stored.revision ? stored.graph : this.deps.graphs.getRevision(graphId, rev);
    if (graph === undefined) throw new ApiFailure('not_found', MESSAGES.revisionNotFound(graphId, rev));
    const checked = this.deps.parse(graph);
    if (!checked.ok) throw new ApiFailure('invalid_graph', MESSAGES.invalidGraph(checked.issues.length), checked.issues);
    const status: RunStatus = {
      runId: randomUUID(),
      graphId,
      revision: rev,
      state: 'starting',
      startedAt: new Date().toISOString(),
    };
    this.launch(status, checked.graph);
    return status;
  }

  /** Starts again the runs that were running when the server last stopped. */
  resumeAll(): RunStatus[] {
    const resumed: RunStatus[] = [];
    for (const previous of this.deps.runs.toResume()) {
      const graph = this.deps.graphs.getRevision(previous.graphId, previous.revision);
      const checked = graph === undefined ? undefined : this.deps.parse(graph);
      if (checked === undefined || !checked.ok) {
        this.deps.runs.save(
          {
            ...previous,
            state: 'failed',
            reason:
              checked === undefined
                ? 'not restarted: its graph was deleted'
                : `not restarted: the graph no longer validates (${checked.issues[0]?.message ?? ''})`,
            endedAt: new Date().toISOString(),
          },
          false,
        );
        continue;
      }
      const status: RunStatus = {
        runId: previous.runId,
        graphId: previous.graphId,
        revision: previous.revision,
        state: 'starting',
        startedAt: new Date().toISOString(),
      };
      this.launch(status, checked.graph);
      resumed.push(status);
    }
    return resumed;
  }

  private launch(status: RunStatus, graph: Graph): void {
    if (this.closing) {
      // Deployed while the server shuts down: it starts with the next server.
      this.deps.runs.save({ ...status, reason: 'the server is shutting down; it starts when the server starts' }, true);
      return;
    }
    const grants = grantsFor(graph, this.deps.catalog, this.deps.config.cwd);
    const proc = new RunProcess(status.runId, graph, grants, this.deps.config);
    const run: ActiveRun = {
      status,
      process: proc,
      nodeIds: new Set(graph.nodes.map((n) => n.id)),
      lastFrame: null,
      inspectors: new Map(),
      resume: true,
      log: new RunLogRing(status.runId),
    };
    this.active.set(status.runId, run);
    this.ended.delete(status.runId);
    this.deps.runs.save(status, true);
    proc.on('started', () => {
      // Clients that were inspecting before a restart go on inspecting.
      for (const nodeId of run.inspectors.keys()) proc.inspect(nodeId, true);
      this.setStatus(run, { state: 'running' });
    });
    proc.on('tick', (frame, samples, log) => {
      run.lastFrame = frame;
      for (const l of this.listeners) l.tick(status.runId, frame, samples);
      const batch = log === undefined ? null : run.log.append(log);
      if (batch !== null) for (const l of this.listeners) l.log?.(batch);
    });
    proc.on('end', (end) => this.onEnd(run, end));
    this.emitStatus(run.status);
    proc.start();
  }

  private onEnd(run: ActiveRun, end: RunEnd): void {
    this.active.delete(run.status.runId);
    this.ended.set(run.status.runId, { frame: run.lastFrame, nodeIds: run.nodeIds, log: run.log });
    if (this.ended.size > 100) this.ended.delete(this.ended.keys().next().value!);
    this.endedLogs.push(run.log);
    if (this.endedLogs.length > ENDED_LOGS_KEPT) this.endedLogs.shift()!.release();
    if (end.state === 'failed') run.resume = false;
    const patch: Partial<RunStatus> = { state: end.state, reason: end.reason, endedAt: new Date().toISOString() };
    if (end.nodeId !== undefined) patch.nodeId = end.nodeId;
    this.setStatus(run, patch);
    if (end.state === 'failed') this.deps.log?.(`run ${run.status.runId} failed: ${end.reason}`);
  }

  private setStatus(run: ActiveRun, patch: Partial<RunStatus>): void {
    run.status = { ...run.status, ...patch };
    this.deps.runs.save(run.status, run.resume);
    this.emitStatus(run.status);
  }

  private emitStatus(status: RunStatus): void {
    for (const l of this.listeners) l.status(status);
  }

  /** Stops a run (for good: it is not restarted with the server). Resolves with its last status. */
  async stop(runId: string): Promise<RunStatus> {
    const run = this.active.get(runId);
    if (run === undefined) return this.mustGet(runId);
    run.resume = false;
    await run.process.stop();
    return this.mustGet(runId);
  }

  /** Stops every run of a graph (when it is deleted). */
  async stopGraph(graphId: string): Promise<void> {
    await Promise.all([...this.active.values()].filter((r) => r.status.graphId === graphId).map((r) => this.stop(r.status.runId)));
  }

  /** Stops every run for a server shutdown: they are started again with the server. */
  async shutdown(): Promise<void> {
    this.closing = true;
    await Promise.all(
      [...this.active.values()].map(async (run) => {
        const resume = run.resume;
        await run.process.stop();
        if (resume) {
          run.resume = true;
          run.status = { ...run.status, reason: 'the server shut down' };
          this.deps.runs.save(run.status, true);
        }
      }),
    );
  }

  /** Pushes a value into a node of a running run. */
  async emit(runId: string, nodeId: string, value: unknown): Promise<void> {
    const run = this.active.get(runId);
    if (run === undefined || !run.process.running) {
      const status = this.mustGet(runId);
      throw new ApiFailure('not_running', MESSAGES.notRunning(runId, status.state));
    }
    if (!run.nodeIds.has(nodeId)) throw new ApiFailure('invalid_node', MESSAGES.unknownNode(runId, nodeId));
    try {
      await run.process.push(nodeId, value);
    } catch (error) {
      throw new ApiFailure('invalid_node', MESSAGES.emitFailed(nodeId, error instanceof Error ? error.message : String(error)));
    }
  }

  /** Counts a client's interest in a node's samples; the host records them while anyone looks. */
  inspect(runId: string, nodeId: string, on: boolean): void {
    const run = this.active.get(runId);
    const nodeIds = run?.nodeIds ?? this.ended.get(runId)?.nodeIds;
    if (nodeIds === undefined) this.mustGet(runId);
    if (nodeIds !== undefined && !nodeIds.has(nodeId)) throw new ApiFailure('invalid_node', MESSAGES.unknownNode(runId, nodeId));
    if (run === undefined) return;
    const before = run.inspectors.get(nodeId) ?? 0;
    const after = Math.max(0, before + (on ? 1 : -1));
    if (after === 0) run.inspectors.delete(nodeId);
    else run.inspectors.set(nodeId, after);
    if ((before === 0) !== (after === 0)) run.process.inspect(nodeId, after > 0);
  }

  status(runId: string): RunStatus | undefined {
    return this.active.get(runId)?.status ?? this.deps.runs.get(runId);
  }

  mustGet(runId: string): RunStatus {
    const status = this.status(runId);
    if (status === undefined) throw new ApiFailure('not_found', MESSAGES.runNotFound(runId));
    return status;
  }

  list(): RunStatus[] {
    return this.deps.runs.list().map((s) => this.active.get(s.runId)?.status ?? s);
  }

  /**
   * A run's recent output (lines after `after` only, when given). A run this server did not run
   * (before a restart), or whose lines were let go, has none.
   */
  log(runId: string, after?: number): RunLog {
    this.mustGet(runId);
    const ring = this.active.get(runId)?.log ?? this.ended.get(runId)?.log;
    return ring?.snapshot(after) ?? { runId, since: 0, lines: [], skipped: 0, total: 0 };
  }

  lastFrame(runId: string): TelemetryFrame | null {
    return this.active.get(runId)?.lastFrame ?? this.ended.get(runId)?.frame ?? null;
  }
}

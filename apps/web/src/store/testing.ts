// Test doubles for the store's outside world: an in-memory server, a socket, storage.
import type { Graph, GraphSummary, RunLog, RunStatus, StoredGraph, TelemetryFrame } from '@streamloom/engine/protocol';
import { catalog, catalogData } from '@streamloom/engine/catalog';
import { ApiRequestError, type api as restApi } from '../api/client';
import { createEditorStore } from './index';
import type { StoreDeps, Transport } from './types';

export const testCatalog = catalogData(catalog);

export class MemoryStorage {
  readonly items = new Map<string, string>();
  getItem(k: string) {
    return this.items.get(k) ?? null;
  }
  setItem(k: string, v: string) {
    this.items.set(k, v);
  }
  removeItem(k: string) {
    this.items.delete(k);
  }
}

/** A server in memory, with the REST semantics the editor relies on (revisions, 409). */
export class FakeServer {
  graphs = new Map<string, StoredGraph>();
  runs: RunStatus[] = [];
  /** What GET /api/runs/:runId/log answers, per run. */
  logs = new Map<string, RunLog>();
  offline = false;
  calls: string[] = [];
  private next = 1;

  private guard(call: string) {
    this.calls.push(call);
    if (this.offline) throw new ApiRequestError('network', 'The server cannot be reached', 0);
  }

  readonly api: typeof restApi = {
    health: async () => ({ ok: true, version: 'test' }),
    catalog: async () => {
      this.guard('catalog');
      return testCatalog;
    },
    listGraphs: async () => {
      this.guard('listGraphs');
      return [...this.graphs.values()].map(({ graph: _g, ...s }): GraphSummary => s);
    },
    getGraph: async (id) => {
      this.guard(`getGraph ${id}`);
      const g = this.graphs.get(id);
      if (!g) throw new ApiRequestError('not_found', `No graph with id "${id}"`, 404);
      return structuredClone(g);
    },
    createGraph: async (graph) => {
      this.guard('createGraph');
      const id = `g${this.next++}`;
      this.graphs.set(id, { id, name: graph.name, revision: 1, updatedAt: new Date().toISOString(), graph: structuredClone(graph) });
      return { id, revision: 1 };
    },
    updateGraph: async (id, graph, baseRevision) => {
      this.guard(`updateGraph ${id} ${baseRevision}`);
      const g = this.graphs.get(id);
      if (!g) throw new ApiRequestError('not_found', 'gone', 404);
      if (g.revision !== baseRevision) throw new ApiRequestError('conflict', 'conflict', 409, [], g.revision);
      const revision = g.revision + 1;
      this.graphs.set(id, { ...g, name: graph.name, revision, graph: structuredClone(graph) });
      return { id, revision };
    },
    deleteGraph: async (id) => {
      this.guard(`deleteGraph ${id}`);
      this.graphs.delete(id);
    },
    deploy: async (id, revision) => {
      this.guard(`deploy ${id} ${revision}`);
      const status: RunStatus = { runId: `r${this.next++}`, graphId: id, revision: revision ?? 1, state: 'starting', startedAt: new Date().toISOString() };
      this.runs.push(status);
      return { runId: status.runId };
    },
    listRuns: async () => {
      this.guard('listRuns');
      return this.runs;
    },
    getRun: async (runId) => this.runs.find((r) => r.runId === runId)!,
    stopRun: async (runId) => {
      this.guard(`stopRun ${runId}`);
      const r = this.runs.find((x) => x.runId === runId)!;
      r.state = 'stopped';
      return { ...r };
    },
    emit: async () => ({ ok: true }),
    runLog: async (runId, after = 0) => {
      this.guard(`runLog ${runId}`);
      const log = this.logs.get(runId) ?? { runId, since: 0, lines: [], skipped: 0, total: 0 };
      return structuredClone({ ...log, lines: log.lines.filter((l) => l.seq > after) });
    },
    exportGraph: async () => {
      throw new ApiRequestError('not_found', 'No such endpoint', 404);
    },
  };

  /** Saves a graph as someone else would. */
  saveAsOther(id: string, graph: Graph) {
    const g = this.graphs.get(id)!;
    this.graphs.set(id, { ...g, revision: g.revision + 1, graph });
  }
}

export class FakeTransport implements Transport {
  subscribed: string[] = [];
  inspections: Array<[string, string, boolean]> = [];
  frame: TelemetryFrame | null = null;
  constructor(private readonly server: FakeServer) {}
  async subscribe(runId: string) {
    this.subscribed.push(runId);
    const status = this.server.runs.find((r) => r.runId === runId);
    return status ? { status: { ...status, state: 'running' as const }, frame: this.frame } : null;
  }
  unsubscribe(runId: string) {
    this.subscribed = this.subscribed.filter((r) => r !== runId);
  }
  inspect(runId: string, nodeId: string, on: boolean) {
    this.inspections.push([runId, nodeId, on]);
  }
}

export function makeStore(overrides: Partial<StoreDeps> = {}) {
  const server = new FakeServer();
  const transport = new FakeTransport(server);
  const storage = new MemoryStorage();
  const store = createEditorStore({ api: server.api, transport, storage, saveDelay: 0, ...overrides });
  store.getState().setCatalog(testCatalog);
  return { store, server, transport, storage };
}

/** Lets pending promises and zero-delay timers run. */
export async function settle(rounds = 5): Promise<void> {
  for (let i = 0; i < rounds; i++) await new Promise((r) => setTimeout(r, 0));
}

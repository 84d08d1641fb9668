// The server's REST API, for setting a scene up (a graph from a fixture) and for checking what a
// page did. Scenarios about building by hand never use it for the building.
import type { APIRequestContext } from '@playwright/test';
import { readFileSync } from 'node:fs';
import { E2E_ROOT } from './env.js';

export interface GraphDoc {
  version: number;
  name: string;
  nodes: Array<{ id: string; type: string; params?: Record<string, unknown>; position: { x: number; y: number }; onError?: string }>;
  edges: Array<{ id: string; source: string; target: string; targetPort?: number }>;
  [key: string]: unknown;
}

export interface RunStatus {
  runId: string;
  graphId: string;
  revision: number;
  state: 'starting' | 'running' | 'stopped' | 'failed';
  reason?: string;
  nodeId?: string;
}

/** A graph from `fixtures/<name>.json`, renamed so that each test's copy is told apart. */
export function fixture(name: string, rename?: string): GraphDoc {
  const graph = JSON.parse(readFileSync(`${E2E_ROOT}fixtures/${name}.json`, 'utf8')) as GraphDoc;
  if (rename !== undefined) graph.name = rename;
  return graph;
}

export class Api {
  constructor(
    private readonly request: APIRequestContext,
    private readonly base: string,
    private readonly token: string,
  ) {}

  private headers() {
    return { Authorization: `Bearer ${this.token}` };
  }

  private async json<T>(method: 'get' | 'post' | 'put' | 'delete', path: string, data?: unknown): Promise<{ status: number; body: T }> {
    const res = await this.request[method](`${this.base}${path}`, { headers: this.headers(), data, failOnStatusCode: false });
    const text = await res.text();
    return { status: res.status(), body: (text === '' ? undefined : JSON.parse(text)) as T };
  }

  async catalog(): Promise<Array<{ type: string; category: string; outputs: number }>> {
    return (await this.json<Array<{ type: string; category: string; outputs: number }>>('get', '/api/catalog')).body;
  }

  async createGraph(graph: GraphDoc): Promise<string> {
    const res = await this.json<{ id: string }>('post', '/api/graphs', { graph });
    if (res.status !== 201) throw new Error(`POST /api/graphs answered ${res.status}: ${JSON.stringify(res.body)}`);
    return res.body.id;
  }

  async getGraph(id: string): Promise<{ revision: number; graph: GraphDoc }> {
    const res = await this.json<{ revision: number; graph: GraphDoc }>('get', `/api/graphs/${id}`);
    if (res.status !== 200) throw new Error(`GET /api/graphs/${id} answered ${res.status}`);
    return res.body;
  }

  async putGraph(id: string, graph: GraphDoc, baseRevision: number): Promise<{ status: number; body: unknown }> {
    return this.json('put', `/api/graphs/${id}`, { graph, baseRevision });
  }

  async deleteGraph(id: string): Promise<void> {
    await this.json('delete', `/api/graphs/${id}`);
  }

  async deploy(id: string): Promise<string> {
    const res = await this.json<{ runId: string }>('post', `/api/graphs/${id}/deploy`, {});
    if (res.status !== 201) throw new Error(`deploy answered ${res.status}: ${JSON.stringify(res.body)}`);
    return res.body.runId;
  }

  async runs(): Promise<RunStatus[]> {
    return (await this.json<RunStatus[]>('get', '/api/runs')).body;
  }

  async runsOf(graphId: string): Promise<RunStatus[]> {
    return (await this.runs()).filter((r) => r.graphId === graphId);
  }

  async stopRun(runId: string): Promise<void> {
    await this.json('post', `/api/runs/${runId}/stop`, {});
  }

  /** Stops every live run of the graph (a test leaves no counter spinning behind it). */
  async stopRunsOf(graphId: string): Promise<void> {
    for (const r of await this.runsOf(graphId)) {
      if (r.state === 'starting' || r.state === 'running') await this.stopRun(r.runId);
    }
  }
}

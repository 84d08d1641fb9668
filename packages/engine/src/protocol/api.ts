import type { Graph } from '../graph/schema.js';
import type { GraphIssue } from '../graph/issues.js';

/** Error codes the server answers with; anything else is reported as `internal`. */
export type ApiErrorCode =
  | 'unauthorized'
  | 'bad_json'
  | 'invalid_body'
  | 'invalid_graph'
  | 'not_found'
  | 'conflict'
  | 'too_large'
  | 'not_running'
  | 'invalid_node'
  | 'internal';

/** The body of every 4xx/5xx answer, and the failure side of every socket acknowledgement. */
export interface ApiError {
  error: { code: ApiErrorCode; message: string; issues?: GraphIssue[] };
}

/** A socket acknowledgement: data on success, an ApiError otherwise. */
export type Ack<T> = { ok: true; data: T } | ({ ok: false } & ApiError);

export interface GraphSummary {
  id: string;
  name: string;
  revision: number;
  updatedAt: string;
}

export interface StoredGraph extends GraphSummary {
  graph: Graph;
}

export interface GraphRevision {
  revision: number;
  savedAt: string;
  graph: Graph;
}

export type RunState = 'starting' | 'running' | 'stopped' | 'failed';

export interface RunStatus {
  runId: string;
  graphId: string;
  revision: number;
  state: RunState;
  /** Why it failed or stopped, for people. */
  reason?: string;
  /** The node a failure is attributed to. */
  nodeId?: string;
  startedAt: string;
  endedAt?: string;
}

export interface HealthResponse {
  ok: true;
  version: string;
}
export interface CreateGraphRequest {
  graph: Graph;
}
export interface SaveGraphResponse {
  id: string;
  revision: number;
}
/** PUT /api/graphs/:id: the revision the edit was based on; a stale one gets 409. */
export interface UpdateGraphRequest {
  graph: Graph;
  baseRevision: number;
}
export interface ConflictError extends ApiError {
  currentRevision: number;
}
export interface DeployResponse {
  runId: string;
}
export interface EmitRequest {
  nodeId: string;
  value: unknown;
}
export interface ValidateResponse {
  ok: boolean;
  issues: GraphIssue[];
}

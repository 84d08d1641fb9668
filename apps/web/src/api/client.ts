// The REST client: every request carries the token; every failure is an ApiRequestError with the
// server's code, message and issues (or `network` when the server could not be reached).
import type {
  ApiErrorCode,
  CatalogData,
  DeployResponse,
  Graph,
  GraphIssue,
  GraphSummary,
  RunLog,
  RunStatus,
  SaveGraphResponse,
  StoredGraph,
} from '@streamloom/engine/protocol';
import { currentToken } from './token';

export type ClientErrorCode = ApiErrorCode | 'network';

export class ApiRequestError extends Error {
  constructor(
    readonly code: ClientErrorCode,
    message: string,
    readonly status: number,
    readonly issues: GraphIssue[] = [],
    /** On a 409 conflict: the revision now on the server. */
    readonly currentRevision?: number,
  ) {
    super(message);
    this.name = 'ApiRequestError';
  }
}

/** Listeners told about every unauthorized answer (the app then asks for the token). */
export const unauthorizedListeners = new Set<() => void>();

export type Fetch = typeof fetch;
let fetchImpl: Fetch = (...args) => fetch(...args);
/** For tests: replace fetch. */
export function setFetch(f: Fetch): void {
  fetchImpl = f;
}

export async function request<T>(method: string, path: string, body?: unknown): Promise<T> {
  const headers: Record<string, string> = { Accept: 'application/json' };
  const token = currentToken();
  if (token) headers.Authorization = `Bearer ${token}`;
  if (body !== undefined) headers['Content-Type'] = 'application/json';
  let res: Response;
  try {
    res = await fetchImpl(path, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) });
  } catch (error) {
    throw new ApiRequestError('network', `The server cannot be reached (${error instanceof Error ? error.message : String(error)})`, 0);
  }
  if (res.status === 204) return undefined as T;
  const text = await res.text().catch(() => '');
  let json: unknown;
  try {
    json = text === '' ? undefined : JSON.parse(text);
  } catch {
    json = undefined;
  }
  if (!res.ok) {
    const e = (json as { error?: { code?: ApiErrorCode; message?: string; issues?: GraphIssue[] }; currentRevision?: number } | undefined) ?? {};
    const code: ClientErrorCode = e.error?.code ?? (res.status === 401 ? 'unauthorized' : res.status === 404 ? 'not_found' : res.status >= 502 ? 'network' : 'internal');
    const message = e.error?.message ?? `${method} ${path} answered ${res.status} ${res.statusText}`;
    if (code === 'unauthorized') for (const l of unauthorizedListeners) l();
    throw new ApiRequestError(code, message, res.status, e.error?.issues ?? [], e.currentRevision);
  }
  if (json === undefined && text !== '') {
    throw new ApiRequestError('internal', `${method} ${path} did not answer JSON`, res.status);
  }
  return json as T;
}

/** Every call the editor makes. */
export const api = {
  health: () => request<{ ok: true; version: string }>('GET', '/api/health'),
  catalog: () => request<CatalogData>('GET', '/api/catalog'),
  listGraphs: () => request<GraphSummary[]>('GET', '/api/graphs'),
  getGraph: (id: string) => request<StoredGraph>('GET', `/api/graphs/${encodeURIComponent(id)}`),
  createGraph: (graph: Graph) => request<SaveGraphResponse>('POST', '/api/graphs', { graph }),
  updateGraph: (id: string, graph: Graph, baseRevision: number) =>
    request<SaveGraphResponse>('PUT', `/api/graphs/${encodeURIComponent(id)}`, { graph, baseRevision }),
  deleteGraph: (id: string) => request<void>('DELETE', `/api/graphs/${encodeURIComponent(id)}`),
  deploy: (id: string, revision?: number) =>
    request<DeployResponse>('POST', `/api/graphs/${encodeURIComponent(id)}/deploy`, revision === undefined ? {} : { revision }),
  listRuns: () => request<RunStatus[]>('GET', '/api/runs'),
  getRun: (runId: string) => request<RunStatus>('GET', `/api/runs/${encodeURIComponent(runId)}`),
  /** The run's recent output (its log sinks' lines); `after`: only lines numbered after it. */
  runLog: (runId: string, after?: number) =>
    request<RunLog>('GET', `/api/runs/${encodeURIComponent(runId)}/log${after === undefined ? '' : `?after=${after}`}`),
  stopRun: (runId: string) => request<RunStatus>('POST', `/api/runs/${encodeURIComponent(runId)}/stop`, {}),
  emit: (runId: string, nodeId: string, value: unknown) =>
    request<{ ok: true }>('POST', `/api/runs/${encodeURIComponent(runId)}/emit`, { nodeId, value }),
  /** Code for a graph: `ts`, `py` or `json` (the route comes with the exporters). */
  exportGraph: async (id: string, format: 'ts' | 'py' | 'json'): Promise<string> => {
    const token = currentToken();
    let res: Response;
    try {
      res = await fetchImpl(`/api/graphs/${encodeURIComponent(id)}/export?format=${format}`, {
        headers: token ? { Authorization: `Bearer ${token}` } : {},
      });
    } catch (error) {
      throw new ApiRequestError('network', `The server cannot be reached (${String(error)})`, 0);
    }
    const text = await res.text();
    if (!res.ok) {
      let message = `export answered ${res.status}`;
      let code: ClientErrorCode = res.status === 404 ? 'not_found' : 'internal';
      try {
        const e = JSON.parse(text) as { error?: { code: ApiErrorCode; message: string } };
        if (e.error) ({ code, message } = e.error);
      } catch {
        // not JSON
      }
      throw new ApiRequestError(code, message, res.status);
    }
    // The route may answer the code as text or as JSON { code }.
    try {
      const j = JSON.parse(text) as unknown;
      if (format !== 'json' && j && typeof j === 'object' && typeof (j as { code?: unknown }).code === 'string') return (j as { code: string }).code;
      if (format === 'json') return JSON.stringify(j, null, 2);
    } catch {
      // plain text
    }
    return text;
  },
};

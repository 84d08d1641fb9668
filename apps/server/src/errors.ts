import type { ApiError, ApiErrorCode, GraphIssue } from '@streamloom/engine/protocol';

/** The HTTP status of each error code. */
export const HTTP_STATUS: Readonly<Record<ApiErrorCode, number>> = {
  unauthorized: 401,
  bad_json: 400,
  invalid_body: 400,
  invalid_graph: 422,
  not_found: 404,
  conflict: 409,
  too_large: 413,
  not_running: 409,
  invalid_node: 400,
  internal: 500,
};

/** Every message the server answers with, in one place. */
export const MESSAGES = {
  unauthorized: () => 'A valid token is required: send "Authorization: Bearer <token>" (printed when the server starts)',
  badJson: (detail: string) => `The request body is not valid JSON: ${detail}`,
  tooLarge: (limit: number) => `The request body is larger than the limit of ${limit} bytes`,
  invalidBody: (where: string, what: string) => `Invalid request body${where ? ` at ${where}` : ''}: ${what}`,
  invalidGraph: (n: number) => `The graph has ${n} problem${n === 1 ? '' : 's'}; see issues`,
  graphNotFound: (id: string) => `No graph with id "${id}"`,
  revisionNotFound: (id: string, revision: number) => `Graph "${id}" has no revision ${revision}`,
  runNotFound: (id: string) => `No run with id "${id}"`,
  routeNotFound: (method: string, path: string) => `No such endpoint: ${method} ${path}`,
  conflict: (base: number, current: number) =>
    `The graph was saved by someone else since revision ${base}; the current revision is ${current}`,
  notRunning: (id: string, state: string) => `Run "${id}" is ${state}, not running`,
  unknownNode: (runId: string, nodeId: string) => `Run "${runId}" has no node "${nodeId}"`,
  emitFailed: (nodeId: string, why: string) => `Node "${nodeId}" failed on the value: ${why}`,
  internal: () => 'An internal error occurred',
} as const;

/** An error the API reports to its caller as it is (code, message, issues). */
export class ApiFailure extends Error {
  constructor(
    readonly code: ApiErrorCode,
    message: string,
    readonly issues?: GraphIssue[],
    /** Extra top-level fields of the answer (a conflict's `currentRevision`). */
    readonly extra?: Record<string, unknown>,
  ) {
    super(message);
    this.name = 'ApiFailure';
  }

  get status(): number {
    return HTTP_STATUS[this.code];
  }

  toBody(): ApiError & Record<string, unknown> {
    const error: ApiError['error'] = { code: this.code, message: this.message };
    if (this.issues !== undefined) error.issues = this.issues;
    return { error, ...this.extra };
  }
}

/** Any thrown value as an ApiFailure; anything unexpected becomes `internal`, without details. */
export function toApiFailure(error: unknown): ApiFailure {
  return error instanceof ApiFailure ? error : new ApiFailure('internal', MESSAGES.internal());
}

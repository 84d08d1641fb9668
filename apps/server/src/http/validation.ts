import type { Request } from 'express';
import { z } from 'zod';
import type { Graph, GraphIssue } from '@streamloom/engine/protocol';
import { ApiFailure, MESSAGES } from '../errors.js';
import { parseGraphInput } from '../engine.js';

// Request shapes, checked at the edge. The graph document itself is checked by the engine.
const Id = z.string().min(1).max(100);
export const IdParams = z.object({ id: Id });
export const RunParams = z.object({ runId: Id });
export const UpdateGraphBody = z.strictObject({ graph: z.unknown(), baseRevision: z.number().int().min(1) });
export const DeployBody = z.strictObject({ revision: z.number().int().min(1).optional() });
export const EmitBody = z.strictObject({ nodeId: Id, value: z.unknown() }).refine((b) => 'value' in b, {
  message: 'value is required (null is a value)',
  path: ['value'],
});

/** Checks `value` against `schema`, or throws invalid_body naming where and what. */
export function check<T>(schema: z.ZodType<T>, value: unknown, what = 'body'): T {
  const r = schema.safeParse(value);
  if (r.success) return r.data;
  const issues: GraphIssue[] = r.error.issues.map((i) => ({
    code: 'invalid_shape',
    message: `${i.path.length > 0 ? i.path.join('.') + ': ' : ''}${i.message}`,
    path: i.path.join('.'),
  }));
  const first = r.error.issues[0]!;
  const where = [what === 'body' ? '' : what, ...first.path.map(String)].filter(Boolean).join('.');
  throw new ApiFailure('invalid_body', MESSAGES.invalidBody(where, first.message), issues);
}

/** The body as an object (a JSON body that is not one is refused). */
export function body(req: Request): Record<string, unknown> {
  const b: unknown = req.body;
  if (b === undefined) {
    throw new ApiFailure('invalid_body', MESSAGES.invalidBody('', 'expected a JSON body (Content-Type: application/json)'));
  }
  if (b === null || typeof b !== 'object' || Array.isArray(b)) {
    throw new ApiFailure('invalid_body', MESSAGES.invalidBody('', 'expected a JSON object'));
  }
  return b as Record<string, unknown>;
}

/** An optional body: absent, or an object. */
export function optionalBody(req: Request): Record<string, unknown> {
  return req.body === undefined ? {} : body(req);
}

/**
 * The graph document of a request: `{ graph }`, or the document itself (what an exported .json file
 * holds). Throws invalid_graph with every issue the engine finds.
 */
export function graphOf(b: Record<string, unknown>): Graph {
  const doc = 'graph' in b ? b.graph : b;
  return checkedGraph(doc);
}

export function checkedGraph(doc: unknown): Graph {
  const r = parseGraphInput(doc);
  if (!r.ok) throw new ApiFailure('invalid_graph', MESSAGES.invalidGraph(r.issues.length), r.issues);
  return r.graph;
}

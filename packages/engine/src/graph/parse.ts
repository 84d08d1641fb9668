// A graph document (JSON text or a value, of any supported version) → a checked Graph or its issues.
import type { CatalogData } from '../catalog/types.js';
import type { GraphIssue } from './issues.js';
import type { Graph } from './schema.js';
import { applyDefaults } from './params.js';
import { checkGraph } from './validate.js';

export type ParseGraphResult = { ok: true; graph: Graph } | { ok: false; issues: GraphIssue[] };

export interface ParseGraphOptions {
  /** Fill absent parameters with their defaults (default false: the graph stays as written). */
  applyDefaults?: boolean;
}

/**
 * Parses JSON text if given a string, migrates an older version, checks the shape with the schema
 * (structural defaults applied: name, params, position, targetPort) and validates it against the
 * catalog. `ok: false` carries every issue. Never throws.
 */
export function parseGraph(input: unknown, catalog: CatalogData, options: ParseGraphOptions = {}): ParseGraphResult {
  const { issues, graph } = checkGraph(input, catalog);
  if (issues.length > 0 || graph === undefined) {
    return { ok: false, issues: issues.length > 0 ? issues : [{ code: 'invalid_shape', message: 'The graph cannot be read' }] };
  }
  return { ok: true, graph: options.applyDefaults ? applyDefaults(graph, catalog) : graph };
}

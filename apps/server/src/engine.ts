// The one place the server reaches into the engine's runtime: the catalog, graph parsing and
// validation, and the compiler (used by the run host and the headless command line).
import type { CatalogData, Graph, GraphIssue } from '@streamloom/engine/protocol';
import { parseGraph, validate } from '@streamloom/engine/graph';
import { catalogData as toCatalogData } from '@streamloom/engine/catalog';
import type { OperatorDescriptor } from '@streamloom/engine/catalog';
import { fullCatalog as engineCatalog } from '@streamloom/engine/node';

export { compile } from '@streamloom/engine/graph';

/** Every operator, Node-only sources and sinks (files, processes, sockets) included. */
export const fullCatalog: readonly OperatorDescriptor[] = engineCatalog;

/** The catalog as JSON, for the editor and for validation. */
export const catalogData: CatalogData = toCatalogData(fullCatalog);

/** A graph document (any value) → the checked graph, or every issue. Never throws. */
export function parseGraphInput(input: unknown): { ok: true; graph: Graph } | { ok: false; issues: GraphIssue[] } {
  return parseGraph(input, catalogData);
}

/** The issues of a graph document; empty when it compiles. Never throws. */
export function validateGraph(input: unknown): GraphIssue[] {
  return validate(input, catalogData);
}

// The one place the server reaches into the engine's runtime: the catalog, graph parsing and
// validation, and the compiler (used by the run host and the headless command line).
import type { CatalogData, Graph, GraphIssue } from '@streamloom/engine/protocol';
import type { CompiledGraph } from '@streamloom/engine/graph';
import { parseGraph, validate } from '@streamloom/engine/graph';
import { catalog as browserCatalog, catalogData as toCatalogData } from '@streamloom/engine/catalog';
import type { OperatorDescriptor, RunHost } from '@streamloom/engine/catalog';
import { compileStandIn } from './runs/compileStandIn.js';

export type CompileResult = { ok: true; graph: CompiledGraph } | { ok: false; issues: GraphIssue[] };
type Compile = (graph: Graph, host: RunHost, catalog: readonly OperatorDescriptor[]) => CompileResult;

// Pieces of the engine that are still being written are loaded when present.
async function optional(specifier: string): Promise<Record<string, unknown> | null> {
  try {
    return (await import(specifier)) as Record<string, unknown>;
  } catch {
    return null;
  }
}
const nodeModule = await optional('@streamloom/engine/node');
const graphModule = (await optional('@streamloom/engine/graph')) ?? {};

/** Every operator, Node-only sources and sinks included. */
export const fullCatalog: readonly OperatorDescriptor[] =
  (nodeModule?.fullCatalog as readonly OperatorDescriptor[] | undefined) ?? browserCatalog;

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

/** Compiles a graph on a host. Never throws. */
export const compile: Compile = (graphModule.compile as Compile | undefined) ?? compileStandIn;

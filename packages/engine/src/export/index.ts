// Graph → code: a TypeScript program on the engine, a Python program on streamz, or the graph's
// JSON laid out for diffs. Pure functions, driven by the catalog; browser-safe.
import type { OperatorDescriptor } from '../catalog/types.js';
import type { GraphIssue } from '../graph/issues.js';
import { parseGraph } from '../graph/parse.js';
import { exportJson } from './json.js';
import { exportPython } from './python.js';
import { exportTypeScript } from './typescript.js';
import type { ExportFormat, ExportOptions, ExportResult } from './types.js';

export { EXPORT_FORMATS } from './types.js';
export type { ExportFormat, ExportOptions, ExportResult, ExportWarning } from './types.js';
export { translateFunction, PYTHON_RESERVED } from './jsToPython.js';
export type { PythonFunction, Translation } from './jsToPython.js';
export { pythonHelpers } from './pythonRuntime.js';

/** Thrown by `exportGraph` for a graph that does not validate: its issues, as the validator words them. */
export class GraphExportError extends Error {
  constructor(readonly issues: GraphIssue[]) {
    super(`the graph cannot be exported:\n${issues.map((i) => `  ${i.message}`).join('\n')}`);
    this.name = 'GraphExportError';
  }
}

/**
 * Exports a graph (a Graph, or any graph document `parseGraph` accepts: JSON text, an older
 * version) with the operators of `catalog`. The warnings name the nodes the export could not carry
 * over exactly (a function not translated to Python). Throws a GraphExportError, with the
 * validator's issues, for a graph that does not validate.
 */
export function exportGraph(
  graph: unknown,
  format: ExportFormat,
  catalog: readonly OperatorDescriptor[],
  options: ExportOptions = {},
): ExportResult {
  const parsed = parseGraph(graph, catalog);
  if (!parsed.ok) throw new GraphExportError(parsed.issues);
  const byType = new Map<string, OperatorDescriptor>();
  for (const d of catalog) if (!byType.has(d.type)) byType.set(d.type, d);
  switch (format) {
    case 'ts':
      return exportTypeScript(parsed.graph, byType, options);
    case 'py':
      return exportPython(parsed.graph, byType, options);
    case 'json':
      return exportJson(parsed.graph, byType);
    default:
      throw new RangeError(`export: unknown format ${JSON.stringify(format)} (expected ts, py or json)`);
  }
}

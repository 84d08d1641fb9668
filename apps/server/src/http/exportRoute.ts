// GET /api/graphs/:id/export?format=ts|py|json[&revision=N][&download=1]: a stored graph as a
// program (TypeScript on the engine, Python on streamz) or as its JSON laid out for diffs.
import type { RequestHandler } from 'express';
import { z } from 'zod';
import type { OperatorDescriptor } from '@streamloom/engine/catalog';
import { EXPORT_FORMATS, GraphExportError, exportGraph, type ExportFormat, type ExportWarning } from '@streamloom/engine/export';
import type { Graph, GraphRevision, StoredGraph } from '@streamloom/engine/protocol';
import { ApiFailure, MESSAGES } from '../errors.js';
import { check, IdParams } from './validation.js';

/** The answer of the export endpoint (JSON unless `download` asks for the file itself). */
export interface ExportResponse {
  id: string;
  revision: number;
  format: ExportFormat;
  /** A file name for the code: the graph's name, as a file name, with the format's extension. */
  filename: string;
  code: string;
  /** What the export could not carry over exactly (a function not translated to Python), by node. */
  warnings: ExportWarning[];
}

/** Where the handler reads graphs: the GraphStore, or anything with the same two reads. */
export interface ExportGraphSource {
  get(id: string): StoredGraph | undefined;
  revisions(id: string): GraphRevision[] | undefined;
}

export interface ExportRouteDeps {
  graphs: ExportGraphSource;
  catalog: readonly OperatorDescriptor[];
}

const ExportQuery = z.object({
  format: z.enum(EXPORT_FORMATS as [ExportFormat, ...ExportFormat[]]),
  revision: z.coerce.number().int().min(1).optional(),
  download: z.enum(['0', '1', 'true', 'false']).optional(),
});

const EXTENSION: Record<ExportFormat, string> = { ts: 'ts', py: 'py', json: 'json' };
const MEDIA_TYPE: Record<ExportFormat, string> = { ts: 'text/typescript', py: 'text/x-python', json: 'application/json' };

/** The graph's name as a file name: lower case, words joined by hyphens (snake_case for Python). */
export function exportFilename(name: string, id: string, format: ExportFormat): string {
  const words = name
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .split(/[^a-z0-9]+/)
    .filter((w) => w !== '');
  const base = words.length > 0 ? words.join(format === 'py' ? '_' : '-').slice(0, 80) : `graph-${id}`.replace(/[^\w-]/g, '_');
  // A Python file is a module: its name must not start with a digit.
  return `${format === 'py' && /^\d/.test(base) ? `graph_${base}` : base}.${EXTENSION[format]}`;
}

/** The export endpoint's handler; mount it at `/graphs/:id/export`. */
export function exportRoute({ graphs, catalog }: ExportRouteDeps): RequestHandler {
  return (req, res) => {
    const { id } = check(IdParams, req.params, 'params');
    const query = check(ExportQuery, req.query, 'query');
    const head = graphs.get(id);
    if (head === undefined) throw new ApiFailure('not_found', MESSAGES.graphNotFound(id));
    let graph: Graph = head.graph;
    let revision = head.revision;
    if (query.revision !== undefined && query.revision !== head.revision) {
      const found = graphs.revisions(id)?.find((r) => r.revision === query.revision);
      if (found === undefined) throw new ApiFailure('not_found', MESSAGES.revisionNotFound(id, query.revision));
      graph = found.graph;
      revision = found.revision;
    }
    let result: { code: string; warnings: ExportWarning[] };
    try {
      result = exportGraph(graph, query.format, catalog, { revision });
    } catch (error) {
      // A graph saved under an older catalog may no longer validate.
      if (error instanceof GraphExportError) throw new ApiFailure('invalid_graph', MESSAGES.invalidGraph(error.issues.length), error.issues);
      throw error;
    }
    const filename = exportFilename(graph.name, id, query.format);
    if (query.download === '1' || query.download === 'true') {
      res
        .type(MEDIA_TYPE[query.format])
        .set('Content-Disposition', `attachment; filename="${filename}"`)
        .set('X-Streamloom-Warnings', String(result.warnings.length))
        .send(result.code);
      return;
    }
    res.json({ id, revision, format: query.format, filename, ...result } satisfies ExportResponse);
  };
}

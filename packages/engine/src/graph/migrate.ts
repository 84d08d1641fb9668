// Saved graphs of older versions, brought up to GRAPH_VERSION on load. Each step of the versions
// table takes a document of version N to version N + 1 (tldraw's migrations, up only).
import type { GraphIssue } from './issues.js';
import { GRAPH_VERSION } from './schema.js';
import { describeValue } from './validateMessages.js';

type Doc = Record<string, unknown>;

/** One step of the versions table: a pure function of a version-N document to version N + 1. */
export interface Migration {
  from: number;
  description: string;
  up(doc: Doc): Doc;
}

/**
 * Version 0, the pre-release format (no `version` field):
 * `{ name?, nodes: [{ id, op, params, x, y }], edges: [{ id?, from, to, port? }] }`.
 * Steps are lenient: what they cannot read they pass on unchanged, at the same place, for the
 * schema to report (so paths like `nodes.3` stay right).
 */
export const MIGRATIONS: readonly Migration[] = [
  {
    from: 0,
    description: 'pre-release → 1: op → type, x/y → position, from/to/port → source/target/targetPort, edge ids',
    up(doc) {
      const { nodes, edges, ...rest } = doc;
      const out: Doc = { ...rest, version: 1 };
      if (Array.isArray(nodes)) {
        out.nodes = nodes.map((node: unknown) => {
          if (!isObject(node)) return node;
          const { op, x, y, ...fields } = node;
          const next: Doc = { ...fields };
          if (op !== undefined) next.type = op;
          if (x !== undefined || y !== undefined) next.position = { x, y };
          return next;
        });
      } else if (nodes !== undefined) out.nodes = nodes;
      if (Array.isArray(edges)) {
        const used = new Set(edges.map((e: unknown) => (isObject(e) ? e.id : undefined)).filter((id) => id !== undefined));
        let counter = 0;
        const freshId = () => {
          let id: string;
          do id = `e${++counter}`;
          while (used.has(id));
          used.add(id);
          return id;
        };
        out.edges = edges.map((edge: unknown) => {
          if (!isObject(edge)) return edge;
          const { id, from, to, port, ...fields } = edge;
          const next: Doc = { id: id === undefined ? freshId() : id, ...fields };
          if (from !== undefined) next.source = from;
          if (to !== undefined) next.target = to;
          if (port !== undefined) next.targetPort = port;
          return next;
        });
      } else if (edges !== undefined) out.edges = edges;
      return out;
    },
  },
];

export type MigrateResult =
  /** `doc` is at GRAPH_VERSION but not yet checked against the schema. */
  | { ok: true; doc: Doc & { version: typeof GRAPH_VERSION }; fromVersion: number }
  | { ok: false; issues: GraphIssue[] };

/** Brings a saved document up to GRAPH_VERSION. Pure: the input is not changed. Never throws. */
export function migrate(doc: unknown): MigrateResult {
  try {
    if (!isObject(doc)) {
      return fail('invalid_shape', `The graph must be a JSON object, got ${Array.isArray(doc) ? 'a list' : doc === null ? 'null' : typeof doc}`);
    }
    const version = doc.version === undefined ? 0 : doc.version;
    if (typeof version !== 'number' || !Number.isSafeInteger(version) || version < 0) {
      return fail('invalid_shape', `The graph's "version" must be a whole number from 0 to ${GRAPH_VERSION}, got ${describeValue(version)}`, 'version');
    }
    if (version > GRAPH_VERSION) {
      return fail(
        'unsupported_version',
        `The graph is version ${version}, newer than this Streamloom reads (version ${GRAPH_VERSION}); update Streamloom to open it`,
        'version',
      );
    }
    let current: Doc = doc;
    for (let v = version; v < GRAPH_VERSION; v++) {
      const step = MIGRATIONS.find((m) => m.from === v);
      if (step === undefined) return fail('unsupported_version', `No migration from graph version ${v}`, 'version');
      current = step.up(current);
    }
    return { ok: true, doc: current as Doc & { version: typeof GRAPH_VERSION }, fromVersion: version };
  } catch (error) {
    return fail('invalid_shape', `The graph cannot be read: ${error instanceof Error ? error.message : String(error)}`);
  }
}

function fail(code: GraphIssue['code'], message: string, path?: string): MigrateResult {
  return { ok: false, issues: [path === undefined ? { code, message } : { code, message, path }] };
}

function isObject(value: unknown): value is Doc {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

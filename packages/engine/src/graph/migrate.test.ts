import { describe, expect, it } from 'vitest';
import { MIGRATIONS, migrate } from './migrate.js';
import { GRAPH_VERSION, GraphSchema } from './schema.js';

const v0 = {
  name: 'old graph',
  nodes: [
    { id: 'src', op: 'counter', params: { interval: 100 }, x: 10, y: 20 },
    { id: 'z', op: 'zip', params: {}, x: 30, y: 40 },
  ],
  edges: [
    { from: 'src', to: 'z' },
    { id: 'e1', from: 'src', to: 'z', port: 1 },
  ],
};

describe('migrate', () => {
  it('has one step per version, each from the version before', () => {
    expect(MIGRATIONS.map((m) => m.from)).toEqual(Array.from({ length: GRAPH_VERSION }, (_, i) => i));
  });

  it('brings a version 0 graph to the current version', () => {
    const result = migrate(v0);
    expect(result).toEqual({
      ok: true,
      fromVersion: 0,
      doc: {
        version: 1,
        name: 'old graph',
        nodes: [
          { id: 'src', type: 'counter', params: { interval: 100 }, position: { x: 10, y: 20 } },
          { id: 'z', type: 'zip', params: {}, position: { x: 30, y: 40 } },
        ],
        // e1 is taken, so the edge without an id gets e2.
        edges: [
          { id: 'e2', source: 'src', target: 'z' },
          { id: 'e1', source: 'src', target: 'z', targetPort: 1 },
        ],
      },
    });
    expect(GraphSchema.safeParse(result.ok && result.doc).success).toBe(true);
  });

  it('is pure: the input is not changed', () => {
    const copy = structuredClone(v0);
    migrate(v0);
    expect(v0).toEqual(copy);
  });

  it('passes what it cannot read on, at the same place, for the schema to report', () => {
    expect(migrate({ nodes: [5, { id: 'a', op: 'map' }], edges: 'none' })).toEqual({
      ok: true,
      fromVersion: 0,
      doc: { version: 1, nodes: [5, { id: 'a', type: 'map' }], edges: 'none' },
    });
  });

  it('returns a current document as it is', () => {
    const doc = { version: GRAPH_VERSION, nodes: [], edges: [] };
    expect(migrate(doc)).toEqual({ ok: true, fromVersion: GRAPH_VERSION, doc });
  });

  it('refuses a newer version', () => {
    expect(migrate({ version: GRAPH_VERSION + 1, nodes: [], edges: [] })).toEqual({
      ok: false,
      issues: [
        {
          code: 'unsupported_version',
          message: `The graph is version ${GRAPH_VERSION + 1}, newer than this Streamloom reads (version ${GRAPH_VERSION}); update Streamloom to open it`,
          path: 'version',
        },
      ],
    });
  });

  it.each([
    [null, 'The graph must be a JSON object, got null', undefined],
    [[], 'The graph must be a JSON object, got a list', undefined],
    ['{}', 'The graph must be a JSON object, got string', undefined],
    [{ version: -1 }, 'The graph\'s "version" must be a whole number from 0 to 1, got -1', 'version'],
    [{ version: 1.5 }, 'The graph\'s "version" must be a whole number from 0 to 1, got 1.5', 'version'],
    [{ version: 10n }, 'The graph\'s "version" must be a whole number from 0 to 1, got the big integer 10', 'version'],
  ])('reports case %# as invalid_shape', (doc, message, path) => {
    expect(migrate(doc)).toEqual({ ok: false, issues: [path === undefined ? { code: 'invalid_shape', message } : { code: 'invalid_shape', message, path }] });
  });

  it('never throws, even on a hostile object', () => {
    const hostile = new Proxy({}, { get: () => { throw new Error('no'); } });
    expect(migrate(hostile)).toEqual({ ok: false, issues: [{ code: 'invalid_shape', message: 'The graph cannot be read: no' }] });
  });
});

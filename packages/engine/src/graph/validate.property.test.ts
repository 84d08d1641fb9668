// Property tests: validate on random valid graphs, random mutations of them, and arbitrary values
// never throws or hangs, and reports what the mutation broke.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { DescriptorData, ParamSpec } from '../catalog/types.js';
import type { GraphIssue, GraphIssueCode } from './issues.js';
import { parseGraph } from './parse.js';
import { validate } from './validate.js';
import { testCatalog } from './validateFixtures.js';

const RUNS = 400;
const CODES = new Set<GraphIssueCode>([
  'invalid_json', 'invalid_shape', 'unsupported_version', 'too_large', 'duplicate_id', 'unknown_type',
  'missing_param', 'unknown_param', 'invalid_param', 'out_of_range', 'function_syntax', 'not_a_function',
  'missing_node', 'invalid_port', 'too_few_inputs', 'too_many_inputs', 'no_output', 'sync_cycle',
]);

type Doc = { version: number; name: string; nodes: any[]; edges: any[] };

const FUNCTIONS = ['x => x * 2', '(s, x) => s + x', 'function (x) { return x }', 'x => ({ a: x })', 'async x => x', '() => true'];

function validValue(spec: ParamSpec): fc.Arbitrary<unknown> {
  const lo = spec.min ?? 0;
  const hi = spec.max ?? lo + 1000;
  switch (spec.kind) {
    case 'number':
      return fc.double({ min: lo, max: hi, noNaN: true, noDefaultInfinity: true });
    case 'integer':
    case 'duration':
      return fc.integer({ min: Math.ceil(lo), max: Math.floor(hi) });
    case 'boolean':
      return fc.boolean();
    case 'string':
      return fc.string({ minLength: spec.min ?? 0, maxLength: Math.min(spec.max ?? 20, 20) });
    case 'enum':
      return fc.constantFrom(...spec.options!);
    case 'function':
      return fc.constantFrom(...FUNCTIONS);
    case 'json':
      // null is a JSON value, but only a nullable parameter takes it.
      return fc.jsonValue({ maxDepth: 3 }).filter((v) => v !== null);
    case 'list': {
      const item =
        spec.items === 'number' ? fc.double({ noNaN: true, noDefaultInfinity: true }) : spec.items === 'integer' ? fc.integer() : spec.items === 'string' ? fc.string() : fc.jsonValue({ maxDepth: 2 });
      return fc.array(item, { minLength: spec.min ?? 0, maxLength: Math.min(spec.max ?? 5, 5) });
    }
  }
}

function validParams(d: DescriptorData): fc.Arbitrary<Record<string, unknown>> {
  const entries: Record<string, fc.Arbitrary<unknown>> = {};
  const required: string[] = [];
  for (const spec of d.params) {
    entries[spec.name] = spec.nullable ? fc.option(validValue(spec), { nil: null }) : validValue(spec);
    if (spec.required) required.push(spec.name);
  }
  return fc.record(entries, { requiredKeys: required }) as fc.Arbitrary<Record<string, unknown>>;
}

const nonSources = testCatalog.filter((d) => !d.source);
const counter = testCatalog.find((d) => d.type === 'counter')!;

/** A valid DAG: a counter first, each later node fed from earlier nodes that have an output. */
const validGraph: fc.Arbitrary<Doc> = fc
  .array(fc.constantFrom(...nonSources), { minLength: 0, maxLength: 12 })
  .chain((types) =>
    fc.tuple(
      validParams(counter),
      fc.tuple(
        ...types.map((d) =>
          fc.record({
            params: validParams(d),
            inputs: fc.integer({ min: d.inputs.min, max: d.inputs.max ?? d.inputs.min + 2 }),
            picks: fc.array(fc.nat(), { minLength: 4, maxLength: 4 }),
          }),
        ),
      ),
    ).map(([counterParams, rest]) => {
      const nodes: any[] = [{ id: 'n0', type: 'counter', params: counterParams, position: { x: 0, y: 0 } }];
      const withOutput = ['n0'];
      const edges: any[] = [];
      types.forEach((d, i) => {
        const id = `n${i + 1}`;
        const { params, inputs, picks } = rest[i]!;
        nodes.push({ id, type: d.type, params, position: { x: i * 10, y: 0 } });
        for (let port = 0; port < inputs; port++) {
          const source = withOutput[picks[port % picks.length]! % withOutput.length]!;
          edges.push({ id: `e${edges.length + 1}`, source, target: id, targetPort: port });
        }
        if (d.outputs === 1) withOutput.push(id);
      });
      return { version: 1, name: 'random', nodes, edges };
    }),
  );

type Mutation = (doc: Doc) => void;

const pick = <T>(list: T[], n: number): T | undefined => (list.length === 0 ? undefined : list[n % list.length]);

const mutation: fc.Arbitrary<Mutation> = fc.oneof(
  fc.nat().map((n) => (doc: Doc) => void doc.nodes.splice(n % Math.max(1, doc.nodes.length), 1)),
  fc.nat().map((n) => (doc: Doc) => {
    const node = pick(doc.nodes, n);
    if (node !== undefined) doc.nodes.push(structuredClone(node));
  }),
  fc.tuple(fc.nat(), fc.string()).map(([n, id]) => (doc: Doc) => {
    const node = pick(doc.nodes, n);
    if (node !== undefined) node.id = id;
  }),
  fc.nat().map((n) => (doc: Doc) => void doc.edges.splice(n % Math.max(1, doc.edges.length), 1)),
  fc.nat().map((n) => (doc: Doc) => {
    const edge = pick(doc.edges, n);
    if (edge !== undefined) doc.edges.push(structuredClone(edge));
  }),
  fc.tuple(fc.nat(), fc.boolean(), fc.string()).map(([n, end, id]) => (doc: Doc) => {
    const edge = pick(doc.edges, n);
    if (edge !== undefined) edge[end ? 'source' : 'target'] = id;
  }),
  fc.tuple(fc.nat(), fc.oneof(fc.string(), fc.constantFrom('func', 'n', 'interval', 'predicate', 'columns', 'pick')), fc.anything()).map(
    ([n, name, value]) =>
      (doc: Doc) => {
        const node = pick(doc.nodes, n);
        if (node !== undefined && typeof node.params === 'object') node.params[name] = value;
      },
  ),
  fc.tuple(fc.nat(), fc.oneof(fc.string(), fc.constantFrom(...testCatalog.map((d) => d.type)))).map(([n, type]) => (doc: Doc) => {
    const node = pick(doc.nodes, n);
    if (node !== undefined) node.type = type;
  }),
  fc.tuple(fc.nat(), fc.oneof(fc.integer({ min: -2, max: 6 }), fc.anything())).map(([n, port]) => (doc: Doc) => {
    const edge = pick(doc.edges, n);
    if (edge !== undefined) edge.targetPort = port;
  }),
  // A back edge: from a later node to an earlier one, making a loop.
  fc.tuple(fc.nat(), fc.nat(), fc.nat({ max: 3 })).map(([a, b, port]) => (doc: Doc) => {
    if (doc.nodes.length < 2) return;
    const i = a % doc.nodes.length;
    const j = b % doc.nodes.length;
    const [from, to] = i >= j ? [i, j] : [j, i];
    doc.edges.push({ id: `back${doc.edges.length}`, source: doc.nodes[from].id, target: doc.nodes[to].id, targetPort: port });
  }),
  fc.tuple(fc.nat(), fc.boolean(), fc.anything()).map(([n, nodes, value]) => (doc: Doc) => {
    const list = nodes ? doc.nodes : doc.edges;
    if (list.length > 0) list[n % list.length] = value;
  }),
  fc.tuple(fc.nat(), fc.constantFrom('id', 'type', 'params', 'position', 'source', 'target')).map(([n, field]) => (doc: Doc) => {
    const entry = pick([...doc.nodes, ...doc.edges], n);
    if (entry !== null && typeof entry === 'object') delete entry[field];
  }),
  fc.anything().map((value) => (doc: Doc) => {
    (doc as any)[['version', 'name', 'nodes', 'edges'][JSON.stringify(value ?? null)?.length % 4 || 0]!] = value;
  }),
);

function expectWellFormed(issues: GraphIssue[]): void {
  expect(Array.isArray(issues)).toBe(true);
  for (const issue of issues) {
    expect(CODES.has(issue.code)).toBe(true);
    expect(typeof issue.message).toBe('string');
    expect(issue.message.length).toBeGreaterThan(0);
    for (const key of ['nodeId', 'param', 'edgeId', 'path'] as const) {
      if (key in issue) expect(typeof issue[key]).toBe('string');
    }
    for (const key of ['line', 'column'] as const) {
      if (key in issue) expect(Number.isInteger(issue[key]) && issue[key]! >= 1).toBe(true);
    }
  }
  expect(JSON.parse(JSON.stringify(issues))).toEqual(issues);
}

function timed<T>(f: () => T): T {
  const start = performance.now();
  const result = f();
  expect(performance.now() - start).toBeLessThan(2000);
  return result;
}

describe('validate, property tests', () => {
  it('accepts every random valid graph, and parseGraph agrees', () => {
    fc.assert(
      fc.property(validGraph, (doc) => {
        expect(validate(doc, testCatalog)).toEqual([]);
        expect(validate(JSON.stringify(doc), testCatalog)).toEqual([]);
        expect(parseGraph(doc, testCatalog).ok).toBe(true);
      }),
      { numRuns: RUNS },
    );
  });

  it('never throws or hangs on mutated graphs, and reports well-formed issues', () => {
    fc.assert(
      fc.property(validGraph, fc.array(mutation, { minLength: 1, maxLength: 4 }), (doc, mutations) => {
        for (const m of mutations) {
          try {
            m(doc);
          } catch {
            // an earlier mutation left nothing for this one to work on
          }
        }
        const issues = timed(() => validate(doc, testCatalog));
        expectWellFormed(issues);
        expect(validate(doc, testCatalog)).toEqual(issues); // deterministic
        const parsed = parseGraph(doc, testCatalog);
        expect(parsed.ok).toBe(issues.length === 0);
      }),
      { numRuns: RUNS * 2 },
    );
  });

  it('reports a duplicated node, and a node removed from under its edges', () => {
    fc.assert(
      fc.property(validGraph, fc.nat(), (doc, n) => {
        fc.pre(doc.edges.length > 0);
        const copy = structuredClone(doc);
        copy.nodes.push(structuredClone(copy.nodes[n % copy.nodes.length]));
        expect(validate(copy, testCatalog).map((i) => i.code)).toContain('duplicate_id');

        const edge = doc.edges[n % doc.edges.length];
        doc.nodes = doc.nodes.filter((node) => node.id !== edge.target);
        const issues = validate(doc, testCatalog);
        expect(issues).toContainEqual(expect.objectContaining({ code: 'missing_node', edgeId: edge.id }));
      }),
      { numRuns: RUNS },
    );
  });

  it('reports a synchronous loop closed by a back edge between synchronous nodes', () => {
    const details = fc.check(
      fc.property(validGraph, fc.nat(), (doc, n) => {
        // Into a union (variadic) so the port is free, from a synchronous node downstream of it.
        const unions = doc.nodes.filter((node) => node.type === 'union');
        fc.pre(unions.length > 0);
        const union = unions[n % unions.length];
        const edge = doc.edges.find((e) => e.source === union.id && doc.nodes.find((x) => x.id === e.target)?.type === 'map');
        fc.pre(edge !== undefined);
        const ports = doc.edges.filter((e) => e.target === union.id).length;
        doc.edges.push({ id: 'loop', source: edge.target, target: union.id, targetPort: ports });
        expect(validate(doc, testCatalog).map((i) => i.code)).toContain('sync_cycle');
      }),
      { numRuns: RUNS / 4 },
    );
    expect(details.failed, String(details.errorInstance)).toBe(false);
    expect(details.numRuns).toBe(RUNS / 4); // runs that were not skipped by fc.pre
  });

  it('never throws on arbitrary values, or on arbitrary and corrupted JSON text', () => {
    fc.assert(
      fc.property(fc.anything({ withBigInt: true, withMap: true, withSet: true, withDate: true, withTypedArray: true, withSparseArray: true, withNullPrototype: true, withBoxedValues: true }), (value) => {
        expectWellFormed(timed(() => validate(value, testCatalog)));
      }),
      { numRuns: RUNS },
    );
    fc.assert(
      fc.property(validGraph, fc.nat(), fc.string({ maxLength: 3 }), (doc, at, insert) => {
        const text = JSON.stringify(doc);
        const i = at % (text.length + 1);
        const corrupted = text.slice(0, i) + insert + text.slice(i + 1);
        expectWellFormed(timed(() => validate(corrupted, testCatalog)));
      }),
      { numRuns: RUNS },
    );
  });

  it('never throws on graphs built from arbitrary parts', () => {
    const part = fc.record(
      { id: fc.oneof(fc.string(), fc.anything()), type: fc.oneof(fc.constantFrom(...testCatalog.map((d) => d.type)), fc.anything()), params: fc.oneof(fc.dictionary(fc.string(), fc.anything()), fc.anything()) },
      { requiredKeys: [] },
    );
    const edgePart = fc.record(
      { id: fc.string(), source: fc.constantFrom('a', 'b', 'c'), target: fc.constantFrom('a', 'b', 'c'), targetPort: fc.oneof(fc.nat({ max: 4 }), fc.anything()) },
      { requiredKeys: [] },
    );
    fc.assert(
      fc.property(fc.array(part, { maxLength: 8 }), fc.array(edgePart, { maxLength: 12 }), fc.constantFrom(0, 1, 2, undefined), (nodes, edges, version) => {
        expectWellFormed(timed(() => validate({ version, nodes, edges }, testCatalog)));
      }),
      { numRuns: RUNS },
    );
  });
});

import { describe, expect, it } from 'vitest';
import { catalog, catalogData } from '../catalog/index.js';
import type { GraphIssue, GraphIssueCode } from './issues.js';
import { applyDefaults, paramIssues } from './params.js';
import { parseGraph } from './parse.js';
import { GRAPH_LIMITS, GraphSchema } from './schema.js';
import { MAX_ISSUES, checkGraph, validate } from './validate.js';
import { chain, edge, graph, node, testCatalog } from './validateFixtures.js';

const c = chain();

/** One case per issue code (some codes have several), with the exact issues expected. */
const table: Array<{ name: string; input: unknown; expected: GraphIssue[] }> = [
  {
    name: "invalid_json",
    input: '{"version": 1,\n  "nodes": [,]}',
    expected: [
      { code: "invalid_json", message: "The graph is not valid JSON: unexpected \",\" at line 2, column 13", line: 2, column: 13 },
    ],
  },
  {
    name: "invalid_shape: not an object",
    input: [1, 2],
    expected: [
      { code: "invalid_shape", message: "The graph must be a JSON object, got a list" },
    ],
  },
  {
    name: "invalid_shape: fields",
    input: { version: 1, name: 7, nodes: [node('c', 'counter'), 5, { id: 'x', type: 'counter', position: { x: 'a', y: 0 }, onError: 'ignore' }], edges: [{ id: 'e', source: 'c', target: 'x', targetPort: 1.5 }, { source: 'c' }] },
    expected: [
      { code: "invalid_shape", message: "Graph field \"name\" must be text, got 7", path: "name" },
      { code: "invalid_shape", message: "Node #2 must be an object, got 5", path: "nodes.1" },
      { code: "invalid_shape", message: "Node \"x\": field \"position.x\" must be a finite number, got \"a\" (text)", path: "nodes.2.position.x", nodeId: "x" },
      { code: "invalid_shape", message: "Node \"x\": field \"onError\" must be one of \"drop\" or \"stop\", got \"ignore\" (text)", path: "nodes.2.onError", nodeId: "x" },
      { code: "invalid_shape", message: "Edge \"e\" (c → x): field \"targetPort\" must be a whole number, got 1.5", path: "edges.0.targetPort", edgeId: "e" },
      { code: "invalid_shape", message: "Edge #2: field \"id\" is required", path: "edges.1.id" },
      { code: "invalid_shape", message: "Edge #2: field \"target\" is required", path: "edges.1.target" },
    ],
  },
  {
    name: "invalid_shape: version",
    input: { version: '1', nodes: [], edges: [] },
    expected: [
      { code: "invalid_shape", message: "The graph's \"version\" must be a whole number from 0 to 1, got \"1\" (text)", path: "version" },
    ],
  },
  {
    name: "unsupported_version",
    input: { version: 2, nodes: [], edges: [] },
    expected: [
      { code: "unsupported_version", message: "The graph is version 2, newer than this Streamloom reads (version 1); update Streamloom to open it", path: "version" },
    ],
  },
  {
    name: "too_large: nodes",
    input: { version: 1, nodes: Array.from({ length: 2001 }, (_, i) => node(`n${i}`, 'counter')), edges: [] },
    expected: [
      { code: "too_large", message: "The graph has 2001 nodes; at most 2000 are allowed", path: "nodes" },
    ],
  },
  {
    name: "too_large: params",
    input: graph([node('p', 'pluck', { pick: 'x'.repeat(70_000) })]),
    expected: [
      { code: "too_large", message: "Node \"p\" (pluck): parameters take more than 64 KB as JSON; at most 64 KB are allowed", nodeId: "p" },
      { code: "too_few_inputs", message: "Node \"p\" (pluck): input 0 is not connected", nodeId: "p" },
    ],
  },
  {
    name: "duplicate_id",
    input: graph([...c.nodes, node('m', 'counter')], [...c.edges, edge('e1', 'm', 's')]),
    expected: [
      { code: "duplicate_id", message: "Node \"m\" (counter): id \"m\" is already used by node #2; node ids must be unique", nodeId: "m", path: "nodes.3" },
      { code: "duplicate_id", message: "Edge \"e1\" (m → s): id \"e1\" is already used by edge #1; edge ids must be unique", edgeId: "e1", path: "edges.2" },
      { code: "too_many_inputs", message: "Node \"s\" (sink): input 0 has 2 edges (\"e2\", \"e1\"); it takes one", nodeId: "s", edgeId: "e1" },
    ],
  },
  {
    name: "unknown_type",
    input: graph([node('c', 'counter'), node('m', 'mapp', { func: 'x => x' }), node('q', 'quux')]),
    expected: [
      { code: "unknown_type", message: "Node \"m\": unknown operator type \"mapp\"; did you mean \"map\"?", nodeId: "m" },
      { code: "unknown_type", message: "Node \"q\": unknown operator type \"quux\"", nodeId: "q" },
    ],
  },
  {
    name: "missing_param",
    input: graph([node('c', 'counter'), node('m', 'map'), node('w', 'sliding_window', { n: null })], [edge('e1', 'c', 'm'), edge('e2', 'c', 'w')]),
    expected: [
      { code: "missing_param", message: "Node \"m\" (map): parameter \"func\" is required", nodeId: "m", param: "func" },
      { code: "missing_param", message: "Node \"w\" (sliding_window): parameter \"n\" is required (null is not allowed)", nodeId: "w", param: "n" },
    ],
  },
  {
    name: "unknown_param",
    input: graph([node('c', 'counter', { intervall: 5, colour: 'red' }), node('u', 'union', { x: 1 })], [edge('e1', 'c', 'u')]),
    expected: [
      { code: "unknown_param", message: "Node \"c\" (counter): unknown parameter \"intervall\"; did you mean \"interval\"?", nodeId: "c", param: "intervall" },
      { code: "unknown_param", message: "Node \"c\" (counter): unknown parameter \"colour\"; it takes \"interval\" or \"start\"", nodeId: "c", param: "colour" },
      { code: "unknown_param", message: "Node \"u\" (union): unknown parameter \"x\"; union takes no parameters", nodeId: "u", param: "x" },
    ],
  },
  {
    name: "invalid_param",
    input: graph([node('c', 'counter', { interval: '1s', start: 1.5 }), node('f', 'to_file', { path: 3, mode: 'x' }), node('s', 'select', { columns: ['a', 2], weights: [1, 'two'], ids: 'x', extra: [{ d: new Date(0) }] }), node('p', 'pluck', { pick: NaN }), node('w', 'sliding_window', { n: 2, return_partial: 'yes' })], [edge('e1', 'c', 'f'), edge('e2', 'c', 's'), edge('e3', 'c', 'p'), edge('e4', 'c', 'w')]),
    expected: [
      { code: "invalid_param", message: "Node \"c\" (counter): parameter \"interval\" must be a duration in milliseconds (a number), got \"1s\" (text)", nodeId: "c", param: "interval" },
      { code: "invalid_param", message: "Node \"c\" (counter): parameter \"start\" must be a whole number, got 1.5", nodeId: "c", param: "start" },
      { code: "invalid_param", message: "Node \"f\" (to_file): parameter \"path\" must be text, got 3", nodeId: "f", param: "path" },
      { code: "invalid_param", message: "Node \"f\" (to_file): parameter \"mode\" must be one of \"w\" or \"a\", got \"x\" (text)", nodeId: "f", param: "mode" },
      { code: "invalid_param", message: "Node \"s\" (select): parameter \"columns\" item 1 must be text, got 2", nodeId: "s", param: "columns", path: "nodes.2.params.columns.1" },
      { code: "invalid_param", message: "Node \"s\" (select): parameter \"weights\" item 1 must be a number, got \"two\" (text)", nodeId: "s", param: "weights", path: "nodes.2.params.weights.1" },
      { code: "invalid_param", message: "Node \"s\" (select): parameter \"ids\" must be a list of whole numbers, got \"x\" (text)", nodeId: "s", param: "ids" },
      { code: "invalid_param", message: "Node \"s\" (select): parameter \"extra\" item 0 must be a JSON value: a Date is not JSON at d", nodeId: "s", param: "extra", path: "nodes.2.params.extra.0.d" },
      { code: "invalid_param", message: "Node \"p\" (pluck): parameter \"pick\" must be a JSON value: NaN is not a JSON number", nodeId: "p", param: "pick" },
      { code: "invalid_param", message: "Node \"w\" (sliding_window): parameter \"return_partial\" must be true or false, got \"yes\" (text)", nodeId: "w", param: "return_partial" },
    ],
  },
  {
    name: "out_of_range",
    input: graph([node('c', 'counter', { interval: -5 }), node('w', 'sliding_window', { n: 0 }), node('s', 'select', { columns: [] }), node('f', 'to_file', { path: '' }), node('z', 'sample', { ratio: 1.5 })], [edge('e1', 'c', 'w'), edge('e2', 'c', 's'), edge('e3', 'c', 'f'), edge('e4', 'c', 'z', 0), edge('e5', 'c', 'z', 1)]),
    expected: [
      { code: "out_of_range", message: "Node \"c\" (counter): parameter \"interval\" must be 0 ms or more, got -5 ms", nodeId: "c", param: "interval" },
      { code: "out_of_range", message: "Node \"w\" (sliding_window): parameter \"n\" must be between 1 and 10000, got 0", nodeId: "w", param: "n" },
      { code: "out_of_range", message: "Node \"s\" (select): parameter \"columns\" must have at least 1 item, got 0", nodeId: "s", param: "columns" },
      { code: "out_of_range", message: "Node \"f\" (to_file): parameter \"path\" must not be empty", nodeId: "f", param: "path" },
      { code: "out_of_range", message: "Node \"z\" (sample): parameter \"ratio\" must be between 0 and 1, got 1.5", nodeId: "z", param: "ratio" },
    ],
  },
  {
    name: "function_syntax",
    input: graph([node('c', 'counter'), node('m', 'map', { func: 'x =>\n  x +* 2' })], [edge('e1', 'c', 'm')]),
    expected: [
      { code: "function_syntax", message: "Node \"m\" (map): parameter \"func\" does not parse: unexpected token at line 2, column 6", nodeId: "m", param: "func", line: 2, column: 6 },
    ],
  },
  {
    name: "not_a_function",
    input: graph([node('c', 'counter'), node('m', 'map', { func: '1 + 2' }), node('f', 'filter', { predicate: '   ' })], [edge('e1', 'c', 'm'), edge('e2', 'c', 'f')]),
    expected: [
      { code: "not_a_function", message: "Node \"m\" (map): parameter \"func\" is not a function: write one function expression such as x => x * 2 or function (x) { return x }", nodeId: "m", param: "func", line: 1, column: 1 },
      { code: "not_a_function", message: "Node \"f\" (filter): parameter \"predicate\" is empty; write a function such as x => x", nodeId: "f", param: "predicate" },
    ],
  },
  {
    name: "missing_node",
    input: graph([node('c', 'counter')], [edge('e1', 'c', 'ghost'), edge('e2', 'nobody', 'c')]),
    expected: [
      { code: "missing_node", message: "Edge \"e1\" (c → ghost) goes to node \"ghost\", which does not exist", edgeId: "e1" },
      { code: "missing_node", message: "Edge \"e2\" (nobody → c) comes from node \"nobody\", which does not exist", edgeId: "e2" },
      { code: "invalid_port", message: "Edge \"e2\" (nobody → c) goes to input 0 of node \"c\" (counter), which takes no inputs", nodeId: "c", edgeId: "e2" },
    ],
  },
  {
    name: "invalid_port",
    input: graph([node('c', 'counter'), node('m', 'map', { func: 'x => x' }), node('z', 'sample')], [edge('e1', 'c', 'm', 1), edge('e2', 'm', 'c'), edge('e3', 'c', 'z', 0), edge('e4', 'c', 'z', 1), edge('e5', 'c', 'z', 2)]),
    expected: [
      { code: "invalid_port", message: "Edge \"e1\" (c → m) goes to input 1 of node \"m\" (map), which has only input 0", nodeId: "m", edgeId: "e1" },
      { code: "invalid_port", message: "Edge \"e2\" (m → c) goes to input 0 of node \"c\" (counter), which takes no inputs", nodeId: "c", edgeId: "e2" },
      { code: "invalid_port", message: "Edge \"e5\" (c → z) goes to input 2 of node \"z\" (sample), which has only inputs 0 and 1 (\"data\", \"trigger\")", nodeId: "z", edgeId: "e5" },
      { code: "too_few_inputs", message: "Node \"m\" (map): input 0 is not connected", nodeId: "m" },
    ],
  },
  {
    name: "too_few_inputs",
    input: graph([node('c', 'counter'), node('m', 'map', { func: 'x => x' }), node('z', 'zip'), node('u', 'union'), node('s', 'sample')], [edge('e1', 'c', 'z', 0), edge('e2', 'c', 'u', 0), edge('e3', 'c', 'u', 3), edge('e4', 'c', 's', 1)]),
    expected: [
      { code: "too_few_inputs", message: "Node \"m\" (map): input 0 is not connected", nodeId: "m" },
      { code: "too_few_inputs", message: "Node \"z\" (zip): needs at least 2 inputs, has 1; connect input 1", nodeId: "z" },
      { code: "too_few_inputs", message: "Node \"u\" (union): inputs 1–2 are not connected; inputs are numbered from 0 without gaps", nodeId: "u" },
      { code: "too_few_inputs", message: "Node \"s\" (sample): input 0 (\"data\") is not connected", nodeId: "s" },
    ],
  },
  {
    name: "too_many_inputs",
    input: graph([node('a', 'counter'), node('b', 'counter'), node('m', 'map', { func: 'x => x' }), node('z', 'zip')], [edge('e1', 'a', 'm'), edge('e2', 'b', 'm'), edge('e3', 'a', 'z', 0), edge('e4', 'b', 'z', 1), edge('e5', 'b', 'z', 1)]),
    expected: [
      { code: "too_many_inputs", message: "Node \"m\" (map): input 0 has 2 edges (\"e1\", \"e2\"); it takes one", nodeId: "m", edgeId: "e2" },
      { code: "too_many_inputs", message: "Node \"z\" (zip): input 1 has 2 edges (\"e4\", \"e5\"); it takes one", nodeId: "z", edgeId: "e5" },
    ],
  },
  {
    name: "no_output",
    input: graph([node('c', 'counter'), node('s', 'sink', { func: 'x => x' }), node('m', 'map', { func: 'x => x' })], [edge('e1', 'c', 's'), edge('e2', 's', 'm')]),
    expected: [
      { code: "no_output", message: "Edge \"e2\" (s → m) starts at node \"s\" (sink), which has no output", nodeId: "s", edgeId: "e2" },
    ],
  },
  {
    name: "sync_cycle",
    input: graph([node('c', 'counter'), node('u', 'union'), node('m', 'map', { func: 'x => x + 1' }), node('f', 'filter', { predicate: 'x => x < 10' }), node('r', 'rate_limit', { interval: 100 }), node('self', 'union')], [edge('e1', 'c', 'u', 0), edge('e2', 'u', 'm'), edge('e3', 'm', 'f'), edge('e4', 'f', 'u', 1), edge('e5', 'm', 'r'), edge('e6', 'r', 'u', 2), edge('e7', 'self', 'self')]),
    expected: [
      { code: "sync_cycle", message: "Feedback loop \"u\" → \"m\" → \"f\" → \"u\" has no asynchronous node, so an element would go round it forever; put an asynchronous node such as \"rate_limit\" in the loop", nodeId: "u" },
      { code: "sync_cycle", message: "Feedback loop \"self\" → \"self\" has no asynchronous node, so an element would go round it forever; put an asynchronous node such as \"rate_limit\" in the loop", nodeId: "self" },
    ],
  },
];

describe('validate: one case per issue code, exact issues', () => {
  it.each(table)('$name', ({ input, expected }) => {
    expect(validate(input, testCatalog)).toEqual(expected);
  });

  it('the table covers every issue code', () => {
    const all: Record<GraphIssueCode, true> = {
      invalid_json: true,
      invalid_shape: true,
      unsupported_version: true,
      too_large: true,
      duplicate_id: true,
      unknown_type: true,
      missing_param: true,
      unknown_param: true,
      invalid_param: true,
      out_of_range: true,
      function_syntax: true,
      not_a_function: true,
      missing_node: true,
      invalid_port: true,
      too_few_inputs: true,
      too_many_inputs: true,
      no_output: true,
      sync_cycle: true,
    };
    const covered = new Set(table.flatMap((c) => c.expected.map((i) => i.code)));
    expect([...covered].sort()).toEqual(Object.keys(all).sort());
  });
});

describe('validate', () => {
  it('accepts a valid graph, as a value and as JSON text', () => {
    expect(validate(chain(), testCatalog)).toEqual([]);
    expect(validate(JSON.stringify(chain()), testCatalog)).toEqual([]);
  });

  it('reports every problem at once, across nodes, params, edges and shape', () => {
    const g = graph(
      [
        node('c', 'counter', { interval: -1 }),
        node('m', 'map', { func: 'x =>' }),
        node('m', 'mapp'),
        { id: 'bad', type: 'map', params: { func: 'x => x' }, position: { x: 'left', y: 0 } },
      ],
      [edge('e1', 'c', 'm'), edge('e2', 'm', 'ghost'), edge('e3', 'c', 'bad')],
    );
    const codes = validate(g, testCatalog).map((i) => i.code);
    expect(codes).toEqual(['invalid_shape', 'duplicate_id', 'out_of_range', 'function_syntax', 'unknown_type', 'missing_node']);
  });

  it('tells a cycle through an asynchronous node from one without', () => {
    const loop = (via: string, params: Record<string, unknown>) =>
      graph(
        [node('c', 'counter'), node('u', 'union'), node('x', via, params)],
        [edge('e1', 'c', 'u', 0), edge('e2', 'u', 'x'), edge('e3', 'x', 'u', 1)],
      );
    expect(validate(loop('rate_limit', { interval: 10 }), testCatalog)).toEqual([]);
    expect(validate(loop('map', { func: 'x => x' }), testCatalog).map((i) => i.code)).toEqual(['sync_cycle']);
  });

  it('finds a synchronous loop inside a component that also has an asynchronous one', () => {
    // u → m → u is synchronous although u → r → u, in the same component, is not.
    const g = graph(
      [node('c', 'counter'), node('u', 'union'), node('m', 'map', { func: 'x => x' }), node('r', 'rate_limit', { interval: 5 })],
      [edge('e1', 'c', 'u', 0), edge('e2', 'u', 'm'), edge('e3', 'm', 'u', 1), edge('e4', 'u', 'r'), edge('e5', 'r', 'u', 2)],
    );
    expect(validate(g, testCatalog)).toEqual([
      expect.objectContaining({ code: 'sync_cycle', nodeId: 'u', message: expect.stringContaining('"u" → "m" → "u"') }),
    ]);
  });

  it('validates a pre-release (version 0) graph after migrating it', () => {
    const v0 = {
      nodes: [
        { id: 'c', op: 'counter', params: {}, x: 0, y: 0 },
        { id: 'm', op: 'map', params: { func: 'x => x' }, x: 100, y: 0 },
      ],
      edges: [{ from: 'c', to: 'm' }],
    };
    expect(validate(v0, testCatalog)).toEqual([]);
    expect(validate({ ...v0, edges: [{ from: 'c', to: 'm', port: 1 }] }, testCatalog)).toEqual([
      expect.objectContaining({ code: 'invalid_port', edgeId: 'e1' }),
      expect.objectContaining({ code: 'too_few_inputs', nodeId: 'm' }),
    ]);
  });

  it('checks the size of each node’s params in UTF-8 bytes of JSON', () => {
    const text = (n: number) => graph([node('c', 'counter'), node('p', 'pluck', { pick: 'é'.repeat(n) })], [edge('e1', 'c', 'p')]);
    // {"pick":"…"} is 11 bytes around the string; é is 2 bytes.
    const fits = (GRAPH_LIMITS.paramBytes - 11) / 2;
    expect(validate(text(Math.floor(fits)), testCatalog)).toEqual([]);
    expect(validate(text(Math.floor(fits) + 1), testCatalog).map((i) => i.code)).toEqual(['too_large']);
  });

  it('reports too many edges before walking them', () => {
    const edges = new Array(GRAPH_LIMITS.edges + 1).fill(edge('e', 'a', 'b'));
    expect(validate(graph([], edges), testCatalog)).toEqual([
      { code: 'too_large', message: `The graph has ${GRAPH_LIMITS.edges + 1} edges; at most ${GRAPH_LIMITS.edges} are allowed`, path: 'edges' },
    ]);
  });

  it(`lists at most ${MAX_ISSUES} issues, then says how many more there are`, () => {
    const nodes = Array.from({ length: 600 }, (_, i) => node(`m${i}`, 'map'));
    const issues = validate(graph(nodes), testCatalog);
    expect(issues).toHaveLength(MAX_ISSUES + 1);
    expect(issues[MAX_ISSUES]).toEqual({ code: 'too_large', message: '200 more problems are not listed; fix these first' });
  });

  it('never throws on values that fight being read', () => {
    const revoked = Proxy.revocable({}, {});
    revoked.revoke();
    const hostile = new Proxy(
      {},
      {
        get() {
          throw new Error('no get');
        },
        ownKeys() {
          throw new Error('no keys');
        },
      },
    );
    const getter = {
      version: 1,
      get nodes(): unknown {
        throw new Error('boom');
      },
      edges: [],
    };
    const cyclic: Record<string, unknown> = {};
    cyclic.self = cyclic;
    const inputs: unknown[] = [
      undefined,
      null,
      42,
      Symbol('s'),
      10n,
      () => 1,
      revoked.proxy,
      hostile,
      getter,
      graph([hostile, revoked.proxy], [hostile]),
      graph([node('p', 'pluck', { pick: cyclic })]),
      graph([{ id: 'm', type: 'map', params: hostile }]),
      graph([node('m', 'map', { func: hostile })]),
      graph([node('s', 'select', { columns: revoked.proxy })]),
    ];
    for (const input of inputs) {
      const issues = validate(input, testCatalog);
      expect(issues.length).toBeGreaterThan(0);
      for (const issue of issues) expect(issue.message).toEqual(expect.any(String));
    }
  });

  it('reports a cyclic JSON parameter without looping', () => {
    const cyclic: Record<string, unknown> = { a: [1] };
    (cyclic.a as unknown[]).push(cyclic);
    expect(validate(graph([node('c', 'counter'), node('p', 'pluck', { pick: cyclic })], [edge('e1', 'c', 'p')]), testCatalog)).toEqual([
      {
        code: 'invalid_param',
        message: 'Node "p" (pluck): parameter "pick" must be a JSON value: contains a cycle at a.1',
        nodeId: 'p',
        param: 'pick',
        path: 'nodes.1.params.pick.a.1',
      },
    ]);
  });
});

describe('checkGraph and parseGraph', () => {
  it('returns the graph with the schema’s structural defaults when it is valid', () => {
    const input = {
      version: 1,
      nodes: [{ id: 'c', type: 'counter' }, { id: 'm', type: 'map', params: { func: 'x => x' } }],
      edges: [{ id: 'e1', source: 'c', target: 'm' }],
    };
    const expected = {
      version: 1,
      name: 'Untitled',
      nodes: [
        { id: 'c', type: 'counter', params: {}, position: { x: 0, y: 0 } },
        { id: 'm', type: 'map', params: { func: 'x => x' }, position: { x: 0, y: 0 } },
      ],
      edges: [{ id: 'e1', source: 'c', target: 'm', targetPort: 0 }],
    };
    expect(checkGraph(input, testCatalog)).toEqual({ issues: [], graph: expected });
    expect(parseGraph(input, testCatalog)).toEqual({ ok: true, graph: expected });
    expect(parseGraph(JSON.stringify(input), testCatalog)).toEqual({ ok: true, graph: expected });
    const withDefaults = parseGraph(input, testCatalog, { applyDefaults: true });
    expect(withDefaults.ok && withDefaults.graph.nodes[0]!.params).toEqual({ interval: 1000, start: 0 });
  });

  it('returns every issue when it is not', () => {
    expect(parseGraph('{', testCatalog)).toEqual({
      ok: false,
      issues: [{ code: 'invalid_json', message: 'The graph is not valid JSON: unexpected end of text at line 1, column 2', line: 1, column: 2 }],
    });
    const result = parseGraph(graph([node('m', 'map')]), testCatalog);
    expect(result.ok).toBe(false);
    expect(!result.ok && result.issues.map((i) => i.code)).toEqual(['missing_param', 'too_few_inputs']);
  });

  it('migrates a version 0 document into the current schema', () => {
    const result = parseGraph(
      { name: 'old', nodes: [{ id: 'c', op: 'counter', params: { interval: 5 }, x: 1, y: 2 }, { id: 'f', op: 'filter', params: {}, x: 3, y: 4 }], edges: [{ from: 'c', to: 'f' }] },
      testCatalog,
    );
    expect(result).toEqual({
      ok: true,
      graph: {
        version: 1,
        name: 'old',
        nodes: [
          { id: 'c', type: 'counter', params: { interval: 5 }, position: { x: 1, y: 2 } },
          { id: 'f', type: 'filter', params: {}, position: { x: 3, y: 4 } },
        ],
        edges: [{ id: 'e1', source: 'c', target: 'f', targetPort: 0 }],
      },
    });
    expect(GraphSchema.safeParse(result.ok && result.graph).success).toBe(true);
  });
});

describe('applyDefaults', () => {
  it('fills absent parameters with copies of their defaults and leaves the input alone', () => {
    const g = GraphSchema.parse(graph([node('c', 'counter', { start: 5 }), node('s', 'select', { columns: ['a'] }), node('x', 'unknown')]));
    const before = JSON.stringify(g);
    const filled = applyDefaults(g, testCatalog);
    expect(filled.nodes.map((n) => n.params)).toEqual([
      { interval: 1000, start: 5 },
      { columns: ['a'], weights: null, ids: [], extra: [] },
      {},
    ]);
    expect(JSON.stringify(g)).toBe(before);
    const ids = filled.nodes[1]!.params.ids as unknown[];
    ids.push(1);
    expect(testCatalog.find((d) => d.type === 'select')!.params.find((p) => p.name === 'ids')!.default).toEqual([]);
  });
});

describe('the real catalog', () => {
  const data = catalogData(catalog);

  it('has defaults that pass their own parameter rules', () => {
    for (const d of data) {
      for (const spec of d.params) {
        if (spec.default === undefined) continue;
        expect(paramIssues({ nodeId: 'n', type: d.type }, spec, spec.default), `${d.type}.${spec.name}`).toEqual([]);
      }
    }
  });

  it('validates a node of each type with only defaults, except for its required parameters', () => {
    for (const d of data) {
      const issues = validate(graph([node('n', d.type)]), data).filter((i) => i.code !== 'too_few_inputs');
      const required = d.params.filter((p) => p.required).map((p) => p.name);
      expect(issues.map((i) => [i.code, i.param]), d.type).toEqual(required.map((name) => ['missing_param', name]));
    }
  });

  it('describes itself as JSON the validator can use', () => {
    const roundTripped = JSON.parse(JSON.stringify(data)) as typeof data;
    expect(roundTripped).toEqual(data);
  });
});

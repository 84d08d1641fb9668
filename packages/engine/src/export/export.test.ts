// exportGraph: the programs it writes (golden texts for a small graph), the build plan (feedback
// loops, delivery order), names, stubs and warnings, and its errors. That the programs behave as
// the graph does is test/export/equivalence.test.ts.
import { describe, expect, it } from 'vitest';
import { catalog } from '../catalog/index.js';
import { parseGraph } from '../graph/parse.js';
import { GraphExportError, exportGraph } from './index.js';
import { baseName } from './names.js';

const doubling = {
  version: 1,
  name: 'Doubling',
  nodes: [
    { id: 'numbers', type: 'from_iterable', params: { items: [1, 2, 3] } },
    { id: 'double', type: 'map', params: { func: 'x => x * 2' } },
    { id: 'print', type: 'log', params: {} },
  ],
  edges: [
    { id: 'e1', source: 'numbers', target: 'double' },
    { id: 'e2', source: 'double', target: 'print' },
  ],
};

const code = (graph: unknown, format: 'ts' | 'py' | 'json') => exportGraph(graph, format, catalog).code;

/** The statements of a Python program between its helpers and its run() helper. */
function pyGraphSection(program: string): string[] {
  const blocks = program.split('\n\n\n');
  return blocks.find((b) => /= Stream\.|^[a-z_]\w* = /m.test(b) && !b.startsWith('def '))!.split('\n');
}

describe('TypeScript', () => {
  it('writes a readable program: header, imports, one const per node in build order, sources started last', () => {
    expect(exportGraph(doubling, 'ts', catalog, { revision: 2 }).code).toBe(
      [
        '// Doubling (revision 2): a stream graph exported from Streamloom.',
        '// Run it with: npx tsx <this file>',
        '',
        "import { Stream, jsonLine } from '@streamloom/engine';",
        '',
        'const numbers = Stream.fromIterable([1, 2, 3]);',
        'const double = numbers.map((x: any) => x * 2);',
        'double.sink((x: unknown) => console.log(jsonLine(x)));',
        '',
        'numbers.start();',
        '',
      ].join('\n'),
    );
  });

  it('imports the engine from where it is told (tests run programs against the sources)', () => {
    expect(exportGraph(doubling, 'ts', catalog, { engineImport: '/x/src/index.ts' }).code).toContain("from '/x/src/index.ts';");
  });

  it('inlines functions as written, their parameters typed any', () => {
    const graph = structuredClone(doubling);
    graph.nodes[1]!.params = { func: 'function (x) {\n  return x * 2; // twice\n}' };
    expect(code(graph, 'ts')).toContain('const double = numbers.map(function (x: any) {\n  return x * 2; // twice\n});');
  });
});

describe('Python', () => {
  it('writes the graph with streamz names, translated functions, and run() at the end', () => {
    const program = exportGraph(doubling, 'py', catalog, { revision: 2 }).code;
    expect(program.startsWith('# Doubling (revision 2): a stream graph exported from Streamloom.\n')).toBe(true);
    expect(pyGraphSection(program)).toEqual([
      'numbers = Stream.from_iterable([1, 2, 3])',
      'double = numbers.map(lambda x: x * 2)',
      'double.sink(print_json)',
    ]);
    expect(program.endsWith('if __name__ == "__main__":\n    run(numbers)\n')).toBe(true);
    // Only the helpers the program uses are defined, and only the modules it uses imported.
    expect(program).toContain('def print_json(x):');
    expect(program).not.toContain('def js_truthy(');
    expect(program).toMatch(/^import json\nimport math\nimport queue\nimport re\nimport time\n\nimport streamz.core\nfrom streamz import Stream$/m);
  });

  it('durations in seconds, keyword arguments as streamz names them', () => {
    const graph = {
      version: 1,
      nodes: [
        { id: 'src', type: 'from_iterable', params: { items: [[1, 2], [3]], interval: 250 } },
        { id: 'win', type: 'sliding_window', params: { n: 2, returnPartial: false } },
        { id: 'acc', type: 'accumulate', params: { func: '(a, w) => a + w.length', start: 0, returnsState: false } },
      ],
      edges: [
        { id: 'a', source: 'src', target: 'win' },
        { id: 'b', source: 'win', target: 'acc' },
      ],
    };
    expect(pyGraphSection(code(graph, 'py'))).toEqual([
      'src = Stream.from_iterable([(1, 2), (3,)]).rate_limit(0.25)',
      'win = src.sliding_window(2, return_partial=False)',
      'acc = win.accumulate(lambda a, w: a + js_len(w), start=0)',
    ]);
  });

  it('refuses what it cannot translate: a stub that raises, the JavaScript in a comment, a warning', () => {
    const graph = structuredClone(doubling);
    graph.nodes[1]!.params = { func: 'x => new Date(x).getFullYear()' };
    const result = exportGraph(graph, 'py', catalog);
    expect(result.code).toContain(
      [
        '# TODO: not translated from JavaScript (it uses new, which is not translated).',
        '# Node "double", parameter func:',
        '#     x => new Date(x).getFullYear()',
        'def double_func(*args):',
        '    raise NotImplementedError("node \\"double\\": func is JavaScript that was not translated to Python")',
      ].join('\n'),
    );
    expect(result.code).toContain('double = numbers.map(double_func)');
    expect(result.warnings).toEqual([
      {
        nodeId: 'double',
        message:
          'func: not translated to Python (it uses new, which is not translated); the program defines double_func(), ' +
          'which raises NotImplementedError: translate it by hand',
      },
    ]);
    expect(exportGraph(graph, 'ts', catalog).warnings).toEqual([]);
  });

  it('writes a def for a function with statements, named after its node and parameter', () => {
    const graph = structuredClone(doubling);
    graph.nodes[1]!.params = { func: 'x => {\n  const y = x * 2;\n  return y + 1;\n}' };
    const program = code(graph, 'py');
    expect(program).toContain('def double_func(x):\n    y = x * 2\n    return y + 1');
    expect(program).toContain('double = numbers.map(double_func)');
  });

  it("warns where streamz's event loop makes the program differ (partition, zip_latest under sources)", () => {
    const graph = {
      version: 1,
      nodes: [
        { id: 'a', type: 'from_iterable', params: { items: [1] } },
        { id: 'b', type: 'from_iterable', params: { items: [2] } },
        { id: 'p', type: 'partition', params: { n: 2 } },
        { id: 'z', type: 'zip_latest', params: {} },
      ],
      edges: [
        { id: 'e1', source: 'a', target: 'p' },
        { id: 'e2', source: 'a', target: 'z' },
        { id: 'e3', source: 'b', target: 'z', targetPort: 1 },
      ],
    };
    expect(exportGraph(graph, 'py', catalog).warnings.map((w) => w.nodeId)).toEqual(['p', 'z']);
  });
});

describe('build order', () => {
  it('closes a feedback loop with a plain Stream() connected once its upstream exists', () => {
    const graph = {
      version: 1,
      name: 'loop',
      nodes: [
        { id: 'seed', type: 'from_iterable', params: { items: [1] } },
        { id: 'loop', type: 'union', params: {} },
        { id: 'inc', type: 'map', params: { func: 'x => x + 1' } },
        { id: 'slow', type: 'rate_limit', params: { interval: 100 } },
      ],
      edges: [
        { id: 'e1', source: 'seed', target: 'loop' },
        { id: 'e2', source: 'loop', target: 'inc' },
        { id: 'e3', source: 'inc', target: 'slow' },
        { id: 'e4', source: 'slow', target: 'loop', targetPort: 1 },
      ],
    };
    expect(code(graph, 'ts')).toContain(
      [
        'const seed = Stream.fromIterable([1]);',
        '// slow is built below and feeds back into loop.',
        'const slowFeedback = new Stream();',
        'const loop = seed.union(slowFeedback);',
        'const inc = loop.map((x: any) => x + 1);',
        'const slow = inc.rateLimit(100);',
        'slow.connect(slowFeedback);',
      ].join('\n'),
    );
    expect(pyGraphSection(code(graph, 'py'))).toEqual([
      'seed = Stream.from_iterable([1])',
      '# slow is built below and feeds back into loop.',
      'slow_feedback = Stream()',
      'loop = seed.union(slow_feedback)',
      'inc = loop.map(lambda x: x + 1)',
      'slow = inc.rate_limit(0.1)',
      'slow.connect(slow_feedback)',
    ]);
  });

  it('keeps delivery order when a node must deliver to a node built later first', () => {
    // src delivers to `join` (edge e1) before `branch` (e2), but join needs branch built first.
    const graph = {
      version: 1,
      nodes: [
        { id: 'src', type: 'from_iterable', params: { items: [1] } },
        { id: 'branch', type: 'map', params: { func: 'x => -x' } },
        { id: 'join', type: 'zip', params: {} },
      ],
      edges: [
        { id: 'e1', source: 'src', target: 'join' },
        { id: 'e2', source: 'src', target: 'branch' },
        { id: 'e3', source: 'branch', target: 'join', targetPort: 1 },
      ],
    };
    expect(code(graph, 'ts')).toContain(
      [
        'const src = Stream.fromIterable([1]);',
        '// src delivers to join before the nodes built next.',
        'const srcToJoin = new Stream(src);',
        'const branch = src.map((x: any) => -x);',
        'const join = srcToJoin.zip(branch);',
      ].join('\n'),
    );
  });

  it('builds nodes after their inputs whatever the order of the nodes in the file', () => {
    const graph = structuredClone(doubling);
    graph.nodes.reverse();
    const lines = code(graph, 'ts').split('\n');
    const at = (s: string) => lines.findIndex((l) => l.startsWith(s));
    expect(at('const numbers')).toBeLessThan(at('const double'));
    expect(at('const double')).toBeLessThan(at('double.sink'));
  });
});

describe('names', () => {
  it('after the node: camelCase in TypeScript, snake_case in Python', () => {
    expect(['my-node', 'Double It', 'doubleIt', 'HTTP server', '2nd', 'déjà vu', '---'].map((id) => baseName(id, 'ts'))).toEqual([
      'myNode', 'doubleIt', 'doubleIt', 'httpServer', 'n2nd', 'dejaVu', 'node',
    ]);
    expect(['my-node', 'Double It', 'doubleIt', 'HTTP server', '2nd', 'déjà vu'].map((id) => baseName(id, 'py'))).toEqual([
      'my_node', 'double_it', 'double_it', 'http_server', 'n_2nd', 'deja_vu',
    ]);
  });

  it('never a keyword, a global, a helper or a word the generated code uses; unique', () => {
    const graph = {
      version: 1,
      nodes: [
        { id: 'class', type: 'from_iterable', params: { items: [1] } },
        { id: 'Stream', type: 'map', params: { func: 'x => Math.max(x, 0)' } },
        { id: 'print', type: 'map', params: { func: 'x => x' } },
        { id: 'sum', type: 'map', params: { func: 'x => x' } },
        { id: 'sum!', type: 'map', params: { func: 'x => x' } },
        { id: 'Math', type: 'log', params: {} },
      ],
      edges: [
        { id: 'e1', source: 'class', target: 'Stream' },
        { id: 'e2', source: 'Stream', target: 'print' },
        { id: 'e3', source: 'print', target: 'sum' },
        { id: 'e4', source: 'sum', target: 'sum!' },
        { id: 'e5', source: 'sum!', target: 'Math' },
      ],
    };
    const ts = code(graph, 'ts');
    expect(ts).toContain('const class2 = Stream.fromIterable([1]);');
    expect(ts).toContain('const stream = class2.map((x: any) => Math.max(x, 0));');
    expect(ts).toContain('const print = stream.map(');
    expect(ts).toContain('const sum = print.map(');
    expect(ts).toContain('const sum2 = sum.map(');
    expect(pyGraphSection(code(graph, 'py'))).toEqual([
      'class_ = Stream.from_iterable([1])',
      'stream = class_.map(lambda x: max(x, 0))',
      'print_ = stream.map(lambda x: x)',
      'sum_ = print_.map(lambda x: x)',
      'sum_2 = sum_.map(lambda x: x)',
      'sum_2.sink(print_json)',
    ]);
  });
});

describe('JSON', () => {
  it('fixed key order, one block per node, one line per edge', () => {
    expect(code(doubling, 'json')).toBe(
      [
        '{',
        '  "version": 1,',
        '  "name": "Doubling",',
        '  "nodes": [',
        '    {',
        '      "id": "numbers",',
        '      "type": "from_iterable",',
        '      "params": {',
        '        "items": [1, 2, 3]',
        '      },',
        '      "position": { "x": 0, "y": 0 }',
        '    },',
        '    {',
        '      "id": "double",',
        '      "type": "map",',
        '      "params": {',
        '        "func": "x => x * 2"',
        '      },',
        '      "position": { "x": 0, "y": 0 }',
        '    },',
        '    {',
        '      "id": "print",',
        '      "type": "log",',
        '      "params": {},',
        '      "position": { "x": 0, "y": 0 }',
        '    }',
        '  ],',
        '  "edges": [',
        '    { "id": "e1", "source": "numbers", "target": "double", "targetPort": 0 },',
        '    { "id": "e2", "source": "double", "target": "print", "targetPort": 0 }',
        '  ]',
        '}',
        '',
      ].join('\n'),
    );
  });

  it('writes a graph of an older version as the current version, and it re-imports unchanged', () => {
    const old = {
      name: 'pre-release',
      nodes: [
        { id: 'a', op: 'from_iterable', params: { items: [1] }, x: 10, y: 20 },
        { id: 'b', op: 'log', params: {}, x: 200, y: 20 },
      ],
      edges: [{ from: 'a', to: 'b' }],
    };
    const json = code(old, 'json');
    expect(JSON.parse(json)).toMatchObject({ version: 1, nodes: [{ id: 'a', position: { x: 10, y: 20 } }, { id: 'b' }] });
    const a = parseGraph(old, catalog);
    const b = parseGraph(json, catalog);
    expect(a.ok && b.ok && b.graph).toEqual(a.ok && a.graph);
  });

  it('keeps the order of keys inside values (it is data) and sorts params by the descriptor', () => {
    const graph = structuredClone(doubling) as any;
    graph.nodes[0].params = { interval: 0, items: [{ b: 1, a: 2 }] };
    expect(code(graph, 'json')).toContain('"params": {\n        "items": [{ "b": 1, "a": 2 }],\n        "interval": 0\n      }');
  });
});

describe('errors', () => {
  it('a graph that does not validate: the validator’s issues', () => {
    const bad = { version: 1, nodes: [{ id: 'm', type: 'map', params: {} }], edges: [] };
    let error: unknown;
    try {
      exportGraph(bad, 'ts', catalog);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(GraphExportError);
    expect((error as GraphExportError).issues.length).toBeGreaterThan(0);
    expect((error as GraphExportError).message).toContain('func');
  });

  it('an unknown format', () => {
    expect(() => exportGraph(doubling, 'rb' as 'ts', catalog)).toThrow(RangeError);
  });
});

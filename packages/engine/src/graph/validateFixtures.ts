// A small catalog and graph builders for the validation tests (the real catalog is tested too,
// in validate.test.ts). Not exported from the package.
import type { CatalogData, DescriptorData } from '../catalog/types.js';
import type { GraphInput } from './schema.js';

function op(d: Partial<DescriptorData> & Pick<DescriptorData, 'type' | 'inputs' | 'params'>): DescriptorData {
  return { label: d.type, category: 'transform', doc: '', example: '', outputs: 1, ...d };
}

export const testCatalog: CatalogData = [
  op({
    type: 'counter',
    category: 'source',
    inputs: { min: 0, max: 0 },
    source: true,
    async: true,
    params: [
      { name: 'interval', label: 'Interval', kind: 'duration', doc: '', default: 1000, min: 1 },
      { name: 'start', label: 'Start', kind: 'integer', doc: '', default: 0 },
    ],
  }),
  op({
    type: 'map',
    inputs: { min: 1, max: 1 },
    keyParam: 'func',
    params: [{ name: 'func', label: 'Function', kind: 'function', doc: '', required: true, signature: '(x) => y' }],
  }),
  op({
    type: 'filter',
    category: 'filter',
    inputs: { min: 1, max: 1 },
    params: [{ name: 'predicate', label: 'Predicate', kind: 'function', doc: '', nullable: true, default: null }],
  }),
  op({
    type: 'accumulate',
    category: 'aggregate',
    inputs: { min: 1, max: 1 },
    params: [
      { name: 'func', label: 'Function', kind: 'function', doc: '', required: true, signature: '(state, x) => state' },
      { name: 'start', label: 'Start', kind: 'json', doc: '', nullable: true, default: null },
      { name: 'returns_state', label: 'Returns state', kind: 'boolean', doc: '', default: false },
    ],
  }),
  op({
    type: 'sliding_window',
    category: 'window',
    inputs: { min: 1, max: 1 },
    params: [
      { name: 'n', label: 'Size', kind: 'integer', doc: '', required: true, min: 1, max: 10_000 },
      { name: 'return_partial', label: 'Partial', kind: 'boolean', doc: '', default: true },
    ],
  }),
  op({
    type: 'zip',
    category: 'join',
    inputs: { min: 2, max: null },
    params: [{ name: 'maxsize', label: 'Max size', kind: 'integer', doc: '', default: 10, min: 1 }],
  }),
  op({ type: 'union', category: 'join', inputs: { min: 1, max: null }, params: [] }),
  op({
    type: 'sample',
    category: 'join',
    inputs: { min: 2, max: 2, labels: ['data', 'trigger'] },
    params: [{ name: 'ratio', label: 'Ratio', kind: 'number', doc: '', default: 1, min: 0, max: 1 }],
  }),
  op({
    type: 'rate_limit',
    category: 'time',
    inputs: { min: 1, max: 1 },
    async: true,
    params: [{ name: 'interval', label: 'Interval', kind: 'duration', doc: '', required: true }],
  }),
  op({
    type: 'select',
    inputs: { min: 1, max: 1 },
    params: [
      { name: 'columns', label: 'Columns', kind: 'list', items: 'string', doc: '', required: true, min: 1, max: 5 },
      { name: 'weights', label: 'Weights', kind: 'list', items: 'number', doc: '', nullable: true, default: null },
      { name: 'ids', label: 'Ids', kind: 'list', items: 'integer', doc: '', default: [] },
      { name: 'extra', label: 'Extra', kind: 'list', items: 'json', doc: '', default: [] },
    ],
  }),
  op({
    type: 'pluck',
    inputs: { min: 1, max: 1 },
    params: [{ name: 'pick', label: 'Pick', kind: 'json', doc: '', required: true }],
  }),
  op({
    type: 'sink',
    category: 'sink',
    inputs: { min: 1, max: 1 },
    outputs: 0,
    params: [{ name: 'func', label: 'Function', kind: 'function', doc: '', required: true }],
  }),
  op({
    type: 'to_file',
    category: 'sink',
    inputs: { min: 1, max: 1 },
    outputs: 0,
    params: [
      { name: 'path', label: 'Path', kind: 'string', doc: '', required: true, min: 1, max: 260 },
      { name: 'mode', label: 'Mode', kind: 'enum', doc: '', options: ['w', 'a'], default: 'w' },
    ],
  }),
];

type NodeInput = GraphInput['nodes'][number];
type EdgeInput = GraphInput['edges'][number];

export function node(id: string, type: string, params: Record<string, unknown> = {}): NodeInput {
  return { id, type, params, position: { x: 0, y: 0 } };
}

export function edge(id: string, source: string, target: string, targetPort = 0): EdgeInput {
  return { id, source, target, targetPort };
}

export function graph(nodes: unknown[], edges: unknown[] = []): { version: 1; name: string; nodes: unknown[]; edges: unknown[] } {
  return { version: 1, name: 'test', nodes, edges };
}

/** A valid chain: counter → map → sink. */
export function chain(): ReturnType<typeof graph> {
  return graph(
    [node('c', 'counter'), node('m', 'map', { func: 'x => x * 2' }), node('s', 'sink', { func: 'x => {}' })],
    [edge('e1', 'c', 'm'), edge('e2', 'm', 's')],
  );
}

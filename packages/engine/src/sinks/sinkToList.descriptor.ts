import { defineOperator, input, onHost } from '../catalog/define.js';
import { SinkToListNode } from './sinkToList.js';

export const sinkToListDescriptor = defineOperator({
  type: 'sink_to_list',
  label: 'Sink to list',
  category: 'sink',
  doc:
    'Keeps the latest elements in a list that the inspector shows (streamz’s `sink_to_list`, ' +
    'bounded): once `maxlen` elements are kept, each new one evicts the oldest, which is counted ' +
    'as dropped. Example: with maxlen 2, 1, 2, 3 leaves [2, 3].',
  example: 'source.sinkToList()  // 1, 2, 3 → [1, 2, 3]',
  inputs: { min: 1, max: 1 },
  outputs: 0,
  keyParam: 'maxlen',
  params: [
    {
      name: 'maxlen',
      label: 'Keep at most',
      kind: 'integer',
      default: 1000,
      min: 1,
      max: 1_000_000,
      doc: 'How many of the latest elements are kept.',
    },
  ],
  build: (ctx) => onHost(ctx, () => new SinkToListNode(null, ctx.params.maxlen)),
  // Expressions that evaluate to the kept list, bounded as here.
  toTypeScript: (ctx) =>
    `((list: unknown[]) => (${input(ctx)}.sink((x: unknown) => { list.push(x); if (list.length > ${ctx.code('maxlen')}) list.shift(); }), list))([])`,
  toPython: (ctx) =>
    `(lambda L: (${input(ctx)}.sink(L.append), L)[1])(__import__('collections').deque(maxlen=${ctx.code('maxlen')}))`,
});

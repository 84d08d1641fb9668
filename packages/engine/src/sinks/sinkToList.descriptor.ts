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
  // The exported program keeps every element, as a hand-written one would; the bound is the
  // editor's, to keep a long run's memory flat.
  toTypeScript: (ctx) => `${input(ctx)}.sinkToList()`,
  toPython: (ctx) => `${input(ctx)}.sink_to_list()`,
});

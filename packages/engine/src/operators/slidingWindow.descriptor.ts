import { args, defineOperator, input, onHost } from '../catalog/define.js';
import { SlidingWindowNode } from './slidingWindow.js';

export const slidingWindowDescriptor = defineOperator({
  type: 'sliding_window',
  label: 'Sliding window',
  category: 'window',
  doc:
    'On every element, emits the last `n` elements as an array, oldest first. By default the ' +
    'growing windows before the first full one are emitted too (streamz’s `return_partial=True`): ' +
    'with n = 2, 1, 2, 3 gives [1], [1, 2], [2, 3]; without partial windows it gives [1, 2], [2, 3]. ' +
    'Nothing is flushed when the stream ends.',
  example: 'source.slidingWindow(2)  // 1, 2, 3 → [1], [1, 2], [2, 3]',
  inputs: { min: 1, max: 1 },
  outputs: 1,
  keyParam: 'n',
  params: [
    {
      name: 'n',
      label: 'Window size',
      kind: 'integer',
      required: true,
      min: 1,
      max: 1_000_000,
      placeholder: '3',
      doc: 'How many of the latest elements each window holds.',
    },
    {
      name: 'returnPartial',
      label: 'Emit partial windows',
      kind: 'boolean',
      default: true,
      doc: 'Also emit the shorter windows before `n` elements have arrived.',
    },
  ],
  build: (ctx) =>
    onHost(ctx, () => new SlidingWindowNode(null as never, ctx.params.n, { returnPartial: ctx.params.returnPartial })),
  toTypeScript: (ctx) =>
    `${input(ctx)}.slidingWindow(${args(ctx.code('n'), ctx.params.returnPartial === false && '{ returnPartial: false }')})`,
  toPython: (ctx) =>
    `${input(ctx)}.sliding_window(${args(ctx.code('n'), ctx.params.returnPartial === false && 'return_partial=False')})`,
});

import { defineOperator, input, onHost } from '../catalog/define.js';
import { SliceNode } from './slice.js';

export const sliceDescriptor = defineOperator({
  type: 'slice',
  label: 'Slice',
  category: 'filter',
  doc:
    'Passes elements by position, like `list[start:end:step]` over the stream, counting from 0. ' +
    'As in streamz the step applies to the absolute position: start 1, step 2 passes positions 2, ' +
    '4, 6 … (not 1, 3, 5). After position end − 1 the node stops receiving for good. Example: ' +
    'start 0, end 3 turns a, b, c, d into a, b, c.',
  example: 'source.slice(0, 3)  // a, b, c, d → a, b, c',
  inputs: { min: 1, max: 1 },
  outputs: 1,
  params: [
    {
      name: 'start',
      label: 'Start',
      kind: 'integer',
      nullable: true,
      default: null,
      min: 0,
      doc: 'First position passed. Empty: 0.',
    },
    {
      name: 'end',
      label: 'End',
      kind: 'integer',
      nullable: true,
      default: null,
      min: 0,
      doc: 'Positions from here on are not passed. Empty (or 0): no end.',
    },
    {
      name: 'step',
      label: 'Step',
      kind: 'integer',
      nullable: true,
      default: null,
      min: 1,
      doc: 'Pass positions that are a multiple of this. Empty: every position.',
    },
  ],
  build: (ctx) =>
    onHost(ctx, () => new SliceNode(null as never, ctx.params.start, ctx.params.end, ctx.params.step)),
  toTypeScript: (ctx) => `${input(ctx)}.slice(${sliceArgs(ctx.params, 'null')})`,
  toPython: (ctx) => `${input(ctx)}.slice(${sliceArgs(ctx.params, 'None')})`,
});

function sliceArgs(params: Readonly<Record<string, any>>, nil: string): string {
  const values = [params.start, params.end, params.step].map((v) => (v == null ? nil : String(v)));
  while (values.length > 0 && values[values.length - 1] === nil) values.pop();
  return values.join(', ');
}

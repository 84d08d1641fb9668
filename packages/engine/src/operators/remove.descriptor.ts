import { truthy } from '../core/python.js';
import { defineOperator, input, onHost, requiredFn } from '../catalog/define.js';
import { FilterNode } from './filter.js';

export const removeDescriptor = defineOperator({
  type: 'remove',
  label: 'Remove',
  category: 'filter',
  doc:
    'The opposite of filter: drops the elements for which the predicate is true (Python’s truth ' +
    'rules) and passes the others. Example: `x => x % 2 === 0` turns 1, 2, 3, 4 into 1, 3.',
  example: 'source.remove((x) => x % 2 === 0)  // 1, 2, 3, 4 → 1, 3',
  inputs: { min: 1, max: 1 },
  outputs: 1,
  keyParam: 'predicate',
  params: [
    {
      name: 'predicate',
      label: 'Predicate',
      kind: 'function',
      required: true,
      signature: '(x) => boolean',
      placeholder: 'x => x < 0',
      doc: 'Called with each element; a true result drops it.',
    },
  ],
  build: (ctx) => {
    const predicate = requiredFn(ctx, 'predicate');
    return onHost(ctx, () => new FilterNode(null as never, (x: unknown) => !truthy(predicate(x))));
  },
  toTypeScript: (ctx) => `${input(ctx)}.remove(${ctx.code('predicate')})`,
  toPython: (ctx) => `${input(ctx)}.remove(${ctx.code('predicate')})`,
});

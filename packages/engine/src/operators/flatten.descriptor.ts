import { defineOperator, input, onHost } from '../catalog/define.js';
import { FlattenNode } from './flatten.js';

export const flattenDescriptor = defineOperator({
  type: 'flatten',
  label: 'Flatten',
  category: 'transform',
  doc:
    'Emits the items of every element one by one, one level deep: [1, 2], [3] gives 1, 2, 3. A ' +
    'string gives its characters and an object its keys, as Python iterates them; an empty array ' +
    'emits nothing, and a number is an error (TypeError).',
  example: 'batches.flatten()  // [1, 2], [3] → 1, 2, 3',
  inputs: { min: 1, max: 1 },
  outputs: 1,
  params: [],
  build: (ctx) => onHost(ctx, () => new FlattenNode(null as never)),
  toTypeScript: (ctx) => `${input(ctx)}.flatten()`,
  toPython: (ctx) => `${input(ctx)}.flatten()`,
});

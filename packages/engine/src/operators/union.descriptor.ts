import { args, defineOperator, input, onHost } from '../catalog/define.js';
import { UnionNode } from './union.js';

export const unionDescriptor = defineOperator({
  type: 'union',
  label: 'Union',
  category: 'join',
  doc:
    'Merges its inputs: every element of any input passes through, in the order they arrive. ' +
    'Example: a = 1, 3 and b = 2 interleaved as 1, 2, 3 come out as 1, 2, 3.',
  example: 'a.union(b)',
  inputs: { min: 2, max: null },
  outputs: 1,
  params: [],
  build: (ctx) => onHost(ctx, () => new UnionNode([], { scheduler: ctx.host.scheduler })),
  toTypeScript: (ctx) => `${input(ctx)}.union(${args(...ctx.inputs.slice(1))})`,
  toPython: (ctx) => `${input(ctx)}.union(${args(...ctx.inputs.slice(1))})`,
});

import { args, defineOperator, input, onHost, requiredFn, spread } from '../catalog/define.js';
import { MapNode } from './map.js';

export const mapDescriptor = defineOperator({
  type: 'map',
  label: 'Map',
  category: 'transform',
  doc:
    'Applies a function to every element and emits its result, whatever it is (null and undefined ' +
    'included). Extra arguments are passed after the element: with `args: [10]`, `(x, k) => x * k` ' +
    'turns 1, 2, 3 into 10, 20, 30. An exception aborts that element and is reported on the node.',
  example: 'source.map((x) => x * 2)  // 1, 2, 3 → 2, 4, 6',
  inputs: { min: 1, max: 1 },
  outputs: 1,
  keyParam: 'func',
  params: [
    {
      name: 'func',
      label: 'Function',
      kind: 'function',
      required: true,
      signature: '(x, ...args) => y',
      placeholder: 'x => x * 2',
      doc: 'Called with each element (then the extra arguments); its result is emitted.',
    },
    {
      name: 'args',
      label: 'Extra arguments',
      kind: 'list',
      items: 'json',
      default: [],
      doc: 'Values passed to the function after the element, in order.',
    },
  ],
  build: (ctx) => onHost(ctx, () => new MapNode(null as never, requiredFn(ctx, 'func'), ctx.params.args ?? [])),
  toTypeScript: (ctx) => `${input(ctx)}.map(${args(ctx.code('func'), spread(ctx, 'args'))})`,
  toPython: (ctx) => `${input(ctx)}.map(${args(ctx.code('func'), spread(ctx, 'args'))})`,
});

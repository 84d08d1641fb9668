import { args, defineOperator, input, onHost, requiredFn, spread } from '../catalog/define.js';
import { StarmapNode } from './starmap.js';

export const starmapDescriptor = defineOperator({
  type: 'starmap',
  label: 'Starmap',
  category: 'transform',
  doc:
    'Like map, for elements that are arrays (tuples): the array is spread into the arguments, so ' +
    '`(a, b) => a + b` turns [1, 2], [3, 4] into 3, 7. Extra arguments come after the spread ' +
    'ones. An element that is not an array is an error (TypeError), as in streamz.',
  example: 'pairs.starmap((a, b) => a + b)  // [1, 2], [3, 4] → 3, 7',
  inputs: { min: 1, max: 1 },
  outputs: 1,
  keyParam: 'func',
  params: [
    {
      name: 'func',
      label: 'Function',
      kind: 'function',
      required: true,
      signature: '(...x, ...args) => y',
      placeholder: '(a, b) => a + b',
      doc: 'Called with the items of each element, then the extra arguments; its result is emitted.',
    },
    {
      name: 'args',
      label: 'Extra arguments',
      kind: 'list',
      items: 'json',
      default: [],
      doc: 'Values passed to the function after the items of the element, in order.',
    },
  ],
  build: (ctx) =>
    onHost(ctx, () => new StarmapNode(null as never, requiredFn(ctx, 'func'), ctx.params.args ?? [])),
  toTypeScript: (ctx) => `${input(ctx)}.starmap(${args(ctx.code('func'), spread(ctx, 'args'))})`,
  toPython: (ctx) => `${input(ctx)}.starmap(${args(ctx.code('func'), spread(ctx, 'args'))})`,
});

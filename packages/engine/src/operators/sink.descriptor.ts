import { args, defineOperator, input, onHost, requiredFn, spread } from '../catalog/define.js';
import { SinkNode } from './sink.js';

export const sinkDescriptor = defineOperator({
  type: 'sink',
  label: 'Sink',
  category: 'sink',
  doc:
    'Calls a function on every element and emits nothing. When the function returns a promise, ' +
    'the sources upstream wait for it before producing more (back-pressure), so a slow sink slows ' +
    'the graph instead of piling elements up. Example: `x => console.log(x)`.',
  example: 'source.sink((x) => console.log(x))',
  inputs: { min: 1, max: 1 },
  outputs: 0,
  keyParam: 'func',
  params: [
    {
      name: 'func',
      label: 'Function',
      kind: 'function',
      required: true,
      signature: '(x, ...args) => void | Promise',
      placeholder: 'x => console.log(x)',
      doc: 'Called with each element (then the extra arguments); a returned promise is awaited by the sources.',
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
  build: (ctx) => onHost(ctx, () => new SinkNode(null as never, requiredFn(ctx, 'func'), ctx.params.args ?? [])),
  toTypeScript: (ctx) => `${input(ctx)}.sink(${args(ctx.code('func'), spread(ctx, 'args'))})`,
  toPython: (ctx) => `${input(ctx)}.sink(${args(ctx.code('func'), spread(ctx, 'args'))})`,
});

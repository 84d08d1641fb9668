import { args, defineOperator, input, onHost } from '../catalog/define.js';
import { ZipNode } from './zip.js';

export const zipDescriptor = defineOperator({
  type: 'zip',
  label: 'Zip',
  category: 'join',
  doc:
    'Pairs up its inputs: emits an array with one element from each input, in port order, as soon ' +
    'as every input has one waiting. Inputs that run ahead are buffered; past `maxsize` waiting ' +
    'elements the node asks its sources to wait (back-pressure), and past `limit` it drops the ' +
    'oldest (counted as dropped). Example: a = 1, 2, 3 and b = "x", "y" give [1, "x"], [2, "y"].',
  example: 'a.zip(b)  // 1, 2, 3 with "x", "y" → [1, "x"], [2, "y"]',
  inputs: { min: 2, max: null },
  outputs: 1,
  params: [
    {
      name: 'maxsize',
      label: 'Back-pressure after',
      kind: 'integer',
      default: 10,
      min: 1,
      max: 1_000_000,
      doc: 'Waiting elements on one input beyond which the sources are asked to wait.',
    },
    {
      name: 'limit',
      label: 'Buffer limit',
      kind: 'integer',
      default: 100_000,
      min: 1,
      max: 10_000_000,
      doc: 'Waiting elements on one input beyond which the oldest is dropped (not in streamz, which grows without bound).',
    },
  ],
  build: (ctx) => onHost(ctx, () => new ZipNode([], { maxsize: ctx.params.maxsize, limit: ctx.params.limit })),
  toTypeScript: (ctx) => {
    const options: string[] = [];
    if (ctx.params.maxsize !== 10) options.push(`maxsize: ${ctx.code('maxsize')}`);
    if (ctx.params.limit !== 100_000) options.push(`limit: ${ctx.code('limit')}`);
    return `${input(ctx)}.zip(${args(...ctx.inputs.slice(1), options.length > 0 && `{ ${options.join(', ')} }`)})`;
  },
  toPython: (ctx) =>
    `${input(ctx)}.zip(${args(...ctx.inputs.slice(1), ctx.params.maxsize !== 10 && `maxsize=${ctx.code('maxsize')}`)})`,
});

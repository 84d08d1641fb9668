import { defineOperator, input, onHost } from '../catalog/define.js';
import { BufferNode } from './buffer.js';

export const bufferDescriptor = defineOperator({
  type: 'buffer',
  label: 'Buffer',
  category: 'time',
  doc:
    'Lets up to `n` elements wait here while the nodes after it are busy, so a bursty source does ' +
    'not have to wait for a slow consumer; order is kept and one element is in flight at a time. ' +
    'When `n` are waiting the sources are asked to wait (back-pressure): nothing is dropped. ' +
    'n = 0 means no limit. Example: buffer(100) before a slow HTTP sink absorbs bursts of 100.',
  example: 'source.buffer(100).sink(slowWrite)',
  inputs: { min: 1, max: 1 },
  outputs: 1,
  keyParam: 'n',
  async: true,
  params: [
    {
      name: 'n',
      label: 'Size',
      kind: 'integer',
      required: true,
      min: 0,
      max: 10_000_000,
      placeholder: '100',
      doc: 'Elements that may wait before the sources are asked to wait (0: unbounded).',
    },
  ],
  build: (ctx) => onHost(ctx, () => new BufferNode(null, ctx.params.n, { scheduler: ctx.host.scheduler })),
  toTypeScript: (ctx) => `${input(ctx)}.buffer(${ctx.code('n')})`,
  toPython: (ctx) => `${input(ctx)}.buffer(${ctx.code('n')})`,
});

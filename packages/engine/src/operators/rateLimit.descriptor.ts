import { defineOperator, input, onHost, pySeconds } from '../catalog/define.js';
import { RateLimitNode } from './rateLimit.js';

export const rateLimitDescriptor = defineOperator({
  type: 'rate_limit',
  label: 'Rate limit',
  category: 'time',
  doc:
    'Lets no two elements pass less than `interval` ms apart. An element that may pass at once ' +
    'goes straight through; a later one waits for its slot while the sources are asked to wait ' +
    '(back-pressure), so nothing piles up or is dropped. Example: with interval 1000, a source ' +
    'of 1, 2, 3 delivers them at 0, 1000 and 2000 ms.',
  example: 'source.rateLimit(1000)  // 1, 2, 3 → at 0, 1000, 2000 ms',
  inputs: { min: 1, max: 1 },
  outputs: 1,
  keyParam: 'interval',
  async: true,
  params: [
    {
      name: 'interval',
      label: 'Interval',
      kind: 'duration',
      required: true,
      min: 0,
      max: 86_400_000,
      placeholder: '1000',
      doc: 'Smallest gap between two elements, in ms.',
    },
  ],
  build: (ctx) =>
    onHost(ctx, () => new RateLimitNode(null, ctx.params.interval, { scheduler: ctx.host.scheduler })),
  toTypeScript: (ctx) => `${input(ctx)}.rateLimit(${ctx.code('interval')})`,
  toPython: (ctx) => `${input(ctx)}.rate_limit(${pySeconds(ctx, 'interval')})`,
});

import { defineOperator, input, onHost, pySeconds } from '../catalog/define.js';
import { DEFAULT_DELAY_LIMIT, DelayNode } from './delay.js';

export const delayDescriptor = defineOperator({
  type: 'delay',
  label: 'Delay',
  category: 'time',
  doc:
    'Paces elements rather than delaying them, exactly as streamz’s `delay` does: an element that ' +
    'arrives when the node is idle goes out on the next tick, and elements that arrive together ' +
    'go out `interval` ms apart. It never makes the sources wait; past `limit` waiting elements ' +
    'the oldest is dropped (counted as dropped). Example: a burst 1, 2, 3 with interval 100 goes ' +
    'out at about 0, 100 and 200 ms.',
  example: 'source.delay(100)  // a burst 1, 2, 3 → at 0, 100, 200 ms',
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
      placeholder: '100',
      doc: 'Milliseconds between queued elements.',
    },
    {
      name: 'limit',
      label: 'Queue limit',
      kind: 'integer',
      default: DEFAULT_DELAY_LIMIT,
      min: 1,
      max: 10_000_000,
      doc: 'Waiting elements beyond which the oldest is dropped (not in streamz, whose queue is unbounded).',
    },
  ],
  build: (ctx) =>
    onHost(
      ctx,
      () => new DelayNode(null, ctx.params.interval, { limit: ctx.params.limit, scheduler: ctx.host.scheduler }),
    ),
  toTypeScript: (ctx) =>
    ctx.params.limit === DEFAULT_DELAY_LIMIT
      ? `${input(ctx)}.delay(${ctx.code('interval')})`
      : `${input(ctx)}.delay(${ctx.code('interval')}, { limit: ${ctx.code('limit')} })`,
  toPython: (ctx) => `${input(ctx)}.delay(${pySeconds(ctx, 'interval')})`,
});

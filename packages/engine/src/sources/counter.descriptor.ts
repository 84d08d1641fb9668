import { defineOperator, onHost, pySeconds } from '../catalog/define.js';
import { CounterSource } from './counter.js';

export const counterDescriptor = defineOperator({
  type: 'counter',
  label: 'Counter',
  category: 'source',
  doc:
    'Emits 0, 1, 2, … one number per interval once the run starts (the first at once), and stops ' +
    'by itself after `limit` numbers if a limit is set. Stopping and starting it again resumes ' +
    'the count. Example: interval 1000, limit 3 emits 0, 1, 2 at 0, 1 and 2 s.',
  example: 'Stream.counter({ interval: 1000, limit: 3 })  // 0, 1, 2',
  inputs: { min: 0, max: 0 },
  outputs: 1,
  keyParam: 'interval',
  source: true,
  params: [
    {
      name: 'interval',
      label: 'Interval',
      kind: 'duration',
      default: 1000,
      min: 0,
      max: 86_400_000,
      doc: 'Milliseconds between numbers (0: as fast as the nodes after it take them).',
    },
    {
      name: 'limit',
      label: 'Limit',
      kind: 'integer',
      nullable: true,
      default: null,
      min: 0,
      placeholder: '10',
      doc: 'How many numbers to emit. Empty: count forever.',
    },
  ],
  build: (ctx) =>
    onHost(
      ctx,
      () =>
        new CounterSource({
          interval: ctx.params.interval,
          limit: ctx.params.limit ?? null,
          scheduler: ctx.host.scheduler,
        }),
    ),
  toTypeScript: (ctx) =>
    `Stream.counter({ interval: ${ctx.code('interval')}${ctx.params.limit != null ? `, limit: ${ctx.code('limit')}` : ''} })`,
  // streamz has no counter: an iterator over the numbers (so a restart resumes), paced by rate_limit.
  toPython: (ctx) =>
    `Stream.from_iterable(${
      ctx.params.limit != null ? `iter(range(${ctx.code('limit')}))` : `__import__('itertools').count()`
    })` + (ctx.params.interval > 0 ? `.rate_limit(${pySeconds(ctx, 'interval')})` : ''),
});

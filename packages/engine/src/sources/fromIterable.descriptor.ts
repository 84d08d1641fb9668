import { defineOperator, onHost, pySeconds } from '../catalog/define.js';
import { FromIterableSource } from './fromIterable.js';

export const fromIterableDescriptor = defineOperator({
  type: 'from_iterable',
  label: 'From list',
  category: 'source',
  doc:
    'Emits the values of a list when the run starts, as fast as the nodes after it take them, or ' +
    'one per interval. It stops by itself at the end of the list; starting it again starts from ' +
    'the beginning. Example: [1, 2, 3] with interval 1000 emits 1 at once, 2 after a second, 3 ' +
    'after two.',
  example: 'Stream.fromIterable([1, 2, 3])',
  inputs: { min: 0, max: 0 },
  outputs: 1,
  keyParam: 'items',
  source: true,
  params: [
    {
      name: 'items',
      label: 'Values',
      kind: 'list',
      items: 'json',
      required: true,
      max: 100_000,
      placeholder: '[1, 2, 3]',
      doc: 'The values to emit, in order (any JSON values).',
    },
    {
      name: 'interval',
      label: 'Interval',
      kind: 'duration',
      default: 0,
      min: 0,
      max: 86_400_000,
      doc: 'Milliseconds between values (0: no pause).',
    },
  ],
  build: (ctx) =>
    onHost(
      ctx,
      () =>
        new FromIterableSource(structuredClone(ctx.params.items ?? []) as unknown[], {
          interval: ctx.params.interval,
          scheduler: ctx.host.scheduler,
        }),
    ),
  toTypeScript: (ctx) =>
    ctx.params.interval > 0
      ? `Stream.fromIterable(${ctx.code('items')}, { interval: ${ctx.code('interval')} })`
      : `Stream.fromIterable(${ctx.code('items')})`,
  // streamz's from_iterable has no interval: rate_limit paces it the same way.
  toPython: (ctx) =>
    `Stream.from_iterable(${ctx.code('items')})` +
    (ctx.params.interval > 0 ? `.rate_limit(${pySeconds(ctx, 'interval')})` : ''),
});

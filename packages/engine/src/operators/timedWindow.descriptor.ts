import { defineOperator, input, onHost, pySeconds } from '../catalog/define.js';
import { TimedWindowNode } from './timedWindow.js';

export const timedWindowDescriptor = defineOperator({
  type: 'timed_window',
  label: 'Timed window',
  category: 'window',
  doc:
    'Emits everything that arrived during each interval as an array, every `interval` ms, empty ' +
    'windows included: the first (usually []) right after the run starts. The period is the ' +
    'interval plus the time the nodes after it take with each window. Example: with interval ' +
    '1000 and elements at 100 and 200 ms, it emits [] at 0 and [a, b] at 1000 ms.',
  example: 'source.timedWindow(1000)  // [], [a, b], [], …',
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
      min: 1,
      max: 86_400_000,
      placeholder: '1000',
      doc: 'Length of each window, in ms.',
    },
  ],
  build: (ctx) =>
    onHost(ctx, () => new TimedWindowNode(null, ctx.params.interval, { scheduler: ctx.host.scheduler })),
  toTypeScript: (ctx) => `${input(ctx)}.timedWindow(${ctx.code('interval')})`,
  toPython: (ctx) => `${input(ctx)}.timed_window(${pySeconds(ctx, 'interval')})`,
});

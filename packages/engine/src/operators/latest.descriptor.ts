import { defineOperator, input, onHost } from '../catalog/define.js';
import { LatestNode } from './latest.js';

export const latestDescriptor = defineOperator({
  type: 'latest',
  label: 'Latest',
  category: 'time',
  doc:
    'Passes elements through, but while the nodes after it are busy keeps only the newest one and ' +
    'drops the rest (counted as dropped). Use it in front of a slow consumer that only needs the ' +
    'current value, such as a dashboard. It never makes the sources wait. Example: with a slow ' +
    'sink, a burst 1, 2, 3 delivers 1, then 3.',
  example: 'readings.latest().sink(render)  // a burst 1, 2, 3 → 1, 3',
  inputs: { min: 1, max: 1 },
  outputs: 1,
  async: true,
  params: [],
  build: (ctx) => onHost(ctx, () => new LatestNode(null, { scheduler: ctx.host.scheduler })),
  toTypeScript: (ctx) => `${input(ctx)}.latest()`,
  toPython: (ctx) => `${input(ctx)}.latest()`,
});

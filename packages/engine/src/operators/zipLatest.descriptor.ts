import { args, defineOperator, input, onHost } from '../catalog/define.js';
import { ZipLatestNode } from './zipLatest.js';

export const zipLatestDescriptor = defineOperator({
  type: 'zip_latest',
  label: 'Zip latest',
  category: 'join',
  doc:
    'Emits every element of its first input (the lossless one) exactly once, paired with the ' +
    'latest element of each other input: [item, latestB, …]. Lossless elements wait until every ' +
    'input has delivered once, then go out in order. Example: lossless 1, 2 then b = "x", then ' +
    'lossless 3 gives [1, "x"], [2, "x"], [3, "x"].',
  example: 'lossless.zipLatest(b)  // 1, 2, b "x", 3 → [1, "x"], [2, "x"], [3, "x"]',
  inputs: { min: 2, max: null, labels: ['lossless'] },
  outputs: 1,
  params: [],
  build: (ctx) => onHost(ctx, () => new ZipLatestNode(null, [], { scheduler: ctx.host.scheduler })),
  toTypeScript: (ctx) => `${input(ctx)}.zipLatest(${args(...ctx.inputs.slice(1))})`,
  toPython: (ctx) => `${input(ctx)}.zip_latest(${args(...ctx.inputs.slice(1))})`,
});

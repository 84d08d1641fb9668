import { args, defineOperator, input, onHost, pySeconds } from '../catalog/define.js';
import { PartitionNode } from './partition.js';

export const partitionDescriptor = defineOperator({
  type: 'partition',
  label: 'Partition',
  category: 'window',
  doc:
    'Groups elements into arrays of `n` and emits each array when it is full: with n = 2, 1, 2, 3, ' +
    '4, 5 gives [1, 2], [3, 4] and 5 waits. With a key function, each key fills its own groups. ' +
    'With a timeout, a group still partial that long after its first element is emitted as it is; ' +
    'without one, leftovers wait forever (nothing is flushed when the stream ends).',
  example: 'source.partition(2)  // 1, 2, 3, 4, 5 → [1, 2], [3, 4]',
  inputs: { min: 1, max: 1 },
  outputs: 1,
  keyParam: 'n',
  params: [
    {
      name: 'n',
      label: 'Size',
      kind: 'integer',
      required: true,
      min: 1,
      max: 1_000_000,
      placeholder: '10',
      doc: 'Elements per group.',
    },
    {
      name: 'timeout',
      label: 'Timeout',
      kind: 'duration',
      nullable: true,
      default: null,
      min: 0,
      placeholder: '1000',
      doc: 'Emit a partial group this many ms after its first element arrived. Empty: never.',
    },
    {
      name: 'key',
      label: 'Key',
      kind: 'function',
      nullable: true,
      default: null,
      signature: '(x) => key',
      placeholder: 'x => x.sensor',
      doc: 'Groups elements by this key, each key filling its own groups. Empty: one group.',
    },
  ],
  build: (ctx) =>
    onHost(
      ctx,
      () =>
        new PartitionNode(null, ctx.params.n, {
          timeout: ctx.params.timeout ?? null,
          key: ctx.fn('key'),
          scheduler: ctx.host.scheduler,
        }),
    ),
  toTypeScript: (ctx) => {
    const options: string[] = [];
    if (ctx.params.key != null) options.push(`key: ${ctx.code('key')}`);
    if (ctx.params.timeout != null) options.push(`timeout: ${ctx.code('timeout')}`);
    return `${input(ctx)}.partition(${args(ctx.code('n'), options.length > 0 && `{ ${options.join(', ')} }`)})`;
  },
  toPython: (ctx) =>
    `${input(ctx)}.partition(${args(
      ctx.code('n'),
      ctx.params.timeout != null && `timeout=${pySeconds(ctx, 'timeout')}`,
      ctx.params.key != null && `key=${ctx.code('key')}`,
    )})`,
});

import { args, defineOperator, input, onHost } from '../catalog/define.js';
import { PartitionUniqueNode } from './partitionUnique.js';
import type { PartitionUniqueOptions } from './partitionUnique.js';

export const partitionUniqueDescriptor = defineOperator({
  type: 'partition_unique',
  label: 'Partition unique',
  category: 'window',
  doc:
    'Gathers elements with distinct keys and emits them as an array once `n` distinct keys are ' +
    'held, then starts a new group. A repeated key keeps the first element (or, with keep = last, ' +
    'replaces it and moves to the end). Example with n = 2: 1, 1, 2, 3, 3, 4 gives [1, 2], [3, 4]. ' +
    'Nothing is flushed when the stream ends.',
  example: 'source.partitionUnique(2)  // 1, 1, 2, 3, 3, 4 → [1, 2], [3, 4]',
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
      doc: 'Distinct keys per group.',
    },
    {
      name: 'key',
      label: 'Key',
      kind: 'function',
      nullable: true,
      default: null,
      signature: '(x) => key',
      placeholder: 'x => x.id',
      doc: 'What makes two elements the same (compared with Python equality). Empty: the element itself.',
    },
    {
      name: 'keep',
      label: 'Keep',
      kind: 'enum',
      options: ['first', 'last'],
      default: 'first',
      doc: 'Of two elements with the same key, keep the first or the last.',
    },
  ],
  build: (ctx) => {
    const options: PartitionUniqueOptions<unknown> = { keep: ctx.params.keep };
    const key = ctx.fn('key');
    if (key !== null) options.key = key;
    return onHost(ctx, () => new PartitionUniqueNode(null as never, ctx.params.n, options));
  },
  toTypeScript: (ctx) => {
    const options: string[] = [];
    if (ctx.params.key != null) options.push(`key: ${ctx.code('key')}`);
    if (ctx.params.keep === 'last') options.push(`keep: 'last'`);
    return `${input(ctx)}.partitionUnique(${args(ctx.code('n'), options.length > 0 && `{ ${options.join(', ')} }`)})`;
  },
  toPython: (ctx) =>
    `${input(ctx)}.partition_unique(${args(
      ctx.code('n'),
      ctx.params.key != null && `key=${ctx.code('key')}`,
      ctx.params.keep === 'last' && `keep='last'`,
    )})`,
});

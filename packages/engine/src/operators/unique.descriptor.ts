import { args, defineOperator, input, onHost } from '../catalog/define.js';
import { UniqueNode } from './unique.js';
import type { UniqueOptions } from './unique.js';

export const uniqueDescriptor = defineOperator({
  type: 'unique',
  label: 'Unique',
  category: 'filter',
  doc:
    'Passes an element only if its key has not been seen (compared with Python equality: 1 and ' +
    'true are the same, arrays by value). With `maxsize`, only that many of the most recently ' +
    'seen keys are remembered, and a repeat counts as seen again: with maxsize 2, 1, 2, 1, 3, 2 ' +
    'gives 1, 2, 3, 2. Without it every key is remembered for the whole run. Objects need ' +
    '“hashable” off (slower).',
  example: 'source.unique()  // 1, 2, 1, 3 → 1, 2, 3',
  inputs: { min: 1, max: 1 },
  outputs: 1,
  params: [
    {
      name: 'maxsize',
      label: 'Remember at most',
      kind: 'integer',
      nullable: true,
      default: null,
      min: 1,
      max: 10_000_000,
      placeholder: '1000',
      doc: 'How many recent keys to remember. Empty: all of them.',
    },
    {
      name: 'key',
      label: 'Key',
      kind: 'function',
      nullable: true,
      default: null,
      signature: '(x) => key',
      placeholder: 'x => x.id',
      doc: 'What is compared. Empty: the element itself.',
    },
    {
      name: 'hashable',
      label: 'Hashable keys',
      kind: 'boolean',
      default: true,
      doc: 'Keys are numbers, strings, booleans, null or arrays of them (fast). Turn off for objects.',
    },
  ],
  build: (ctx) => {
    const options: UniqueOptions<unknown> = { maxsize: ctx.params.maxsize ?? null, hashable: ctx.params.hashable };
    const key = ctx.fn('key');
    if (key !== null) options.key = key;
    return onHost(ctx, () => new UniqueNode(null as never, options));
  },
  toTypeScript: (ctx) => {
    const options: string[] = [];
    if (ctx.params.maxsize != null) options.push(`maxsize: ${ctx.code('maxsize')}`);
    if (ctx.params.key != null) options.push(`key: ${ctx.code('key')}`);
    if (ctx.params.hashable === false) options.push('hashable: false');
    return `${input(ctx)}.unique(${options.length > 0 ? `{ ${options.join(', ')} }` : ''})`;
  },
  toPython: (ctx) =>
    `${input(ctx)}.unique(${args(
      ctx.params.maxsize != null && `maxsize=${ctx.code('maxsize')}`,
      ctx.params.key != null && `key=${ctx.code('key')}`,
      ctx.params.hashable === false && 'hashable=False',
    )})`,
});

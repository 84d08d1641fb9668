import { args, defineOperator, input, onHost, spread } from '../catalog/define.js';
import { FilterNode } from './filter.js';

export const filterDescriptor = defineOperator({
  type: 'filter',
  label: 'Filter',
  category: 'filter',
  doc:
    'Keeps the elements for which the predicate is true by Python’s rules (0, "", [], {} and null ' +
    'are false). Without a predicate the element itself is tested, which drops the empty and zero ' +
    'ones. Example: `x => x % 2 === 0` turns 1, 2, 3, 4 into 2, 4.',
  example: 'source.filter((x) => x % 2 === 0)  // 1, 2, 3, 4 → 2, 4',
  inputs: { min: 1, max: 1 },
  outputs: 1,
  keyParam: 'predicate',
  params: [
    {
      name: 'predicate',
      label: 'Predicate',
      kind: 'function',
      nullable: true,
      default: null,
      signature: '(x, ...args) => boolean',
      placeholder: 'x => x > 0',
      doc: 'Called with each element (then the extra arguments); a true result keeps it. Empty: test the element itself.',
    },
    {
      name: 'args',
      label: 'Extra arguments',
      kind: 'list',
      items: 'json',
      default: [],
      doc: 'Values passed to the predicate after the element, in order.',
    },
  ],
  build: (ctx) => onHost(ctx, () => new FilterNode(null as never, ctx.fn('predicate'), ctx.params.args ?? [])),
  toTypeScript: (ctx) =>
    `${input(ctx)}.filter(${args(ctx.params.predicate == null ? 'null' : ctx.code('predicate'), spread(ctx, 'args'))})`,
  toPython: (ctx) =>
    `${input(ctx)}.filter(${args(ctx.params.predicate == null ? 'None' : ctx.code('predicate'), spread(ctx, 'args'))})`,
});

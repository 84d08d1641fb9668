import { defineOperator, input, onHost } from '../catalog/define.js';
import { PluckNode } from './pluck.js';

export const pluckDescriptor = defineOperator({
  type: 'pluck',
  label: 'Pluck',
  category: 'transform',
  doc:
    'Picks a field or a position out of every element: `"name"` turns {name: "a", v: 1} into "a", ' +
    'and 0 turns [5, 6] into 5 (negative positions count from the end). A list of picks emits an ' +
    'array: ["name", "v"] gives ["a", 1]. A missing key or position is an error (KeyError, ' +
    'IndexError), as in streamz.',
  example: 'source.pluck("name")  // {name: "a"} → "a"',
  inputs: { min: 1, max: 1 },
  outputs: 1,
  keyParam: 'pick',
  params: [
    {
      name: 'pick',
      label: 'Pick',
      kind: 'json',
      required: true,
      placeholder: '"name"',
      doc: 'A key (a string), a position (an integer), or a list of them to emit an array.',
    },
  ],
  build: (ctx) => onHost(ctx, () => new PluckNode(null as never, structuredClone(ctx.params.pick))),
  toTypeScript: (ctx) => `${input(ctx)}.pluck(${ctx.code('pick')})`,
  // In Python only a list means several picks (a tuple is one dict key): spell the list out,
  // whatever the exporter makes of arrays.
  toPython: (ctx) => {
    const pick = ctx.params.pick;
    const code = Array.isArray(pick) ? `[${pick.map((p) => ctx.literal(p)).join(', ')}]` : ctx.code('pick');
    return `${input(ctx)}.pluck(${code})`;
  },
});

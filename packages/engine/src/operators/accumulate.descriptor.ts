import { args, defineOperator, input, onHost, requiredFn } from '../catalog/define.js';
import { AccumulateNode } from './accumulate.js';
import type { AccumulateOptions } from './accumulate.js';

export const accumulateDescriptor = defineOperator({
  type: 'accumulate',
  label: 'Accumulate',
  category: 'aggregate',
  doc:
    'Keeps a running state: `state = func(state, x)` on every element, emitting the new state ' +
    '(streamz’s `accumulate`, also called `scan`). Without a start value the first element becomes ' +
    'the state and is emitted as it is (the function is not called). With “returns state”, the function returns ' +
    '`[newState, output]` and the output is emitted. Example: `(acc, x) => acc + x` turns 1, 2, 3 ' +
    'into 1, 3, 6.',
  example: 'source.accumulate((acc, x) => acc + x)  // 1, 2, 3 → 1, 3, 6',
  inputs: { min: 1, max: 1 },
  outputs: 1,
  keyParam: 'func',
  params: [
    {
      name: 'func',
      label: 'Function',
      kind: 'function',
      required: true,
      signature: '(state, x) => newState  (or [newState, output])',
      placeholder: '(acc, x) => acc + x',
      doc: 'Combines the state with the next element.',
    },
    {
      name: 'start',
      label: 'Start',
      kind: 'json',
      nullable: true,
      placeholder: '0',
      doc: 'The initial state. Leave it out to start from the first element; null is a real start value.',
    },
    {
      name: 'returnsState',
      label: 'Returns state',
      kind: 'boolean',
      default: false,
      doc: 'The function returns `[newState, output]`; the output is emitted.',
    },
    {
      name: 'withState',
      label: 'With state',
      kind: 'boolean',
      default: false,
      doc: 'Emit `[state, output]` instead of the output alone.',
    },
  ],
  build: (ctx) => {
    const options: AccumulateOptions<unknown> = {
      returnsState: ctx.params.returnsState,
      withState: ctx.params.withState,
    };
    if (ctx.params.start !== undefined) options.start = ctx.params.start;
    return onHost(ctx, () => new AccumulateNode(null as never, requiredFn(ctx, 'func'), options));
  },
  toTypeScript: (ctx) => {
    const options: string[] = [];
    if (ctx.params.start !== undefined) options.push(`start: ${ctx.code('start')}`);
    if (ctx.params.returnsState) options.push('returnsState: true');
    if (ctx.params.withState) options.push('withState: true');
    return `${input(ctx)}.accumulate(${args(ctx.code('func'), options.length > 0 && `{ ${options.join(', ')} }`)})`;
  },
  toPython: (ctx) =>
    `${input(ctx)}.accumulate(${args(
      ctx.code('func'),
      ctx.params.start !== undefined && `start=${ctx.code('start')}`,
      ctx.params.returnsState && 'returns_state=True',
      ctx.params.withState && 'with_state=True',
    )})`,
});

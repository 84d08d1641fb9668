import { args, defineOperator, input, onHost } from '../catalog/define.js';
import { CombineLatestNode } from './combineLatest.js';

export const combineLatestDescriptor = defineOperator({
  type: 'combine_latest',
  label: 'Combine latest',
  category: 'join',
  doc:
    'Remembers the latest element of every input and, once each input has delivered at least ' +
    'once, emits an array of them (in port order) whenever an input delivers, or only when one of ' +
    'the “emit on” ports delivers. Example: a = 1, b = "x", a = 2 gives [1, "x"], [2, "x"]; with ' +
    'emit on [1] only b’s elements trigger an emission.',
  example: 'a.combineLatest(b)  // a 1, b "x", a 2 → [1, "x"], [2, "x"]',
  inputs: { min: 2, max: null },
  outputs: 1,
  params: [
    {
      name: 'emitOn',
      label: 'Emit on ports',
      kind: 'list',
      items: 'integer',
      nullable: true,
      default: null,
      placeholder: '[0]',
      doc: 'Input positions (0 is the first) whose elements trigger an emission. Empty: every input.',
    },
  ],
  build: (ctx) => {
    const emitOn = ctx.params.emitOn as number[] | null;
    const options = { scheduler: ctx.host.scheduler, emitOn: emitOn?.length ? emitOn : null };
    return onHost(ctx, () => new CombineLatestNode([], options));
  },
  toTypeScript: (ctx) =>
    `${input(ctx)}.combineLatest(${args(...ctx.inputs.slice(1), ctx.params.emitOn != null && `{ emitOn: ${ctx.code('emitOn')} }`)})`,
  toPython: (ctx) =>
    `${input(ctx)}.combine_latest(${args(...ctx.inputs.slice(1), ctx.params.emitOn != null && `emit_on=${ctx.code('emitOn')}`)})`,
});

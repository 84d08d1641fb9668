import { defineOperator, input, onHost } from '../catalog/define.js';
import { LogNode } from './log.js';

export const logDescriptor = defineOperator({
  type: 'log',
  label: 'Log',
  category: 'sink',
  doc:
    'Writes every element as one line of JSON on the run’s output (what `streamloom run` prints, ' +
    'and the run’s log in the editor). Undefined is written as null, a BigInt as its digits in a ' +
    'string. Example: {"id": 1} becomes the line {"id":1}.',
  example: 'source.sink((x) => console.log(JSON.stringify(x)))',
  inputs: { min: 1, max: 1 },
  outputs: 0,
  params: [],
  build: (ctx) => {
    const log = ctx.host.log.bind(ctx.host);
    return onHost(ctx, () => new LogNode(null, log));
  },
  toTypeScript: (ctx) => `${input(ctx)}.sink((x: unknown) => console.log(JSON.stringify(x) ?? 'null'))`,
  toPython: (ctx) =>
    `${input(ctx)}.sink(lambda x: print(__import__('json').dumps(x, separators=(',', ':'), ensure_ascii=False), flush=True))`,
});

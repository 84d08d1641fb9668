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
    const { host, nodeId } = ctx;
    return onHost(ctx, () => new LogNode(null, (line) => host.log(line, nodeId)));
  },
  // The lines LogNode writes: jsonLine (Maps as objects, BigInts as digits). In Python, print_json
  // (a helper the exporter defines, src/export/pythonRuntime.ts) writes numbers as JavaScript
  // does: 2, not 2.0; 0.00001, not 1e-05.
  toTypeScript: (ctx) => `${input(ctx)}.sink((x: unknown) => console.log(jsonLine(x)))`,
  toPython: (ctx) => `${input(ctx)}.sink(print_json)`,
});

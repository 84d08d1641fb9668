import { defineOperator, input, onHost } from '../catalog/define.js';
import { FrequenciesNode } from './frequencies.js';

export const frequenciesDescriptor = defineOperator({
  type: 'frequencies',
  label: 'Frequencies',
  category: 'aggregate',
  doc:
    'Counts how often each value has been seen and emits all the counts so far on every element, ' +
    'as a new map each time (streamz emits a dict). Values equal in Python share a count (1, 1.0 ' +
    'and true; arrays by value); objects cannot be counted (TypeError). Example: "a", "b", "a" ' +
    'gives {a: 1}, {a: 1, b: 1}, {a: 2, b: 1}.',
  example: 'words.frequencies()  // "a", "b", "a" → {a: 1}, {a: 1, b: 1}, {a: 2, b: 1}',
  inputs: { min: 1, max: 1 },
  outputs: 1,
  params: [],
  build: (ctx) => onHost(ctx, () => new FrequenciesNode(null as never)),
  toTypeScript: (ctx) => `${input(ctx)}.frequencies()`,
  toPython: (ctx) => `${input(ctx)}.frequencies()`,
});

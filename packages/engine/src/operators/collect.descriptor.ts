import { defineOperator, input, onHost } from '../catalog/define.js';
import type { Stream } from '../core/stream.js';
import type { Pending } from '../core/types.js';
import { CollectNode } from './collect.js';

/**
 * collect with a flush port: elements from the second input (port 1) flush the collection,
 * as `flushStream.sink(collector.flush)` does in streamz.
 */
class CollectFlushNode<T> extends CollectNode<T> {
  override update(x: T, who?: Stream<any>): Pending {
    const ups = this.upstreams;
    if (ups.length > 1 && who === ups[1]) {
      this.flush();
      return undefined;
    }
    return super.update(x);
  }
}

export const collectDescriptor = defineOperator({
  type: 'collect',
  label: 'Collect',
  category: 'aggregate',
  doc:
    'Holds the elements of its first input (data) and emits them all as one array whenever an ' +
    'element arrives on its second input (flush); the value of that element is ignored, and an ' +
    'empty collection emits []. Data and flush must come from different nodes. Example: data 1, ' +
    '2, flush, data 3, flush gives [1, 2], [3]; a timed source on the flush port emits batches.',
  example: 'const c = data.collect(); ticks.sink(c.flush)  // 1, 2, tick, 3, tick → [1, 2], [3]',
  inputs: { min: 2, max: 2, labels: ['data', 'flush'] },
  outputs: 1,
  params: [],
  build: (ctx) => onHost(ctx, () => new CollectFlushNode<unknown>(null as never)),
  toTypeScript: (ctx) =>
    `((c) => (${input(ctx, 1)}.sink(c.flush), c))(${input(ctx)}.collect())`,
  toPython: (ctx) => `(lambda c: (${input(ctx, 1)}.sink(c.flush), c)[1])(${input(ctx)}.collect())`,
});

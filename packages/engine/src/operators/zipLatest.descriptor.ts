import { args, defineOperator, input, onHost } from '../catalog/define.js';
import { Stream } from '../core/stream.js';
import { ZipLatestNode } from './zipLatest.js';

/**
 * zip_latest built before its inputs are wired: ZipLatestNode needs its lossless stream at
 * construction, so a placeholder is passed and removed at once; the first input connected
 * (port 0) becomes the lossless one.
 */
class DetachedZipLatestNode extends ZipLatestNode {
  private awaitingLossless = true;

  constructor(scheduler: Stream<any>['scheduler']) {
    const placeholder = new Stream<any>(null, { scheduler });
    super(placeholder, [], { scheduler });
    placeholder.removeDownstream(this);
    this.removeUpstream(placeholder);
  }

  override addUpstream(up: Stream<any>): void {
    if (this.awaitingLossless) {
      this.awaitingLossless = false;
      (this as { lossless: Stream<any> }).lossless = up;
    }
    super.addUpstream(up);
  }
}

export const zipLatestDescriptor = defineOperator({
  type: 'zip_latest',
  label: 'Zip latest',
  category: 'join',
  doc:
    'Emits every element of its first input (the lossless one) exactly once, paired with the ' +
    'latest element of each other input: [item, latestB, …]. Lossless elements wait until every ' +
    'input has delivered once, then go out in order. Example: lossless 1, 2 then b = "x", then ' +
    'lossless 3 gives [1, "x"], [2, "x"], [3, "x"].',
  example: 'lossless.zipLatest(b)  // 1, 2, b "x", 3 → [1, "x"], [2, "x"], [3, "x"]',
  inputs: { min: 2, max: null, labels: ['lossless'] },
  outputs: 1,
  params: [],
  build: (ctx) => onHost(ctx, () => new DetachedZipLatestNode(ctx.host.scheduler)),
  toTypeScript: (ctx) => `${input(ctx)}.zipLatest(${args(...ctx.inputs.slice(1))})`,
  toPython: (ctx) => `${input(ctx)}.zip_latest(${args(...ctx.inputs.slice(1))})`,
});

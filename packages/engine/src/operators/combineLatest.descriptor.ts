import { args, defineOperator, input, onHost } from '../catalog/define.js';
import type { Stream } from '../core/stream.js';
import type { Pending } from '../core/types.js';
import { CombineLatestNode } from './combineLatest.js';

/**
 * combine_latest whose `emitOn` names input PORTS, resolved against the upstreams as they are when
 * an element arrives: the node is built before its inputs are wired, and CombineLatestNode resolves
 * positions at construction. An element from another port updates the latest values silently.
 */
class PortCombineLatestNode extends CombineLatestNode {
  private muted = false;

  constructor(
    private readonly emitPorts: ReadonlySet<number> | null,
    scheduler: CombineLatestNode['scheduler'],
  ) {
    super([], { scheduler });
  }

  override update(x: unknown, who?: Stream<any>): Pending {
    const ports = this.emitPorts;
    if (ports === null || ports.has(this.upstreams.indexOf(who!))) return super.update(x, who);
    const next = this.next;
    this.next = null;
    this.muted = true;
    try {
      return super.update(x, who);
    } finally {
      this.muted = false;
      this.next = next;
    }
  }

  override _emit(x: any): Pending {
    return this.muted ? undefined : super._emit(x);
  }
}

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
    const ports = emitOn == null ? null : new Set(emitOn);
    return onHost(ctx, () => new PortCombineLatestNode(ports, ctx.host.scheduler));
  },
  toTypeScript: (ctx) =>
    `${input(ctx)}.combineLatest(${args(...ctx.inputs.slice(1), ctx.params.emitOn != null && `{ emitOn: ${ctx.code('emitOn')} }`)})`,
  toPython: (ctx) =>
    `${input(ctx)}.combine_latest(${args(...ctx.inputs.slice(1), ctx.params.emitOn != null && `emit_on=${ctx.code('emitOn')}`)})`,
});

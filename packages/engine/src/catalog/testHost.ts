import { RealScheduler } from '../core/scheduler.js';
import { Stream } from '../core/stream.js';
import { VirtualScheduler } from '../core/virtualScheduler.js';
import { buildContext } from './define.js';
import type { OperatorDescriptor, RunHost } from './types.js';

/** A run host for tests: a virtual clock, functions compiled with `new Function`, log lines kept. */
export interface TestHost extends RunHost {
  scheduler: VirtualScheduler;
  readonly lines: string[];
}

export function testHost(scheduler = new VirtualScheduler()): TestHost {
  const lines: string[] = [];
  return {
    scheduler,
    lines,
    compileFunction(source) {
      return new Function(`return (${source});`)() as (...args: any[]) => any;
    },
    log(line) {
      lines.push(line);
    },
  };
}

/** A run host on real timers (for sources on sockets and processes); reported errors are kept. */
export function realHost(): RunHost & { readonly lines: string[]; readonly errors: unknown[] } {
  const errors: unknown[] = [];
  const host = testHost();
  return { ...host, scheduler: new RealScheduler((error) => errors.push(error)), errors };
}

/** Resolves once `condition()` holds (polling every 5 ms); rejects after `ms`. */
export async function waitFor(condition: () => boolean, ms = 5000): Promise<void> {
  const end = Date.now() + ms;
  while (!condition()) {
    if (Date.now() > end) throw new Error('waitFor: timed out');
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
}

/** Builds a node the way the compiler does: defaults applied, functions compiled, detached. */
export function buildNode(
  d: OperatorDescriptor,
  params: Record<string, unknown> = {},
  host: RunHost = testHost(),
  nodeId = 'n1',
): Stream<any> {
  return d.build(buildContext(d, nodeId, params, host));
}

/**
 * Wires `inputs` into `node` in port order, as the compiler does after building every node, and
 * attaches a collecting sink to its output. Returns the inputs' entry points and what came out.
 */
export function harness(node: Stream<any>, ports = 1): { inputs: Stream<any>[]; out: unknown[] } {
  const inputs: Stream<any>[] = [];
  for (let i = 0; i < ports; i++) {
    const up = new Stream<any>(null, { scheduler: node.scheduler });
    up.connect(node);
    inputs.push(up);
  }
  const out: unknown[] = [];
  const collector = new Stream<any>(null, { scheduler: node.scheduler });
  collector.update = (x: unknown) => {
    out.push(x);
    return undefined;
  };
  node.connect(collector);
  return { inputs, out };
}

/**
 * A collector attached to `node`'s output that records `[time, value]` on the node's scheduler
 * clock: what a test reads to check when elements came out.
 */
export function record(node: Stream<any>): Array<[number, unknown]> {
  const seen: Array<[number, unknown]> = [];
  const collector = new Stream<any>(null, { scheduler: node.scheduler });
  collector.update = (x: unknown) => {
    seen.push([node.scheduler.now(), x]);
    return undefined;
  };
  node.connect(collector);
  return seen;
}

/** Builds each `[type, params]` on `host` and wires them in a chain, as the compiler would. */
export function chain(
  host: RunHost,
  steps: ReadonlyArray<readonly [OperatorDescriptor, Record<string, unknown>]>,
): Stream<any>[] {
  const nodes = steps.map(([d, params], i) => buildNode(d, params, host, `n${i}`));
  for (let i = 1; i < nodes.length; i++) nodes[i - 1]!.connect(nodes[i]!);
  return nodes;
}

/**
 * The differential harness: runs the same pipeline description on the real streamz (through
 * streamz_runner.py, one persistent Python process per test file) and on our engine, and compares
 * what every sink received, in order, with the input that caused it and the errors `emit` raised.
 */
import { spawn, spawnSync, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { createInterface } from 'node:readline';
import fc from 'fast-check';
import { Stream } from '../../src/index.js';
import { fn } from './library.js';

/** Debian's interpreter, which has python3-streamz (STREAMZ_PYTHON overrides it, e.g. to check the failure message). */
export const PYTHON = process.env.STREAMZ_PYTHON || '/usr/bin/python3';
export const APT_COMMAND = 'apt-get install -y python3-streamz';
const RUNNER = fileURLToPath(new URL('./streamz_runner.py', import.meta.url));

// ------------------------------------------------------------------------------------------------
// Pipeline descriptions
// ------------------------------------------------------------------------------------------------

export type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

/** A key: a function of the library (called) or an index / dict key (`x[index]`). */
export type KeySpec = { fn: string } | { index: Json };
/** combineLatest's emitOn: an input position, a node ({node: k}), or a list of them. */
export type EmitOnItem = number | { node: number };

/**
 * One node. `in` lists earlier nodes by index (the first is the receiver of the method call).
 * Nodes are built in array order, which is also the order edges are created in, and so the order
 * in which an upstream delivers to its downstreams.
 */
export interface NodeSpec {
  op: string;
  in?: number[];
  fn?: string | null;
  args?: Json[];
  /** accumulate's start (its presence matters: null is a real start); slice's start. */
  start?: Json;
  returnsState?: boolean;
  withState?: boolean;
  n?: number;
  key?: KeySpec;
  keep?: 'first' | 'last';
  returnPartial?: boolean;
  end?: number | null;
  step?: number | null;
  pick?: Json;
  maxsize?: number | null;
  hashable?: boolean;
  /** zip's arguments: streams and literals, in order. */
  items?: ({ ref: number } | { lit: Json })[];
  emitOn?: EmitOnItem | EmitOnItem[];
  /** flush: the collect node this sink flushes. */
  target?: number;
}

export interface Pipeline {
  nodes: NodeSpec[];
}

/** Between two elements: `a.connect(b)` or `a.disconnect(b)` (node indices). */
export type Rewire = ['connect' | 'disconnect', number, number];
/** An element to emit at a node (usually a source), or a change of the graph. */
export type Input = [number, Json] | Rewire;

/** A case: the graph, and the inputs, in order. */
export interface Case {
  pipeline: Pipeline;
  inputs: Input[];
}

/** `[input index, sink node index, value]` or `[input index, 'error', exception type]`. */
export type LogEvent = [number, number | 'error', Json];
export type Result = { log: LogEvent[] } | { build: string } | { runnerError: string };

// ------------------------------------------------------------------------------------------------
// The Python side
// ------------------------------------------------------------------------------------------------

/** Throws a clear error, with the command to fix it, when /usr/bin/python3 cannot import streamz. */
export function assertStreamzAvailable(): void {
  const r = spawnSync(PYTHON, ['-c', 'import streamz; print(streamz.__version__)'], {
    encoding: 'utf8',
  });
  if (r.error !== undefined || r.status !== 0) {
    const why = r.error?.message ?? r.stderr.trim().split('\n').pop() ?? `exit status ${r.status}`;
    throw new Error(
      `The differential tests compare the engine with the real streamz, but ${PYTHON} cannot import it ` +
        `(${why}). Install it with: ${APT_COMMAND}`,
    );
  }
}

/** A persistent streamz_runner.py process: one JSON line per batch of cases, one line back. */
export class StreamzProcess {
  private readonly waiting: {
    resolve: (r: Result[]) => void;
    reject: (e: Error) => void;
    timer: NodeJS.Timeout;
  }[] = [];
  private stderr = '';
  private exited: Error | null = null;

  private constructor(private readonly child: ChildProcessWithoutNullStreams) {}

  static async start(): Promise<StreamzProcess> {
    assertStreamzAvailable();
    const child = spawn(PYTHON, [RUNNER], { stdio: ['pipe', 'pipe', 'pipe'] });
    const p = new StreamzProcess(child);
    child.stderr.setEncoding('utf8');
    child.stderr.on('data', (d: string) => {
      p.stderr = (p.stderr + d).slice(-4000);
    });
    const lines = createInterface({ input: child.stdout });
    const ready = new Promise<void>((resolve, reject) => {
      let first = true;
      lines.on('line', (line) => {
        if (first) {
          first = false;
          const hello = JSON.parse(line) as { ready: boolean; error?: string };
          if (hello.ready) resolve();
          else
            reject(
              new Error(
                `streamz_runner.py cannot import streamz (${hello.error}). Install it with: ${APT_COMMAND}`,
              ),
            );
          return;
        }
        const w = p.waiting.shift();
        if (w !== undefined) {
          clearTimeout(w.timer);
          w.resolve(JSON.parse(line) as Result[]);
        }
      });
      child.on('exit', (code, signal) => {
        p.exited = new Error(
          `streamz_runner.py exited (code ${code}, signal ${signal}):\n${p.stderr}`,
        );
        reject(p.exited);
        for (const w of p.waiting.splice(0)) {
          clearTimeout(w.timer);
          w.reject(p.exited);
        }
      });
      child.on('error', (e) => reject(e));
    });
    await ready;
    return p;
  }

  /** Runs a batch; kills the process if streamz has not answered within the time limit. */
  run(cases: readonly Case[]): Promise<Result[]> {
    if (this.exited) return Promise.reject(this.exited);
    const limit = 20_000 + 20 * cases.length;
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        const e = new Error(
          `streamz did not answer within ${limit} ms (a graph blocked in streamz?); killed it. ` +
            `First case of the batch:\n${cases[0] ? describeCase(cases[0]) : ''}`,
        );
        this.exited = e;
        for (const w of this.waiting.splice(0)) {
          clearTimeout(w.timer);
          w.reject(e);
        }
        this.child.kill('SIGKILL');
      }, limit);
      this.waiting.push({ resolve, reject, timer });
      this.child.stdin.write(JSON.stringify(cases) + '\n');
    });
  }

  close(): void {
    this.child.stdin.end();
  }
}

// ------------------------------------------------------------------------------------------------
// The engine side
// ------------------------------------------------------------------------------------------------

/** The engine method each pipeline op calls. */
const METHOD: Record<string, string> = {
  map: 'map',
  starmap: 'starmap',
  filter: 'filter',
  remove: 'remove',
  accumulate: 'accumulate',
  scan: 'scan',
  frequencies: 'frequencies',
  partition: 'partition',
  partitionUnique: 'partitionUnique',
  slidingWindow: 'slidingWindow',
  slice: 'slice',
  pluck: 'pluck',
  flatten: 'flatten',
  concat: 'concat',
  unique: 'unique',
  union: 'union',
  zip: 'zip',
  combineLatest: 'combineLatest',
  zipLatest: 'zipLatest',
  collect: 'collect',
  flush: 'sink',
  sink: 'sink',
};

export const ALL_OPS = Object.keys(METHOD);

/** True when the engine registers the method behind `op` on Stream. */
export function engineHas(op: string): boolean {
  const method = METHOD[op];
  return method !== undefined && typeof (Stream.prototype as any)[method] === 'function';
}

/** The ops among `ops` that the engine does not have yet. */
export function missingOps(ops: readonly string[]): string[] {
  return ops.filter((op) => !engineHas(op));
}

/** Fails with a clear message when the engine lacks one of the operators a test needs. */
export function requireOps(...ops: string[]): void {
  const missing = missingOps(ops);
  if (missing.length > 0) {
    throw new Error(
      `Not implemented in the engine yet: ${missing.map((op) => METHOD[op] ?? op).join(', ')} ` +
        `(not registered on Stream; export it from src/index.ts). The differential case generator is ready for it.`,
    );
  }
}

class MissingOperatorError extends Error {}

function keyParam(spec: KeySpec): unknown {
  return 'fn' in spec ? fn(spec.fn) : spec.index;
}

function buildEngine(
  nodes: readonly NodeSpec[],
  record: (node: number) => (x: unknown) => void,
): Stream<any>[] {
  const built: Stream<any>[] = [];
  nodes.forEach((node, idx) => {
    const ins = (node.in ?? []).map((i) => built[i]!);
    const up = ins[0] as any;
    const op = node.op;
    if (op !== 'source' && !engineHas(op))
      throw new MissingOperatorError(`engine has no ${METHOD[op] ?? op}`);
    let s: any;
    switch (op) {
      case 'source':
        s = new Stream();
        break;
      case 'map':
      case 'starmap':
        s = up[op](fn(node.fn!), ...(node.args ?? []));
        break;
      case 'filter':
        s = up.filter(node.fn == null ? null : fn(node.fn), ...(node.args ?? []));
        break;
      case 'remove':
        s = up.remove(fn(node.fn!));
        break;
      case 'accumulate':
      case 'scan': {
        const options: Record<string, unknown> = {};
        if ('start' in node) options.start = node.start;
        if (node.returnsState !== undefined) options.returnsState = node.returnsState;
        if (node.withState !== undefined) options.withState = node.withState;
        s = up[op](fn(node.fn!), options);
        break;
      }
      case 'frequencies':
        s = up.frequencies();
        break;
      case 'partition': {
        const options: Record<string, unknown> = {};
        if (node.key !== undefined) options.key = keyParam(node.key);
        s = up.partition(node.n, options);
        break;
      }
      case 'partitionUnique': {
        const options: Record<string, unknown> = {};
        if (node.key !== undefined) options.key = keyParam(node.key);
        if (node.keep !== undefined) options.keep = node.keep;
        s = up.partitionUnique(node.n, options);
        break;
      }
      case 'slidingWindow': {
        const options: Record<string, unknown> = {};
        if (node.returnPartial !== undefined) options.returnPartial = node.returnPartial;
        s = up.slidingWindow(node.n, options);
        break;
      }
      case 'slice':
        s = up.slice(node.start ?? null, node.end ?? null, node.step ?? null);
        break;
      case 'pluck':
        s = up.pluck(node.pick);
        break;
      case 'flatten':
      case 'concat':
        s = up[op]();
        break;
      case 'unique': {
        const options: Record<string, unknown> = {};
        if ('maxsize' in node) options.maxsize = node.maxsize;
        if (node.key !== undefined) options.key = keyParam(node.key);
        if (node.hashable !== undefined) options.hashable = node.hashable;
        s = up.unique(options);
        break;
      }
      case 'union':
        s = up.union(...ins.slice(1));
        break;
      case 'zip': {
        const items = node.items!.map((it) => ('ref' in it ? built[it.ref]! : it.lit));
        const head = items[0] as any;
        const lastItem = items[items.length - 1];
        // A trailing plain-object literal would be read as options: pass options after it, as a user must.
        const literalLast =
          items.length > 1 &&
          typeof lastItem === 'object' &&
          lastItem !== null &&
          !Array.isArray(lastItem) &&
          !(lastItem instanceof Stream);
        if (node.maxsize !== undefined) s = head.zip(...items.slice(1), { maxsize: node.maxsize });
        else if (literalLast) s = head.zip(...items.slice(1), {});
        else s = head.zip(...items.slice(1));
        break;
      }
      case 'combineLatest': {
        const options: Record<string, unknown> = {};
        if (node.emitOn !== undefined) {
          const one = (x: EmitOnItem) => (typeof x === 'number' ? x : built[x.node]);
          options.emitOn = Array.isArray(node.emitOn) ? node.emitOn.map(one) : one(node.emitOn);
        }
        s = up.combineLatest(...ins.slice(1), options);
        break;
      }
      case 'zipLatest':
        s = up.zipLatest(...ins.slice(1));
        break;
      case 'collect':
        s = up.collect();
        break;
      case 'flush': {
        const target = built[node.target!] as any;
        s = up.sink((x: unknown) => target.flush(x));
        break;
      }
      case 'sink':
        s =
          node.args !== undefined && node.args.length > 0
            ? up.sink((x: unknown, ...args: unknown[]) => record(idx)([x, ...args]), ...node.args)
            : up.sink(record(idx));
        break;
      default:
        throw new Error(`unknown op ${op}`);
    }
    built.push(s);
  });
  return built;
}

/** Runs a case on the engine, producing the same kind of result as streamz_runner.py. */
export function runEngine(c: Case): Result {
  // Sinks keep what they receive as it is and the log is normalised at the end, so an operator
  // that emits an array and then changes it (a reused buffer) shows up as a difference: streamz
  // emits a new tuple each time.
  const log: [number, number | 'error', unknown][] = [];
  let current = 0;
  let built: Stream<any>[];
  try {
    built = buildEngine(c.pipeline.nodes, (node) => (x) => {
      log.push([current, node, x]);
    });
  } catch (e) {
    if (e instanceof MissingOperatorError) throw e;
    return { build: errorName(e) };
  }
  c.inputs.forEach((input, i) => {
    current = i;
    try {
      if (input[0] === 'connect' || input[0] === 'disconnect') {
        const [action, a, b] = input as Rewire;
        built[a]![action](built[b]!);
        return;
      }
      const [src, value] = input;
      // A fresh copy per element, as Python decodes each from JSON: no sharing between the sides.
      // What emit returns is not compared: streamz returns None in a graph without a loop, while
      // the engine returns a promise wherever streamz would return a Future in an async graph
      // (zip past maxsize, for instance). Only the outputs and the errors are compared.
      const r: unknown = built[src]!.emit(structuredClone(value));
      if (typeof (r as Promise<unknown> | undefined)?.then === 'function')
        (r as Promise<unknown>).then(undefined, () => {});
    } catch (e) {
      if (e instanceof MissingOperatorError) throw e;
      log.push([i, 'error', errorName(e)]);
    }
  });
  return {
    log: log.map(([i, node, x]) => [i, node, node === 'error' ? (x as string) : normalise(x)]),
  };
}

function errorName(e: unknown): string {
  return e instanceof Error ? e.name : `non-Error thrown: ${String(e)}`;
}

/** The JSON form both sides compare: arrays, {"$dict": sorted pairs} for dicts and Maps. */
export function normalise(v: unknown): Json {
  if (v === null || typeof v === 'boolean' || typeof v === 'string') return v;
  if (typeof v === 'number') {
    if (Number.isNaN(v) || !Number.isFinite(v)) return { $js: String(v) };
    return v === 0 ? 0 : v;
  }
  if (v === undefined) return { $js: 'undefined' };
  if (Array.isArray(v)) return v.map(normalise);
  if (v instanceof Map) return dict([...v.entries()]);
  if (
    typeof v === 'object' &&
    (Object.getPrototypeOf(v) === Object.prototype || Object.getPrototypeOf(v) === null)
  ) {
    return dict(Object.entries(v));
  }
  return { $js: Object.prototype.toString.call(v) + ' ' + String(v) };
}

function dict(entries: [unknown, unknown][]): Json {
  const pairs = entries.map(([k, x]) => [normalise(k), normalise(x)] as [Json, Json]);
  const text = (j: Json) => JSON.stringify(j);
  pairs.sort((a, b) => (text(a[0]) < text(b[0]) ? -1 : text(a[0]) > text(b[0]) ? 1 : 0));
  return { $dict: pairs };
}

// ------------------------------------------------------------------------------------------------
// Comparing
// ------------------------------------------------------------------------------------------------

/** A readable one-line-per-node description of a case, for failure messages. */
export function describeCase(c: Case): string {
  const nodes = c.pipeline.nodes
    .map((n, i) => {
      const { op, in: ins, ...params } = n;
      const p = JSON.stringify(params);
      return `  ${i}: ${op}(${(ins ?? []).join(', ')})${p === '{}' ? '' : ' ' + p}`;
    })
    .join('\n');
  const inputs = c.inputs
    .map((input) =>
      input[0] === 'connect' || input[0] === 'disconnect'
        ? `${input[1]}.${input[0]}(${input[2]})`
        : `${input[0]}<-${JSON.stringify(input[1])}`,
    )
    .join(', ');
  return `pipeline:\n${nodes}\ninputs: ${inputs}`;
}

function describeResult(r: Result): string {
  if ('log' in r)
    return r.log.length === 0
      ? '  (nothing)'
      : r.log.map((e) => `  ${JSON.stringify(e)}`).join('\n');
  return '  ' + JSON.stringify(r);
}

/** Throws, with both sides' logs, when the engine's result differs from streamz's. */
export function assertSame(c: Case, expected: Result, actual: Result): void {
  if ('runnerError' in expected)
    throw new Error(
      `streamz_runner.py failed on this case: ${expected.runnerError}\n${describeCase(c)}`,
    );
  if (JSON.stringify(expected) === JSON.stringify(actual)) return;
  throw new Error(
    `engine differs from streamz\n${describeCase(c)}\n` +
      `streamz ([input, sink, value] / [input, "error", type]):\n${describeResult(expected)}\n` +
      `engine:\n${describeResult(actual)}`,
  );
}

// ------------------------------------------------------------------------------------------------
// Driving fast-check
// ------------------------------------------------------------------------------------------------

const RUNS_SCALE = Number(process.env.DIFF_RUNS_SCALE ?? '1');

function seedOf(name: string): number {
  const env = process.env.DIFF_SEED;
  if (env !== undefined && env !== '') return Number(env);
  let h = 2166136261;
  for (let i = 0; i < name.length; i++) h = Math.imul(h ^ name.charCodeAt(i), 16777619);
  return h | 0;
}

/**
 * Checks `numRuns` cases drawn from `arb`. All of them go to Python in one batch first; only when
 * one differs does fast-check shrink it, asking Python about each smaller candidate in turn (still
 * the same process). The failure names the smallest case found, with both logs.
 */
export async function checkDifferential(
  py: StreamzProcess,
  name: string,
  arb: fc.Arbitrary<Case>,
  numRuns: number,
  /** Cases left to another test (a known divergence that has its own test). */
  leaveOut?: (c: Case, expected: Result, actual: Result) => boolean,
): Promise<void> {
  const seed = seedOf(name);
  const runs = Math.max(1, Math.round(numRuns * RUNS_SCALE));
  const cases = fc.sample(arb, { seed, numRuns: runs });
  const results = await py.run(cases);
  const cache = new Map<string, Result>();
  cases.forEach((c, i) => cache.set(JSON.stringify(c), results[i]!));
  let misses = 0;
  let left = 0;
  await fc.assert(
    fc.asyncProperty(arb, async (c) => {
      const key = JSON.stringify(c);
      let expected = cache.get(key);
      if (expected === undefined) {
        misses++;
        expected = (await py.run([c]))[0]!;
      }
      const actual = runEngine(c);
      if (leaveOut?.(c, expected, actual)) {
        left++;
        return;
      }
      assertSame(c, expected, actual);
    }),
    { seed, numRuns: runs },
  );
  if (process.env.DIFF_STATS) {
    const logs = results.flatMap((r) => ('log' in r ? [r.log] : []));
    const outputs = logs.reduce((n, l) => n + l.filter((e) => e[1] !== 'error').length, 0);
    const errors = logs.reduce((n, l) => n + l.filter((e) => e[1] === 'error').length, 0);
    const builds = results.length - logs.length;
    process.stderr.write(
      `[differential] ${name}: ${runs} cases, ${outputs} outputs, ${errors} errors, ${builds} build errors, ${left} left to another test, ${misses} not batched\n`,
    );
  }
}

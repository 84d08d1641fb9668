// Property tests: preview never throws, always stays JSON and within its size bound, and keeps
// plain JSON values that fit as they are.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Preview } from '../protocol/preview.js';
import { PREVIEW_LIMITS, preview, previewSize, previewToText } from './preview.js';

const RUNS = 1000;

const anything = fc.anything({
  maxDepth: 6,
  withBigInt: true,
  withBoxedValues: true,
  withDate: true,
  withMap: true,
  withSet: true,
  withNullPrototype: true,
  withObjectString: true,
  withSparseArray: true,
  withTypedArray: true,
  withUnicodeString: true,
});

class Thing {
  constructor(readonly inner: unknown) {}
}

/**
 * Values fc.anything does not make: cycles, Proxies (revoked ones too), getters, Errors, functions,
 * huge things. Generated as recipes and built inside the property: fast-check itself cannot handle
 * a revoked Proxy among its values.
 */
type Recipe = () => unknown;
const constant = (v: unknown): Recipe => () => v;
const exoticRecipe: fc.Arbitrary<Recipe> = fc.letrec<{ value: Recipe }>((tie) => ({
  value: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    anything.map(constant),
    fc.constantFrom<Recipe>(
      () => NaN,
      () => -Infinity,
      () => -0,
      () => Symbol('s'),
      () => () => 1,
      () => new Date(NaN),
      () => new Error('e'),
      () => Buffer.from('buf'),
      () => new DataView(new ArrayBuffer(8)),
      () => new ArrayBuffer(3),
      () => Promise.resolve(1),
      () => new WeakMap(),
      () => /re/g,
      () => 1n << 70_000n,
      () => new Array(2 ** 32 - 1),
    ),
    fc.string({ minLength: 190, maxLength: 2000, unit: 'binary' }).map(constant),
    fc.array(tie('value'), { maxLength: 40 }).map((rs) => () => rs.map((r) => r())),
    fc.dictionary(fc.string(), tie('value'), { maxKeys: 30 }).map((d) => () => Object.fromEntries(Object.entries(d).map(([k, r]) => [k, r()]))),
    tie('value').map((r) => () => new Thing(r())),
    tie('value').map((r) => () => new Map([[r(), r()]])),
    tie('value').map((r) => () => Object.assign(new TypeError('t'), { detail: r() })),
    tie('value').map((r) => () => new Proxy({ v: r() }, {})),
    tie('value').map((r) => () => {
      const p = Proxy.revocable({ v: r() }, {});
      p.revoke();
      return p.proxy;
    }),
    tie('value').map((r) => () => new Proxy({ v: r() }, { ownKeys: () => { throw new Error('trap'); }, get: () => { throw new Error('trap'); } })),
    tie('value').map((r) => () => ({ v: r(), get boom(): never { throw new Error('getter'); } })),
    tie('value').map((r) => () => {
      const o: Record<string, unknown> = { v: r() };
      o.self = o;
      return o;
    }),
    tie('value').map((r) => () => {
      const a: unknown[] = [r()];
      a.push(a);
      return new Set([a]);
    }),
  ),
})).value;

function isJson(p: unknown): boolean {
  if (p === null || typeof p === 'string' || typeof p === 'boolean') return true;
  if (typeof p === 'number') return Number.isFinite(p) && !Object.is(p, -0);
  if (Array.isArray(p)) return p.every(isJson);
  if (typeof p === 'object') {
    const proto = Object.getPrototypeOf(p);
    return (proto === Object.prototype || proto === null) && Object.values(p).every(isJson);
  }
  return false;
}

const limits = fc.record(
  { depth: fc.integer({ min: 0, max: 8 }), string: fc.integer({ min: 1, max: 500 }), items: fc.integer({ min: 0, max: 50 }), size: fc.integer({ min: 64, max: 8192 }) },
  { requiredKeys: [] },
);

function check(value: unknown, l?: { size?: number }): Preview {
  const start = performance.now();
  const p = preview(value, l);
  expect(performance.now() - start).toBeLessThan(1000);
  expect(previewSize(p)).toBeLessThanOrEqual(l?.size ?? PREVIEW_LIMITS.size);
  expect(isJson(p)).toBe(true);
  expect(JSON.parse(JSON.stringify(p))).toEqual(p);
  const text = previewToText(p, 120);
  expect(text.length).toBeLessThanOrEqual(120);
  return p;
}

describe('preview, property tests', () => {
  it('never throws and stays within its bound on fc.anything()', () => {
    fc.assert(fc.property(anything, (value) => void check(value)), { numRuns: RUNS });
  });

  it('never throws and stays within its bound on exotic values, with any limits', () => {
    fc.assert(fc.property(exoticRecipe, limits, (build, l) => void check(build(), l)), { numRuns: RUNS });
  });

  it('never throws on exotic values with the default limits', () => {
    fc.assert(fc.property(exoticRecipe, (build) => void check(build())), { numRuns: RUNS });
  });

  it('keeps JSON values that fit the limits as they are', () => {
    const small = fc.jsonValue({ maxDepth: 3 }).filter((v) => JSON.stringify(v).length < 1000 && !JSON.stringify(v).includes('"$type"'));
    fc.assert(
      fc.property(small, (value) => {
        const fits = (v: unknown, level: number): boolean =>
          typeof v === 'string'
            ? v.length <= PREVIEW_LIMITS.string
            : Array.isArray(v)
              ? level < PREVIEW_LIMITS.depth && v.length <= PREVIEW_LIMITS.items && v.every((x) => fits(x, level + 1))
              : v !== null && typeof v === 'object'
                ? level < PREVIEW_LIMITS.depth && Object.keys(v).length <= PREVIEW_LIMITS.items && Object.values(v).every((x) => fits(x, level + 1))
                : true;
        fc.pre(fits(value, 0));
        expect(preview(value)).toEqual(JSON.parse(JSON.stringify(value))); // -0 becomes 0
      }),
      { numRuns: RUNS },
    );
  });

  it('previewToText accepts anything JSON-shaped off the wire', () => {
    fc.assert(
      fc.property(fc.jsonValue(), fc.integer({ min: 1, max: 300 }), (p, max) => {
        expect(previewToText(p as Preview, max).length).toBeLessThanOrEqual(Math.max(8, max));
      }),
      { numRuns: RUNS },
    );
  });
});

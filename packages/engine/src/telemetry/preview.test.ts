import vm from 'node:vm';
import { describe, expect, it } from 'vitest';
import type { Preview } from '../protocol/preview.js';
import { PREVIEW_LIMITS, preview, previewSize, previewToText } from './preview.js';

class Point {
  constructor(
    public x: number,
    public y: number,
  ) {}
}

function revoked(): object {
  const r = Proxy.revocable({}, {});
  r.revoke();
  return r.proxy;
}

describe('preview', () => {
  const cases: Array<[string, unknown, Preview]> = [
    ['a number', 1.5, 1.5],
    ['-0', -0, 0],
    ['NaN', NaN, { $type: 'NaN' }],
    ['Infinity', Infinity, { $type: 'Infinity' }],
    ['-Infinity', -Infinity, { $type: '-Infinity' }],
    ['a string', 'hi', 'hi'],
    ['true', true, true],
    ['null', null, null],
    ['undefined', undefined, { $type: 'undefined' }],
    ['a bigint', 12345678901234567890n, { $type: 'bigint', value: '12345678901234567890' }],
    ['a symbol', Symbol('tag'), { $type: 'symbol', value: 'tag' }],
    ['a named function', function double() {}, { $type: 'function', value: 'double' }],
    ['an anonymous function', [() => 1][0], { $type: 'function', value: '(anonymous)' }],
    ['a class', Point, { $type: 'function', value: 'Point' }],
    ['a Date', new Date(0), { $type: 'Date', value: '1970-01-01T00:00:00.000Z' }],
    ['an invalid Date', new Date(NaN), { $type: 'Date', value: 'Invalid Date' }],
    ['a RegExp', /a+b/gi, { $type: 'RegExp', value: '/a+b/gi' }],
    ['a Map', new Map<unknown, unknown>([['a', 1], [{ k: 1 }, [2]]]), { $type: 'Map', length: 2, entries: [['a', 1], [{ k: 1 }, [2]]] }],
    ['a Set', new Set([1, 'x']), { $type: 'Set', length: 2, items: [1, 'x'] }],
    ['a Uint8Array', new Uint8Array([1, 2]), { $type: 'Uint8Array', length: 2, items: [1, 2] }],
    ['a Float64Array', new Float64Array([0.5, NaN]), { $type: 'Float64Array', length: 2, items: [0.5, { $type: 'NaN' }] }],
    ['a BigInt64Array', new BigInt64Array([7n]), { $type: 'BigInt64Array', length: 1, items: [{ $type: 'bigint', value: '7' }] }],
    ['a Buffer', Buffer.from('hi'), { $type: 'Buffer', length: 2, items: [104, 105] }],
    ['an ArrayBuffer', new Uint8Array([9, 8]).buffer, { $type: 'ArrayBuffer', length: 2, items: [9, 8] }],
    ['a DataView', new DataView(new Uint8Array([1, 2, 3, 4]).buffer, 1, 2), { $type: 'DataView', length: 2, items: [2, 3] }],
    ['an Error', new TypeError('bad'), { $type: 'Error', value: 'TypeError: bad' }],
    ['an Error with fields', Object.assign(new Error('io'), { code: 'EIO' }), { $type: 'Error', value: 'Error: io', fields: { code: 'EIO' } }],
    ['an Error with a cause', new Error('outer', { cause: new RangeError('inner') }), { $type: 'Error', value: 'Error: outer', fields: { cause: { $type: 'Error', value: 'RangeError: inner' } } }],
    ['a class instance', new Point(1, 2), { $type: 'Point', fields: { x: 1, y: 2 } }],
    ['an anonymous class instance', new (class {})(), { $type: 'anonymous', fields: {} }],
    ['a null-prototype object', Object.assign(Object.create(null), { a: 1 }), { a: 1 }],
    ['an object with its own $type', { $type: 'Date', value: 'not one' }, { $type: 'Object', fields: { $type: 'Date', value: 'not one' } }],
    ['a __proto__ key', JSON.parse('{"__proto__": 1}'), JSON.parse('{"__proto__": 1}')],
    ['a boxed number', Object(5), { $type: 'Number', value: '5' }],
    ['a boxed string', Object('s'), { $type: 'String', value: 's' }],
    ['a Promise', Promise.resolve(1), { $type: 'Promise', fields: {} }],
    ['a sparse array', [1, , 3], [1, { $type: 'undefined' }, 3]], // eslint-disable-line no-sparse-arrays
    ['a getter, not called', { get g() { throw new Error('called'); }, ok: 1 }, { g: { $type: 'getter' }, ok: 1 }],
    ['a revoked Proxy', revoked(), { $type: 'unreadable', value: "TypeError: Cannot perform 'IsArray' on a proxy that has been revoked" }],
    ['a Proxy whose traps throw', new Proxy({}, { ownKeys() { throw new Error('no keys'); } }), { $type: 'unreadable', value: 'Error: no keys' }],
    ['a Proxy of an array', new Proxy([1, 2], {}), [1, 2]],
  ];

  it.each(cases)('%s', (_name, value, expected) => {
    expect(preview(value)).toEqual(expected);
  });

  it('marks cycles, and shows shared values that are not cycles', () => {
    const a: Record<string, unknown> = { n: 1 };
    a.self = a;
    const shared = { s: 1 };
    expect(preview(a)).toEqual({ n: 1, self: { $type: 'cycle' } });
    expect(preview([shared, shared])).toEqual([{ s: 1 }, { s: 1 }]);
    const m = new Map<string, unknown>();
    m.set('me', m);
    expect(preview(m)).toEqual({ $type: 'Map', length: 1, entries: [['me', { $type: 'cycle' }]] });
  });

  it('keeps the true length of what it cuts', () => {
    expect(preview('x'.repeat(250))).toEqual({ $type: 'truncated', value: 'x'.repeat(200), length: 250 });
    expect(preview(Array.from({ length: 25 }, (_, i) => i))).toEqual({ $type: 'truncated', length: 25, items: Array.from({ length: 20 }, (_, i) => i) });
    expect(preview(new Array(2 ** 32 - 1))).toEqual({ $type: 'truncated', length: 2 ** 32 - 1, items: Array(20).fill({ $type: 'undefined' }) });
    const wide = Object.fromEntries(Array.from({ length: 22 }, (_, i) => [`k${i}`, i]));
    expect(preview(wide)).toEqual({ $type: 'truncated', length: 22, fields: Object.fromEntries(Array.from({ length: 20 }, (_, i) => [`k${i}`, i])) });
    expect(preview(new Set(Array.from({ length: 30 }, (_, i) => i)))).toEqual({ $type: 'Set', length: 30, items: Array.from({ length: 20 }, (_, i) => i) });
  });

  it('does not split a surrogate pair', () => {
    const p = preview('a' + '😀'.repeat(150), { string: 4 }) as { value: string };
    expect(p.value).toBe('a😀');
  });

  it('summarises containers below the depth limit', () => {
    const deep = { a: { b: { c: { d: { e: 1 } } } } };
    expect(preview(deep)).toEqual({ a: { b: { c: { d: { $type: 'truncated', length: 1, fields: {} } } } } });
    expect(preview([[[[[1, 2]]]]])).toEqual([[[[{ $type: 'truncated', length: 2, items: [] }]]]]);
    expect(preview({ m: new Map([[1, 2]]), p: new Point(1, 2) }, { depth: 1 })).toEqual({
      m: { $type: 'Map', length: 1, entries: [] },
      p: { $type: 'Point', length: 2, fields: {} },
    });
    expect(preview({ a: 1 }, { depth: 0 })).toEqual({ $type: 'truncated', length: 1, fields: {} });
  });

  it('recognises values from another realm (a vm context)', () => {
    const value = vm.runInNewContext(
      '({ m: new Map([[1, { a: [1] }]]), d: new Date(0), e: new RangeError("r"), t: new Uint8Array([1]), o: Object.create(null) })',
    );
    expect(preview(value)).toEqual({
      m: { $type: 'Map', length: 1, entries: [[1, { a: [1] }]] },
      d: { $type: 'Date', value: '1970-01-01T00:00:00.000Z' },
      e: { $type: 'Error', value: 'RangeError: r' },
      t: { $type: 'Uint8Array', length: 1, items: [1] },
      o: {},
    });
  });

  it('does not trust Symbol.toStringTag', () => {
    const fake = { [Symbol.toStringTag]: 'Map', a: 1 };
    expect(preview(fake)).toEqual({ a: 1 });
    class FakeDate {
      get [Symbol.toStringTag]() {
        return 'Date';
      }
    }
    expect(preview(new FakeDate())).toEqual({ $type: 'FakeDate', fields: {} });
  });

  it('shows huge bigints in hexadecimal, without the slow decimal conversion', () => {
    const p = preview(1n << 20_000n) as { $type: string; value: string; length: number };
    expect(p.$type).toBe('bigint');
    expect(p.value.startsWith('0x1000')).toBe(true);
    expect(p.length).toBe(2 + 5001);
  });

  it('keeps within the size limit, however big the value', () => {
    const big = Array.from({ length: 50 }, () => Array.from({ length: 50 }, () => ({ s: 'y'.repeat(500), n: [1, 2, 3] })));
    for (const size of [64, 100, 500, 1000, 4096, 10_000]) {
      const p = preview(big, { size });
      expect(previewSize(p)).toBeLessThanOrEqual(size);
    }
    expect(previewSize(preview(big))).toBeLessThanOrEqual(PREVIEW_LIMITS.size);
    expect(previewSize(preview(big))).toBeGreaterThan(PREVIEW_LIMITS.size / 2);
    expect(preview('é'.repeat(5000), { size: 64, string: 5000 })).toEqual({ $type: 'truncated', value: expect.any(String), length: 5000 });
  });

  it('measures size in UTF-8 bytes of JSON', () => {
    expect(previewSize('é')).toBe(4);
    expect(previewSize({ a: [1, null] })).toBe(JSON.stringify({ a: [1, null] }).length);
  });

  it('ignores nonsense limits', () => {
    expect(preview([1, 2, 3], { depth: NaN, items: -5, string: Infinity, size: 1 })).toEqual({ $type: 'truncated', length: 3, items: [] });
    expect(preview('abc', { string: 0 })).toEqual({ $type: 'truncated', value: 'a', length: 3 });
  });
});

describe('previewToText', () => {
  const cases: Array<[unknown, string]> = [
    [{ a: 1, 'b c': 'x' }, '{a: 1, "b c": "x"}'],
    [Array.from({ length: 25 }, (_, i) => i), '[0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19, … 5 more]'],
    [new Map([['a', 1]]), 'Map(1) {"a" => 1}'],
    [new Set([1]), 'Set(1) {1}'],
    [new Date(0), 'Date(1970-01-01T00:00:00.000Z)'],
    [12n, '12n'],
    [new TypeError('boom'), 'TypeError: boom'],
    [function f() {}, 'ƒ f'],
    [Symbol('s'), 'Symbol(s)'],
    [undefined, 'undefined'],
    [NaN, 'NaN'],
    [new Point(1, 2), 'Point {x: 1, y: 2}'],
    [new Uint8Array([1, 2]), 'Uint8Array(2) [1, 2]'],
    ['x'.repeat(250), `"${'x'.repeat(200)}…" (250 chars)`.slice(0, 199) + '…'],
    [{ a: { b: { c: { d: { e: 1 } } } } }, '{a: {b: {c: {d: {… 1 more}}}}}'],
    [{ $type: 'Date' }, '{$type: "Date"}'],
    [{ get g() { return 1; } }, '{g: [Getter]}'],
  ];

  it.each(cases)('renders %s', (value, text) => {
    expect(previewToText(preview(value))).toBe(text);
  });

  it('renders a cycle', () => {
    const a: Record<string, unknown> = {};
    a.a = a;
    expect(previewToText(preview(a))).toBe('{a: [Circular]}');
  });

  it('stays within its length, and accepts malformed previews', () => {
    expect(previewToText(preview(Array.from({ length: 20 }, () => 'abcdefghij')), 40)).toHaveLength(40);
    for (const bad of [{ $type: 'Map', entries: 5 }, { $type: 'truncated' }, { $type: 7 }, { $type: 'Set', items: [[[]]] }, [undefined], { fields: null }]) {
      expect(typeof previewToText(bad as Preview)).toBe('string');
    }
  });
});

import { describe, expect, it } from 'vitest';
import type { ParamSpec } from '../catalog/types.js';
import type { GraphIssue } from './issues.js';
import { nodeParamIssues, paramIssues, paramsBytes } from './params.js';
import { testCatalog } from './validateFixtures.js';

const ctx = { nodeId: 'n1', type: 'op', path: 'nodes.0.params' };
const spec = (s: Partial<ParamSpec> & Pick<ParamSpec, 'kind'>): ParamSpec => ({ name: 'p', label: 'P', doc: '', ...s });
const problem = (code: GraphIssue['code'], text: string, extra: Partial<GraphIssue> = {}): GraphIssue => ({
  code,
  message: `Node "n1" (op): parameter "p" ${text}`,
  nodeId: 'n1',
  param: 'p',
  ...extra,
});

describe('paramIssues', () => {
  const cases: Array<[string, ParamSpec, unknown, GraphIssue[]]> = [
    ['absent, optional', spec({ kind: 'number' }), undefined, []],
    ['absent, required', spec({ kind: 'number', required: true }), undefined, [problem('missing_param', 'is required')]],
    ['null, nullable', spec({ kind: 'function', nullable: true }), null, []],
    ['null, required', spec({ kind: 'integer', required: true }), null, [problem('missing_param', 'is required (null is not allowed)')]],
    ['null, with a default', spec({ kind: 'integer', default: 3 }), null, [problem('invalid_param', 'must not be null; leave it out to use the default 3')]],
    ['number', spec({ kind: 'number' }), 1.5, []],
    ['number: text', spec({ kind: 'number' }), '1', [problem('invalid_param', 'must be a number, got "1" (text)')]],
    ['number: NaN', spec({ kind: 'number' }), NaN, [problem('invalid_param', 'must be a number, got NaN')]],
    ['number: Infinity', spec({ kind: 'number' }), Infinity, [problem('invalid_param', 'must be a number, got Infinity')]],
    ['number: below min', spec({ kind: 'number', min: 0 }), -0.5, [problem('out_of_range', 'must be at least 0, got -0.5')]],
    ['number: above max', spec({ kind: 'number', max: 1 }), 2, [problem('out_of_range', 'must be at most 1, got 2')]],
    ['integer', spec({ kind: 'integer', min: 1, max: 3 }), 3, []],
    ['integer: fraction', spec({ kind: 'integer' }), 2.5, [problem('invalid_param', 'must be a whole number, got 2.5')]],
    ['integer: unsafe', spec({ kind: 'integer' }), 2 ** 60, [problem('invalid_param', `must be a whole number, got ${2 ** 60}`)]],
    ['integer: out of range', spec({ kind: 'integer', min: 1, max: 3 }), 4, [problem('out_of_range', 'must be between 1 and 3, got 4')]],
    ['duration', spec({ kind: 'duration' }), 0, []],
    ['duration: negative', spec({ kind: 'duration' }), -1, [problem('out_of_range', 'must be 0 ms or more, got -1 ms')]],
    ['duration: min', spec({ kind: 'duration', min: 10 }), 5, [problem('out_of_range', 'must be at least 10 ms, got 5 ms')]],
    ['duration: text', spec({ kind: 'duration' }), '1s', [problem('invalid_param', 'must be a duration in milliseconds (a number), got "1s" (text)')]],
    ['boolean', spec({ kind: 'boolean' }), false, []],
    ['boolean: number', spec({ kind: 'boolean' }), 0, [problem('invalid_param', 'must be true or false, got 0')]],
    ['string', spec({ kind: 'string', min: 1, max: 3 }), 'abc', []],
    ['string: empty', spec({ kind: 'string', min: 1 }), '', [problem('out_of_range', 'must not be empty')]],
    ['string: short', spec({ kind: 'string', min: 2 }), 'a', [problem('out_of_range', 'must have at least 2 characters, got 1')]],
    ['string: long', spec({ kind: 'string', max: 2 }), 'abc', [problem('out_of_range', 'must have at most 2 characters, got 3')]],
    ['string: object', spec({ kind: 'string' }), {}, [problem('invalid_param', 'must be text, got an object')]],
    ['enum', spec({ kind: 'enum', options: ['a', 'b'] }), 'b', []],
    ['enum: other', spec({ kind: 'enum', options: ['a', 'b', 'c'] }), 'd', [problem('invalid_param', 'must be one of "a", "b" or "c", got "d" (text)')]],
    ['function', spec({ kind: 'function' }), 'x => x', []],
    ['function: a value', spec({ kind: 'function', signature: '(x) => y' }), () => 1, [problem('invalid_param', 'must be the source text of a function (x) => y, got a function value (write its source text instead)')]],
    ['function: blank, required', spec({ kind: 'function', required: true }), '  ', [problem('missing_param', 'is required')]],
    ['function: syntax', spec({ kind: 'function' }), 'x => (', [problem('function_syntax', 'does not parse: unexpected token at line 1, column 7', { line: 1, column: 7 })]],
    ['function: not one', spec({ kind: 'function' }), 'x', [problem('not_a_function', 'is not a function: write one function expression such as x => x * 2 or function (x) { return x }', { line: 1, column: 1 })]],
    ['function: too long', spec({ kind: 'function', max: 5 }), 'x => x * 2', [problem('out_of_range', 'must have at most 5 characters, got 10')]],
    ['json', spec({ kind: 'json' }), { a: [1, 'b', null, true, { c: -1 }] }, []],
    ['json: undefined member is left out', spec({ kind: 'json' }), { a: undefined }, []],
    ['json: in a list', spec({ kind: 'json' }), [1, undefined], [problem('invalid_param', 'must be a JSON value: undefined is not JSON at 1', { path: 'nodes.0.params.p.1' })]],
    ['json: a Map', spec({ kind: 'json' }), { m: new Map() }, [problem('invalid_param', 'must be a JSON value: a Map is not JSON at m', { path: 'nodes.0.params.p.m' })]],
    ['json: a bigint', spec({ kind: 'json' }), 1n, [problem('invalid_param', 'must be a JSON value: the big integer 1 is not JSON')]],
    ['json: null-prototype object', spec({ kind: 'json' }), Object.assign(Object.create(null), { a: 1 }), []],
    ['json: too deep', spec({ kind: 'json' }), deep(300), [problem('invalid_param', `must be a JSON value: nested more than 200 levels deep at ${Array(200).fill('0').join('.')}`, { path: `nodes.0.params.p.${Array(200).fill('0').join('.')}` })]],
    ['list', spec({ kind: 'list', items: 'integer', min: 1 }), [1, 2], []],
    ['list: not a list', spec({ kind: 'list', items: 'number' }), 5, [problem('invalid_param', 'must be a list of numbers, got 5')]],
    ['list: too short', spec({ kind: 'list', min: 2 }), [1], [problem('out_of_range', 'must have at least 2 items, got 1')]],
    ['list: too long', spec({ kind: 'list', max: 1 }), [1, 2], [problem('out_of_range', 'must have at most 1 item, got 2')]],
    ['list: bad items', spec({ kind: 'list', items: 'string' }), ['a', 1, 'b', null], [
      problem('invalid_param', 'item 1 must be text, got 1', { path: 'nodes.0.params.p.1' }),
      problem('invalid_param', 'item 3 must be text, got null', { path: 'nodes.0.params.p.3' }),
    ]],
  ];

  it.each(cases)('%s', (_name, s, value, expected) => {
    expect(paramIssues(ctx, s, value)).toEqual(expected);
  });

  it('lists ten bad items, then how many more', () => {
    const issues = paramIssues(ctx, spec({ kind: 'list', items: 'number' }), Array(25).fill('x'));
    expect(issues).toHaveLength(11);
    expect(issues[10]).toEqual(problem('invalid_param', 'has 15 more invalid items'));
  });

  it('never throws on a value that fights being read', () => {
    const revoked = Proxy.revocable([], {});
    revoked.revoke();
    for (const kind of ['list', 'json', 'string'] as const) {
      expect(() => paramIssues(ctx, spec({ kind }), revoked.proxy)).not.toThrow();
      expect(paramIssues(ctx, spec({ kind }), revoked.proxy)).toHaveLength(1);
    }
  });
});

describe('nodeParamIssues', () => {
  const zip = testCatalog.find((d) => d.type === 'zip')!;

  it('reports unknown parameters, suggesting the closest name', () => {
    expect(nodeParamIssues({ nodeId: 'z', type: 'zip' }, zip, { maxsiz: 3, colour: 1 })).toEqual([
      { code: 'unknown_param', message: 'Node "z" (zip): unknown parameter "maxsiz"; did you mean "maxsize"?', nodeId: 'z', param: 'maxsiz' },
      { code: 'unknown_param', message: 'Node "z" (zip): unknown parameter "colour"; it takes "maxsize"', nodeId: 'z', param: 'colour' },
    ]);
  });

  it('does not take inherited names for parameters', () => {
    expect(nodeParamIssues({ nodeId: 'z', type: 'zip' }, zip, Object.create({ maxsize: 'x' }))).toEqual([]);
  });
});

describe('paramsBytes', () => {
  it('measures JSON in UTF-8 bytes', () => {
    expect(paramsBytes({ a: 'é' }, 100)).toBe(JSON.stringify({ a: 'é' }).length + 1);
    expect(paramsBytes({}, 100)).toBe(2);
  });

  it('stops early on a huge value, and gives up on cycles', () => {
    expect(paramsBytes({ a: new Array(1e9) }, 1000)).toBe(1001);
    expect(paramsBytes({ a: 'x'.repeat(2000) }, 1000)).toBe(1001);
    expect(paramsBytes(deep(100_000), 1000)).toBe(1001);
    const cyclic: Record<string, unknown> = {};
    cyclic.self = cyclic;
    expect(paramsBytes(cyclic, 1000)).toBeUndefined();
  });
});

function deep(levels: number): unknown {
  let value: unknown = 0;
  for (let i = 0; i < levels; i++) value = [value];
  return value;
}

describe('nodeParamIssues and JSON', () => {
  it('treats a parameter set to undefined as absent, as JSON would', () => {
    const map = testCatalog.find((d) => d.type === 'map')!;
    const params = { func: 'x => x', stray: undefined };
    expect(nodeParamIssues({ nodeId: 'm', type: 'map' }, map, params)).toEqual(
      nodeParamIssues({ nodeId: 'm', type: 'map' }, map, JSON.parse(JSON.stringify(params))),
    );
  });
});

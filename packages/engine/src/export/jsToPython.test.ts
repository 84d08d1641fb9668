// The JavaScript → Python translator: what it writes for each construct, what it refuses, and that
// the Python computes the same values as the JavaScript (both run, outputs compared as JSON text).
import { execFileSync, spawnSync } from 'node:child_process';
import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import { jsonLine } from '../sinks/log.js';
import { translateFunction } from './jsToPython.js';
import { pythonHelpers } from './pythonRuntime.js';

const PYTHON = process.env.STREAMZ_PYTHON || '/usr/bin/python3';

/** JavaScript → the Python expected, exactly. */
const TABLE: [string, string][] = [
  // arithmetic: numbers stay numbers; % follows the dividend's sign; ** keeps ints for small powers
  ['x => x * 2', 'lambda x: x * 2'],
  ['(acc, x) => acc + x', 'lambda acc, x: acc + x'],
  ['x => x / 2', 'lambda x: x / 2'],
  ['x => x % 3', 'lambda x: math.fmod(x, 3)'],
  ['x => x % 2 === 0', 'lambda x: x % 2 == 0'],
  ['x => x % 2 !== 0', 'lambda x: x % 2 != 0'],
  ['x => x ** 2', 'lambda x: x ** 2'],
  ['x => 2 ** -x', 'lambda x: math.pow(2, -x)'],
  ['x => (-x) ** 2', 'lambda x: (-x) ** 2'],
  ['(a, b) => a - (b - 1)', 'lambda a, b: a - (b - 1)'],
  ['(a, b) => (a + b) * 2', 'lambda a, b: (a + b) * 2'],
  ['x => -x', 'lambda x: -x'],
  ['x => +x', 'lambda x: js_number(x)'],
  ['x => x * -1.5', 'lambda x: x * -1.5'],
  ['() => 5.0', 'lambda: 5'],
  ['() => 1e21', 'lambda: 1e+21'],
  ['x => Math.floor(x / 3)', 'lambda x: math.floor(x / 3)'],
  ['x => Math.round(x)', 'lambda x: js_round(x)'],
  ['x => Math.max(x, 0)', 'lambda x: max(x, 0)'],
  ['xs => Math.max(...xs)', 'lambda xs: max(xs)'],
  ['x => Math.abs(x) + Math.sqrt(x)', 'lambda x: abs(x) + math.sqrt(x)'],
  ['() => Math.PI * 2', 'lambda: math.pi * 2'],
  ['() => Number.MAX_SAFE_INTEGER', 'lambda: 9007199254740991'],
  // strings: + with a string converts the other side as JavaScript prints it
  ['x => `n=${x}!`', 'lambda x: "n=" + js_str(x) + "!"'],
  ["x => 'a' + x", 'lambda x: "a" + js_str(x)'],
  ['x => x + 1 + "a"', 'lambda x: js_str(x + 1) + "a"'],
  ['s => s.toUpperCase().trim()', 'lambda s: s.upper().strip()'],
  ["s => s.split(',')", 'lambda s: tuple(s.split(","))'],
  ["s => s.replace('a', 'b')", 'lambda s: s.replace("a", "b", 1)'],
  ["s => s.replaceAll('a', 'b')", 'lambda s: s.replace("a", "b")'],
  ["s => s.startsWith('a')", 'lambda s: s.startswith("a")'],
  ["s => s.includes('a')", 'lambda s: "a" in s'],
  ['s => s.length', 'lambda s: js_len(s)'],
  ["s => s.padStart(5, '0')", 'lambda s: js_pad(s, 5, "0")'],
  ['x => x.toFixed(2)', 'lambda x: js_to_fixed(x, 2)'],
  ['x => String(x)', 'lambda x: js_str(x)'],
  ['x => JSON.stringify(x)', 'lambda x: js_json(x)'],
  // comparisons and logic: JavaScript's truthiness, identity for booleans, nullish checks
  ['x => x > 1 && x < 5', 'lambda x: x > 1 and x < 5'],
  ['x => (x > 1 && x < 5) || x === 10', 'lambda x: x > 1 and x < 5 or x == 10'],
  ['x => x === true', 'lambda x: x is True'],
  ['x => x == null', 'lambda x: x is None'],
  ['x => x !== undefined', 'lambda x: x is not None'],
  ['x => !x', 'lambda x: not js_truthy(x)'],
  ['x => x ? 1 : 2', 'lambda x: 1 if js_truthy(x) else 2'],
  ['x => x > 0 ? "pos" : x < 0 ? "neg" : "zero"', 'lambda x: "pos" if x > 0 else "neg" if x < 0 else "zero"'],
  ['x => x || 1', 'lambda x: x if js_truthy(x) else 1'],
  ['x => x.a || 1', 'lambda x: t if js_truthy(t := x.get("a")) else 1'],
  ['x => x && x.v', 'lambda x: x["v"] if js_truthy(x) else x'],
  ['x => x ?? 0', 'lambda x: x if x is not None else 0'],
  ['x => x.a ?? 0', 'lambda x: t if (t := x.get("a")) is not None else 0'],
  ['x => typeof x === "number"', 'lambda x: js_typeof(x) == "number"'],
  // data: arrays are tuples, objects dicts (keys in JavaScript's order)
  ['x => [x, x * 2]', 'lambda x: (x, x * 2)'],
  ['x => [x]', 'lambda x: (x,)'],
  ['() => []', 'lambda: ()'],
  ['x => ({ b: x, a: 1, 2: 3, 1: 0 })', 'lambda x: {"1": 0, "2": 3, "b": x, "a": 1}'],
  ['x => ({ ...x, v: 1 })', 'lambda x: {**x, "v": 1}'],
  ['x => ({ [x.k]: 1 })', 'lambda x: {js_str(x["k"]): 1}'],
  ['x => x.name', 'lambda x: x["name"]'],
  ['x => x["a-b"]', 'lambda x: x["a-b"]'],
  ['x => x.a.b[0]', 'lambda x: x["a"]["b"][0]'],
  ['w => w[w.length - 1]', 'lambda w: w[-1]'],
  ['(w, i) => w[i]', 'lambda w, i: js_get(w, i)'],
  ['x => x?.a?.b', 'lambda x: None if x is None else None if (t := x.get("a")) is None else t.get("b")'],
  ['w => w.length', 'lambda w: js_len(w)'],
  ['w => [...w]', 'lambda w: tuple(js_iter(w))'],
  ['w => [...w.map(v => v)]', 'lambda w: tuple(tuple(v for v in w))'],
  ['(a, b) => [...a, ...b]', 'lambda a, b: (*js_iter(a), *js_iter(b))'],
  // array methods: comprehensions, reduce, sorting copies
  ['xs => xs.map(v => v * 2)', 'lambda xs: tuple(v * 2 for v in xs)'],
  ['xs => xs.map((v, i) => v * i)', 'lambda xs: tuple(v * i for i, v in enumerate(xs))'],
  ['xs => xs.filter(v => v > 0)', 'lambda xs: tuple(v for v in xs if v > 0)'],
  ['xs => xs.filter(Boolean)', 'lambda xs: tuple(v for v in xs if js_truthy(v))'],
  ["s => s.split(',').map(Number)", 'lambda s: tuple(js_number(v) for v in tuple(s.split(",")))'],
  ['xs => xs.some(v => v < 0)', 'lambda xs: any(v < 0 for v in xs)'],
  ['xs => xs.every(v => v < 0)', 'lambda xs: all(v < 0 for v in xs)'],
  ['xs => xs.find(v => v > 1)', 'lambda xs: next((v for v in xs if v > 1), None)'],
  ['xs => xs.findIndex(v => v > 1)', 'lambda xs: next((t for t, v in enumerate(xs) if v > 1), -1)'],
  ['xs => xs.reduce((a, b) => a + b, 0)', 'lambda xs: functools.reduce(lambda a, b: a + b, xs, 0)'],
  ['xs => [...xs].sort((a, b) => a - b)', 'lambda xs: tuple(sorted(tuple(js_iter(xs))))'],
  ['xs => xs.toSorted((a, b) => b - a)', 'lambda xs: tuple(sorted(xs, reverse=True))'],
  ['xs => xs.toSorted()', 'lambda xs: tuple(sorted(xs, key=js_str))'],
  ['xs => xs.toSorted((a, b) => a.v - b.v)', 'lambda xs: tuple(sorted(xs, key=functools.cmp_to_key(lambda a, b: a["v"] - b["v"])))'],
  ["xs => xs.join('-')", 'lambda xs: js_join(xs, "-")'],
  ['xs => xs.slice(1, -1)', 'lambda xs: js_slice(xs, 1, -1)'],
  ['xs => xs.includes(3)', 'lambda xs: 3 in xs'],
  ['xs => xs.indexOf(3)', 'lambda xs: js_index_of(xs, 3)'],
  ['x => [1, 2].includes(x)', 'lambda x: x in (1, 2)'],
  ['o => Object.keys(o)', 'lambda o: tuple(o)'],
  ['o => Object.entries(o)', 'lambda o: tuple(o.items())'],
  ['x => Array.isArray(x)', 'lambda x: isinstance(x, (list, tuple))'],
  ['() => Date.now()', 'lambda: time.time_ns() // 1000000'],
  ['x => console.log(`v ${x}`)', 'lambda x: print("v " + js_str(x))'],
  // names Python reserves are renamed
  ['(len, str) => len + str', 'lambda len_, str_: len_ + str_'],
  ['(lambda, $x) => lambda * $x', 'lambda lambda_, _Sx: lambda_ * _Sx'],
  ['x => [1].map(x => x + 1)', 'lambda x: tuple(x_2 + 1 for x_2 in (1,))'],
  ['(x, k = 2) => x * k', 'lambda x, k=2: x * k'],
  ['(...xs) => xs.length', 'lambda *xs: len(xs)'],
  // statements become a def
  [
    'x => { const y = x * 2; if (y > 3) { return y; } else if (y < 0) return 0; return -y; }',
    'def f(x):\n    y = x * 2\n    if y > 3:\n        return y\n    elif y < 0:\n        return 0\n    return -y',
  ],
  [
    'function (xs) { let s = 0; for (const v of xs) { if (v < 0) continue; s += v; } return s; }',
    'def f(xs):\n    s = 0\n    for v in js_iter(xs):\n        if v < 0:\n            continue\n        s = s + v\n    return s',
  ],
  [
    'm => { let n = 0; for (const [k, v] of Object.entries(m)) n += v; return n; }',
    'def f(m):\n    n = 0\n    for k, v in tuple(m.items()):\n        n = n + v\n    return n',
  ],
  ['({ a, b }) => a + b', 'def f(arg):\n    a = arg["a"]\n    b = arg["b"]\n    return a + b'],
  ['([a, b]) => a * b', 'def f(arg):\n    a = arg[0]\n    b = arg[1]\n    return a * b'],
  ['x => { let n = 0; while (n < x) n++; return n; }', 'def f(x):\n    n = 0\n    while n < x:\n        n += 1\n    return n'],
  ['x => { console.log(x + 1); }', 'def f(x):\n    print(js_str(x + 1))'],
  ['x => { return x * 2; }', 'lambda x: x * 2'],
];

/** JavaScript that must be refused, and (part of) the reason given. */
const REFUSALS: [string, string][] = [
  ['x => x.push(1)', '.push()'],
  ['xs => xs.sort()', 'sorts an array in place'],
  ['x => x | 0', 'the | operator'],
  ['x => x << 1', 'the << operator'],
  ['x => new Date(x)', 'new'],
  ['x => x == 1', 'uses =='],
  ['x => x != "a"', 'uses !='],
  ['x => /a/.test(x)', 'regular expression'],
  ['x => x + [1]', 'adds a value that is not a number or a string'],
  ['x => "a" * x', 'arithmetic on a value that is not a number'],
  ['x => [x] === [x]', 'compares arrays or objects'],
  ['x => "a" < 1', 'compares values of different kinds'],
  ['x => y', "'y', which is neither a parameter nor a local variable"],
  ['x => this.x', 'this'],
  ['x => (x = 1)', 'an assignment'],
  ['x => x++', 'the ++ or -- operator'],
  ['x => (x, 1)', 'the comma operator'],
  ['x => { for (let i = 0; i < 3; i++) {} return x; }', 'for (;;) loop'],
  ['x => { throw new Error(x) }', 'throw statement'],
  ['async x => x', 'async'],
  ['x => x.map(f)', 'callback that is not an inline function'],
  ['x => x.replace("a", "$&")', '$ patterns'],
  ["s => s.split('')", "split('')"],
  ['x => parseInt(x)', 'parseInt()'],
  ['x => x?.()', 'optional chain'],
  ['x => 10n', 'BigInt'],
  ['x => [1, , 2]', 'holes'],
  ['x => { const y = 1; y = 2; return y; }', "assigns 'y'"],
  ['x => x.toString(16)', 'arguments that are not translated'],
  ['x => console.log(x)', 'logs a value whose kind is unknown'],
  ['42', 'not a function expression'],
  ['x =>', 'does not parse'],
];

/** Functions and inputs: the Python must print what the JavaScript prints (JSON lines). */
const SEMANTICS: [string, unknown[]][] = [
  ['x => x % 3', [7, -7, 6, -6, 2.5, -2.5]],
  ['x => x % 2 === 1', [3, -3, 4]],
  ['x => x / 4', [8, 6, -2, 0]],
  ['x => x * 0.1 * 3', [1, 7]],
  ['x => 2 ** x', [3, -2, 0.5]],
  ['x => x ** 2', [3, -1.5, 1e10]],
  ['x => Math.round(x)', [2.5, -2.5, 0.49999999999999994, -0.5, 3.7]],
  ['x => Math.floor(x / 3)', [7, -7, 9]],
  ['x => Math.sign(x)', [3, -2, 0]],
  ['x => `n=${x}`', [1, 1.5, 2 / 1, 1e21, 1e-7, 0.000001, -0, null, true, [1, 2, null], { a: 1 }, 'txt']],
  ["x => 'v' + x", [3, 'a', false]],
  ['x => x + 1 + "a"', [1, 2.5]],
  ['x => x.toFixed(2)', [1.005, 2.5, -1.5, 1e21, 0, 123.456, -0.004]],
  ['x => x.toFixed(0)', [0.5, 1.5, 2.5, -2.5]],
  ['x => String(x)', [123456789012345680000, 0.1 + 0.2, 5e-324]],
  ['x => Number(x)', ['12', ' 3.5 ', '', 'abc', '0x1f', null, true, '1e3', '-Infinity']],
  ['x => !x', [0, 1, '', 'a', [], {}, null]],
  ['x => x ? "t" : "f"', [0, 1, '', 'a', [], {}, null, [0]]],
  ['x => x || "default"', [0, 7, '', 'a', [], null]],
  ['x => x && x.v', [null, { v: 2 }, 0]],
  ['x => x.a ?? "none"', [{ a: 1 }, { a: null }, {}, { a: 0 }]],
  ['x => x?.a?.b', [null, {}, { a: null }, { a: { b: 3 } }]],
  ['x => x === true', [true, 1, false]],
  ['x => x === 1', [1, 1.0, 2]],
  ['x => x == null', [null, 0, '']],
  ['s => s.length', ['abc', 'x😀y', '', 'Été']],
  ['s => s.slice(1, 3)', ['abcdef', 'x😀y', '😀😀']],
  ['s => s.charAt(1)', ['abc', '😀a', '']],
  ['s => s.indexOf("b")', ['abc', '😀b', 'xyz']],
  ["s => s.padStart(5, '*')", ['ab', 'abcdef', '😀']],
  ["s => s.padEnd(4, 'xy')", ['a', 'abcd']],
  ['s => s.toUpperCase()', ['straße', 'abc']],
  ["s => s.split(' ')", ['a b  c', '', 'x']],
  ["s => s.replace('l', 'L')", ['hello', 'abc']],
  ['s => s.at(-1)', ['abc', '']],
  ['x => typeof x', [1, 'a', true, null, [1], {}]],
  ['x => ({ b: x, a: 1, 2: 3, 1: 0 })', [5]],
  ['x => ({ [x]: 1, z: 2 })', [3, 'k', 1.5]],
  ['x => [x, [x, { k: x }]]', [1.0, 'a']],
  ['w => w[w.length - 1]', [[1, 2, 3], ['a']]],
  ['(w, i) => w[i]', []],
  ['w => w.map((v, i) => v * i)', [[1, 2, 3]]],
  ['w => w.reduce((a, b) => a + b, 0)', [[1, 2.5, 3], []]],
  ['w => w.reduce((a, b) => a + b)', [[1, 2, 3]]],
  ['w => [...w].sort((a, b) => a - b)', [[3, 1, 2, -1]]],
  ['w => w.toSorted()', [[10, 9, 1, 100]]],
  ['w => w.toSorted((a, b) => b.v - a.v)', [[{ v: 1, i: 0 }, { v: 2, i: 1 }, { v: 1, i: 2 }]]],
  ["w => w.join('-')", [[1, null, 'a', 2.5]]],
  ['w => w.slice(-2)', [[1, 2, 3]]],
  ['w => w.indexOf(2)', [[1, 2, 3], [true, 1], [1, true]]],
  ['w => w.findIndex(v => v > 1)', [[0, 1, 2, 3], [0]]],
  ['w => w.find(v => v > 1)', [[0, 1, 2, 3], [0]]],
  ['w => Math.max(...w)', [[1, 5, 3]]],
  ['w => w.length', [[1, 2], []]],
  ['o => Object.entries(o)', [{ a: 1, b: [2] }]],
  ['x => JSON.stringify(x)', [[1, 'a', null, 1.5], { k: 2 }]],
  ['(x, k = 2) => x * k', [3]],
  [
    'function (xs) { let s = 0; for (const v of xs) { if (v < 0) continue; s += v; } return s; }',
    [[1, -2, 3], []],
  ],
  ['({ a, b }) => a + b', [{ a: 1, b: 2 }, { a: 'x', b: 'y' }]],
  ['x => { const y = x * 2; if (y > 3) { return y; } return -y; }', [1, 5]],
  ['x => { let t = ""; for (const c of x) t = c + t; return t; }', ['abc', 'x😀y']],
];

function translated(js: string): string {
  const r = translateFunction(js, { defName: 'f' });
  return r.ok ? (r.fn.definition ?? r.fn.expression) : 'REFUSED';
}

describe('translateFunction: what it writes', () => {
  it.each(TABLE)('%s', (js, expected) => {
    expect(translated(js)).toBe(expected);
  });

  it('reports the helpers and modules it uses', () => {
    const r = translateFunction('x => Math.floor(`${x}`.length / 2) % 3', { defName: 'f' });
    expect(r.ok && r.fn.helpers).toEqual(['js_len', 'js_str']);
    expect(r.ok && r.fn.modules).toEqual(['math']);
  });
});

describe('translateFunction: what it refuses', () => {
  it.each(REFUSALS)('%s', (js, reason) => {
    const r = translateFunction(js);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.reason).toContain(reason);
  });

  it('points at the construct it refuses', () => {
    const r = translateFunction('x => {\n  return x.push(1);\n}');
    expect(r).toMatchObject({ ok: false, line: 2, column: 10 });
  });
});

// ---- semantics: the same values in Node and in Python ---------------------------------------------

interface Run {
  fn: string;
  inputs: unknown[][];
}

/** JSON text of what each call gives, or `!Name` for an exception. */
function runJs(run: Run): string[] {
  const f = new Function(`return (${run.fn});`)() as (...a: unknown[]) => unknown;
  return run.inputs.map((args) => {
    try {
      return jsonLine(f(...structuredClone(args)));
    } catch (error) {
      return `!${(error as Error).name}`;
    }
  });
}

/** One Python program running every translated function on its inputs. */
function runPython(runs: Run[]): string[][] {
  const helpers = pythonHelpers(['js_iter', 'js_json', 'js_str', 'js_truthy', 'js_len', 'js_get', 'js_slice', 'js_char_at', 'js_at',
    'js_index_of', 'js_join', 'js_pad', 'js_round', 'js_sign', 'js_to_fixed', 'js_typeof', 'js_number', 'js_is_integer']);
  const lines = [
    'import functools, json, math, random, re, sys, time, decimal',
    helpers.source,
    'def tup(v):',
    '    if isinstance(v, list): return tuple(tup(x) for x in v)',
    '    if isinstance(v, dict): return {k: tup(x) for k, x in v.items()}',
    '    return v',
    'def call(f, args):',
    '    try:',
    '        return js_json(f(*tup(args)))',
    '    except Exception as e:',
    '        return "!" + type(e).__name__',
    'def report(f, inputs):',
    '    print(json.dumps([call(f, a) for a in json.loads(inputs)]))',
  ];
  runs.forEach((run, k) => {
    const r = translateFunction(run.fn, { defName: `f${k}` });
    if (!r.ok) throw new Error(`${run.fn} was refused: ${r.reason}`);
    if (r.fn.definition) lines.push(r.fn.definition);
    lines.push(`report(${r.fn.definition ? `f${k}` : r.fn.expression}, ${JSON.stringify(JSON.stringify(run.inputs))})`);
  });
  const out = execFileSync(PYTHON, ['-'], { input: lines.join('\n'), encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
  return out.trim().split('\n').map((l) => JSON.parse(l) as string[]);
}

describe('translated functions compute what the JavaScript computes', () => {
  const runs: Run[] = SEMANTICS.filter(([, inputs]) => inputs.length > 0).map(([fn, inputs]) => ({
    fn,
    // A function of one parameter gets each input; a function of several, each input spread.
    inputs: inputs.map((x) => (fn.startsWith('(') && !fn.startsWith('({') && fn.includes(',') && Array.isArray(x) ? x : [x])),
  }));
  runs.push({ fn: '(w, i) => w[i]', inputs: [[[1, 2], 1], [[1, 2], 5], [[1, 2], -1], ['a😀', 1], [{ 1: 'one' }, 1], [[1, 2], 1.0]] });
  let python: string[][];

  beforeAll(() => {
    python = runPython(runs);
  });

  it.each(runs.map((r, k) => [r.fn, r, k] as const))('%s', (_fn, run, k) => {
    expect(python[k]).toEqual(runJs(run));
  });
});

// Not in the property: `**` and Math's transcendental functions on fractions, whose last digit may
// differ between V8 (fdlibm) and CPython (the C library); integer powers of integers are exact.
describe('a property: random arithmetic, comparisons and logic over numbers', () => {
  /**
   * A random expression over the numbers x and y, as JavaScript source: numbers, booleans and
   * strings each used as JavaScript intends (arithmetic on numbers, + on strings, conditions on
   * anything), which is what the translation promises to keep exactly.
   */
  const { num, bool, str } = fc.letrec((tie) => {
    const num = tie('num') as fc.Arbitrary<string>;
    const bool = tie('bool') as fc.Arbitrary<string>;
    const str = tie('str') as fc.Arbitrary<string>;
    const any = fc.oneof(num, bool, str);
    return {
      num: fc.oneof(
        { depthSize: 'small', withCrossShrink: true },
        fc.oneof(
          fc.constantFrom('x', 'y', '0', '1', '2', '3', '0.5', '-1', '10', '1e-7', '1e21', '0.1'),
          fc.integer({ min: -20, max: 20 }).map(String),
        ),
        fc.tuple(num, fc.constantFrom('+', '-', '*', '/', '%'), num).map(([a, op, b]) => `(${a} ${op} ${b})`),
        fc.tuple(any, num, num).map(([a, b, c]) => `(${a} ? ${b} : ${c})`),
        fc.tuple(num, fc.constantFrom('&&', '||', '??'), num).map(([a, op, b]) => `(${a} ${op} ${b})`),
        num.map((a) => `(- ${a})`),
        fc.tuple(fc.constantFrom('floor', 'ceil', 'abs', 'round', 'trunc', 'sign'), num).map(([f, a]) => `Math.${f}(${a})`),
        fc.tuple(fc.constantFrom('min', 'max'), num, num).map(([f, a, b]) => `Math.${f}(${a}, ${b})`),
        fc.tuple(num, fc.integer({ min: 0, max: 4 })).map(([a, d]) => `Number((${a}).toFixed(${d}))`),
      ),
      bool: fc.oneof(
        { depthSize: 'small', withCrossShrink: true },
        fc.constantFrom('true', 'false'),
        fc.tuple(num, fc.constantFrom('<', '<=', '===', '!==', '>', '>='), num).map(([a, op, b]) => `(${a} ${op} ${b})`),
        fc.tuple(str, fc.constantFrom('===', '!==', '<'), str).map(([a, op, b]) => `(${a} ${op} ${b})`),
        fc.tuple(bool, fc.constantFrom('&&', '||', '===', '!=='), bool).map(([a, op, b]) => `(${a} ${op} ${b})`),
        any.map((a) => `(!${a})`),
        fc.tuple(any, bool, bool).map(([a, b, c]) => `(${a} ? ${b} : ${c})`),
      ),
      str: fc.oneof(
        { depthSize: 'small', withCrossShrink: true },
        fc.constantFrom('""', '"a"', '"é😀"'),
        any.map((a) => `\`[\${${a}}]\``),
        fc.tuple(str, any).map(([a, b]) => `(${a} + ${b})`),
        fc.tuple(num, str).map(([a, b]) => `(${a} + ${b})`),
        fc.tuple(any, str, str).map(([a, b, c]) => `(${a} ? ${b} : ${c})`),
        fc.tuple(str, fc.constantFrom('&&', '||'), str).map(([a, op, b]) => `(${a} ${op} ${b})`),
        fc.tuple(num, fc.integer({ min: 0, max: 3 })).map(([a, d]) => `(${a}).toFixed(${d})`),
        str.map((a) => `${a}.toUpperCase()`),
        fc.tuple(str, fc.integer({ min: -3, max: 3 })).map(([a, i]) => `${a}.slice(${i})`),
      ),
    };
  });
  const expr = fc.oneof(num, bool, str, fc.tuple(num, str, bool).map(([a, b, c]) => `[${a}, ${b}, { k: ${c} }]`));
  const values = fc.oneof(fc.integer({ min: -50, max: 50 }), fc.double({ min: -1e6, max: 1e6, noNaN: true }), fc.constantFrom(0, -0, 0.5, 3, -3));

  it('Python prints the same JSON, or raises where JavaScript went on with NaN, Infinity or a conversion', () => {
    const samples = fc.sample(fc.tuple(expr, fc.array(fc.tuple(values, values), { minLength: 1, maxLength: 4 })), { numRuns: 500, seed: Number(process.env.EXPORT_SEED ?? 20260301) });
    // Comparisons of a boolean with a number, and the like, are refused: the others must agree.
    const runs: Run[] = samples
      .map(([e, inputs]) => ({ fn: `(x, y) => ${e}`, inputs }))
      .filter((run) => translateFunction(run.fn).ok);
    expect(runs.length, refusedReasons(samples.map(([e]) => `(x, y) => ${e}`))).toBeGreaterThan(450);
    const py = runPython(runs);
    let raised = 0;
    runs.forEach((run, k) => {
      const js = runJs(run);
      run.inputs.forEach((args, i) => {
        const p = py[k]![i]!;
        if (p.startsWith('!') && !js[i]!.startsWith('!')) {
          // ZeroDivisionError, a math domain or overflow error: JavaScript went on with NaN or
          // Infinity; TypeError: JavaScript converted an array to a number. Not silent: Python
          // stops with an exception.
          expect(['!ZeroDivisionError', '!ValueError', '!OverflowError', '!TypeError'], `${run.fn} on ${JSON.stringify(args)}`).toContain(p);
          raised++;
          return;
        }
        expect(p, `${run.fn} on ${JSON.stringify(args)}`).toBe(js[i]);
      });
    });
    expect(raised).toBeLessThan(runs.length);
  });
});

describe("frequencies' counts: a Map in JavaScript, a dict in Python", () => {
  it('spread and for…of give [key, value] pairs in both', () => {
    const fns = ['m => [...m]', 'm => { let n = 0; for (const [k, v] of m) n += v; return n; }', 'm => [...m].sort((a, b) => b[1] - a[1])[0]'];
    const counts = new Map<unknown, number>([['a', 1], ['b', 3]]);
    const js = fns.map((fn) => {
      try {
        return jsonLine((new Function(`return (${fn});`)() as (m: unknown) => unknown)(counts));
      } catch (error) {
        return `!${(error as Error).name}`;
      }
    });
    const translatable = fns.filter((fn) => translateFunction(fn).ok);
    const py = runPython(translatable.map((fn) => ({ fn, inputs: [[{ a: 1, b: 3 }]] }))).map((r) => r[0]);
    expect(py).toEqual(js.filter((_, i) => translateFunction(fns[i]!).ok));
    expect(translatable.length).toBe(3);
  });
});

it('the interpreter for these tests has streamz', () => {
  const r = spawnSync(PYTHON, ['-c', 'import streamz'], { encoding: 'utf8' });
  expect(r.status, `${PYTHON} cannot import streamz: apt-get install -y python3-streamz`).toBe(0);
});

/** The reasons the translator gave for the functions it refused, counted (a test's message). */
function refusedReasons(fns: string[]): string {
  const counts = new Map<string, number>();
  for (const fn of fns) {
    const r = translateFunction(fn);
    if (!r.ok) {
      const reason = r.reason.replace(/\(.*\)|: .*$/, '');
      counts.set(reason, (counts.get(reason) ?? 0) + 1);
    }
  }
  return [...counts].map(([r, n]) => `${n} × ${r}`).join('; ');
}

import { describe, expect, it } from 'vitest';
import { createHardenedVm } from './hardenedVm.js';

describe('the hardened vm', () => {
  const vm = createHardenedVm();
  const run = (source: string, ...args: unknown[]) => vm.compile(source, 'test.func')(...args);

  it('compiles arrow functions and function expressions with the usual globals', () => {
    expect(run('x => Math.max(x, 2) + JSON.stringify([x]).length', 1)).toBe(5);
    expect(run('function (a, b) { return new Map([[a, b]]).get(a) }', 'k', 'v')).toBe('v');
    expect(run('x => Number.isInteger(x) && typeof Date.now() === "number"', 3)).toBe(true);
    expect(typeof (run('async x => x * 2', 4) as Promise<number>).then).toBe('function');
    // A trailing line comment cannot swallow the wrapper.
    expect(run('x => x + 1 // add one', 1)).toBe(2);
  });

  it('is strict: no implicit globals, `this` undefined', () => {
    expect(() => run('x => { leaked = x }', 1)).toThrow(/leaked is not defined/);
    expect(run('function () { return this }')).toBeUndefined();
  });

  // Errors thrown inside the context are the context's TypeErrors, not this realm's.
  const FROZEN = /read only|not extensible|Cannot (assign|add|define)/;
  it('has frozen intrinsics', () => {
    expect(() => run('() => { Array.prototype.map = null }')).toThrow(FROZEN);
    expect(() => run('() => { Object.prototype.polluted = 1 }')).toThrow(FROZEN);
    expect(() => run('() => { Math.random = () => 4 }')).toThrow(FROZEN);
    expect(() => run('() => { JSON.parse = null }')).toThrow(FROZEN);
    expect(() => run('() => { (function* () {}).constructor.prototype.x = 1 }')).toThrow(FROZEN);
  });

  it('reaches nothing of Node, and generates no code from strings', () => {
    expect(run('() => [typeof process, typeof require, typeof setTimeout, typeof Buffer, typeof module]')).toEqual([
      'undefined',
      'undefined',
      'undefined',
      'undefined',
      'undefined',
    ]);
    expect(() => run('() => Function("return 1")()')).toThrow(/Code generation from strings disallowed/);
    expect(() => run('() => eval("1")')).toThrow(/Code generation from strings disallowed/);
    expect(() => run('() => (() => {}).constructor("return 1")')).toThrow(/Code generation from strings disallowed/);
    expect(() => run('() => new WebAssembly.Module(new Uint8Array([0, 97, 115, 109, 1, 0, 0, 0]))')).toThrow();
  });

  it('decodes JSON into the context’s own objects', () => {
    const value = vm.parseJSON('{"a": [1, {"b": 2}]}') as { a: unknown[] };
    expect(value).toEqual({ a: [1, { b: 2 }] });
    expect(Object.getPrototypeOf(value)).not.toBe(Object.prototype);
    expect(() => run('o => o.constructor.constructor("return process")()', value)).toThrow(/Code generation/);
  });

  it('refuses text that is not a function, with the node and parameter in the error', () => {
    expect(() => vm.compile('42', 'streamloom:m1/func')).toThrow(/streamloom:m1\/func: expected a function, got number/);
    expect(() => vm.compile('x =>', 'streamloom:m1/func')).toThrow(SyntaxError);
    let stack = '';
    try {
      vm.compile('x => x.nope.deeper', 'streamloom:m1/func')(1);
    } catch (error) {
      stack = (error as Error).stack ?? '';
    }
    expect(stack).toMatch(/streamloom:m1\/func:1/);
  });
});

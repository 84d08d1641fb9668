import { describe, expect, it } from 'vitest';
import { checkFunctionSource } from './functionSource.js';

describe('checkFunctionSource', () => {
  it.each([
    'x => x * 2',
    '(s, x) => s + x',
    'function (x) { return x }',
    'function named(x) { return x }',
    'async (x) => await x',
    '({ a, b }) => a + b',
    '(x) => {\n  const y = x + 1;\n  return y;\n}',
    '/* doubles */ x => x * 2 // trailing comment',
    '  x => x  ',
    '(x = 1, ...rest) => [x, rest]',
  ])('accepts %j', (source) => {
    expect(checkFunctionSource(source)).toBeNull();
  });

  it.each([
    ['x => {', { line: 1, column: 7, message: 'does not parse: unexpected token at line 1, column 7' }],
    ['x =>\n  x +* 2', { line: 2, column: 6, message: 'does not parse: unexpected token at line 2, column 6' }],
    ['x =>\r\n  x +* 2', { line: 2, column: 6, message: 'does not parse: unexpected token at line 2, column 6' }],
    ['x => x;', { line: 1, column: 7, message: 'does not parse: unexpected token at line 1, column 7' }],
    ['x => `', { line: 1, column: 7, message: 'does not parse: unterminated template at line 1, column 7' }],
    ['(x) => x +', { line: 1, column: 11, message: 'does not parse: unexpected token at line 1, column 11' }],
  ])('reports the syntax error of %j, 1-based, relative to the source', (source, where) => {
    expect(checkFunctionSource(source)).toEqual({ code: 'function_syntax', ...where });
  });

  it.each([
    ['1 + 2', 1, 1],
    ['x => x) + (y => y', 1, 1],
    ['class A {}', 1, 1],
    ['\n  "text"', 2, 3],
  ])('reports %j as not a function, at the expression', (source, line, column) => {
    expect(checkFunctionSource(source)).toEqual({
      code: 'not_a_function',
      message: 'is not a function: write one function expression such as x => x * 2 or function (x) { return x }',
      line,
      column,
    });
  });

  it('reports an empty source', () => {
    expect(checkFunctionSource(' \n ')).toEqual({ code: 'not_a_function', message: 'is empty; write a function such as x => x' });
  });

  it('survives nesting too deep for the parser', () => {
    const problem = checkFunctionSource('('.repeat(200_000));
    expect(problem?.code).toBe('function_syntax');
    expect(problem?.line).toBe(1);
  });

  it('gives the same answer from its cache', () => {
    const first = checkFunctionSource('x => x +');
    expect(checkFunctionSource('x => x +')).toEqual(first);
    for (let i = 0; i < 5000; i++) checkFunctionSource(`x => x + ${i}`);
    expect(checkFunctionSource('x => x +')).toEqual(first);
  });
});

import { describe, expect, it } from 'vitest';
import { locateJsonError, parseJsonText } from './parseJson.js';

describe('parseJsonText', () => {
  it('parses JSON', () => {
    expect(parseJsonText('{"a": [1, true, null, "x"]}')).toEqual({ ok: true, value: { a: [1, true, null, 'x'] } });
  });

  it.each([
    ['', 1, 1, 'unexpected end of text'],
    ['{"a":}', 1, 6, 'unexpected "}"'],
    ['{"a":1,}', 1, 8, 'unexpected "}"'],
    ['{\n  "a": tru\n}', 2, 8, 'unexpected "t"'],
    ['[1, 2', 1, 6, 'unexpected end of text'],
    ['"abc', 1, 5, 'unterminated string'],
    ['{"a" 1}', 1, 6, 'unexpected "1"'],
    ['[1] x', 1, 5, 'unexpected "x"'],
    ['01', 1, 2, 'unexpected "1"'],
    ['{"a":"\\x"}', 1, 7, 'bad escape in a string'],
    ['{"a":"\\u12"}', 1, 7, 'bad \\u escape'],
    ['["a\tb"]', 1, 4, 'control character in a string'],
  ])('reports %j at line %i, column %i', (text, line, column, reason) => {
    expect(parseJsonText(text)).toEqual({
      ok: false,
      issue: { code: 'invalid_json', message: `The graph is not valid JSON: ${reason} at line ${line}, column ${column}`, line, column },
    });
  });

  it('agrees with JSON.parse on what is valid, and survives deep nesting', () => {
    for (const text of ['1', ' "x" ', '[]', '{}', '[[[]]]', '{"a":{"b":[1e5,-0.5,2E-3]}}', '"\\u00e9\\n"']) {
      expect(locateJsonError(text)).toBeUndefined();
    }
    expect(locateJsonError('['.repeat(100_000))).toEqual({ line: 1, column: 100_001, reason: 'unexpected end of text' });
  });
});

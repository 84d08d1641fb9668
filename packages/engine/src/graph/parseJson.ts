// JSON text → value, with the line and column of a syntax error (JSON.parse's messages differ by
// engine and often leave the position out).
import type { GraphIssue } from './issues.js';

export type JsonTextResult = { ok: true; value: unknown } | { ok: false; issue: GraphIssue };

/** Parses JSON text; on failure an `invalid_json` issue saying where. Never throws. */
export function parseJsonText(text: string): JsonTextResult {
  try {
    return { ok: true, value: JSON.parse(text) };
  } catch (error) {
    const found = locateJsonError(text);
    const reason = found?.reason ?? (error instanceof Error ? error.message : 'cannot be parsed');
    const issue: GraphIssue = { code: 'invalid_json', message: `The graph is not valid JSON: ${reason}` };
    if (found !== undefined) {
      issue.message += ` at line ${found.line}, column ${found.column}`;
      issue.line = found.line;
      issue.column = found.column;
    }
    return { ok: false, issue };
  }
}

/**
 * Where the first JSON syntax error in `text` is (1-based), by a small scanner with an explicit
 * stack (deep nesting cannot overflow it). Undefined when it finds none.
 */
export function locateJsonError(text: string): { line: number; column: number; reason: string } | undefined {
  let i = 0;
  const at = (reason: string) => {
    let line = 1;
    let lineStart = 0;
    for (let k = 0; k < i && k < text.length; k++) {
      if (text.charCodeAt(k) === 10) {
        line++;
        lineStart = k + 1;
      }
    }
    return { line, column: i - lineStart + 1, reason };
  };
  const unexpected = () =>
    i >= text.length ? at('unexpected end of text') : at(`unexpected ${JSON.stringify(text[i])}`);
  const skipSpace = () => {
    while (i < text.length && (text[i] === ' ' || text[i] === '\t' || text[i] === '\n' || text[i] === '\r')) i++;
  };
  // Returns an error, or undefined after consuming one scalar; containers are pushed on `stack`.
  const stack: Array<'array' | 'object'> = [];
  const scalar = (): ReturnType<typeof at> | undefined => {
    const c = text[i];
    if (c === '"') return string();
    if (c === '-' || (c !== undefined && c >= '0' && c <= '9')) {
      const match = /^-?(0|[1-9]\d*)(\.\d+)?([eE][+-]?\d+)?/.exec(text.slice(i, i + 400));
      if (match === null) return unexpected();
      i += match[0].length;
      return undefined;
    }
    for (const word of ['true', 'false', 'null']) {
      if (text.startsWith(word, i)) {
        i += word.length;
        return undefined;
      }
    }
    return unexpected();
  };
  const string = (): ReturnType<typeof at> | undefined => {
    i++;
    while (i < text.length) {
      const c = text.charCodeAt(i);
      if (c === 34) {
        i++;
        return undefined;
      }
      if (c < 0x20) return at('control character in a string');
      if (c === 92) {
        const e = text[i + 1];
        if (e === 'u') {
          if (!/^[0-9a-fA-F]{4}$/.test(text.slice(i + 2, i + 6))) return at('bad \\u escape');
          i += 6;
        } else if (e !== undefined && '"\\/bfnrt'.includes(e)) i += 2;
        else return at('bad escape in a string');
      } else i++;
    }
    return at('unterminated string');
  };

  // value := scalar | '[' (value (',' value)*)? ']' | '{' (string ':' value (',' …)*)? '}'
  let expectValue = true;
  skipSpace();
  while (true) {
    if (expectValue) {
      skipSpace();
      const c = text[i];
      if (c === '[') {
        i++;
        skipSpace();
        if (text[i] === ']') {
          i++;
          expectValue = false;
        } else stack.push('array');
        continue;
      }
      if (c === '{') {
        i++;
        skipSpace();
        if (text[i] === '}') {
          i++;
          expectValue = false;
          continue;
        }
        stack.push('object');
        if (text[i] !== '"') return unexpected();
        const error = string();
        if (error) return error;
        skipSpace();
        if (text[i] !== ':') return unexpected();
        i++;
        continue;
      }
      const error = scalar();
      if (error) return error;
      expectValue = false;
      continue;
    }
    skipSpace();
    const top = stack[stack.length - 1];
    if (top === undefined) return i < text.length ? unexpected() : undefined;
    const c = text[i];
    if (c === ',') {
      i++;
      expectValue = true;
      if (top === 'object') {
        skipSpace();
        if (text[i] !== '"') return unexpected();
        const error = string();
        if (error) return error;
        skipSpace();
        if (text[i] !== ':') return unexpected();
        i++;
      }
      continue;
    }
    if ((top === 'array' && c === ']') || (top === 'object' && c === '}')) {
      i++;
      stack.pop();
      continue;
    }
    return unexpected();
  }
}

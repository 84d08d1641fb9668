// Checks a user function's source text: it must parse, and be one function expression.
import { getLineInfo, parse } from 'acorn';

/** What is wrong with a function's source; line and column are 1-based, relative to the source. */
export interface FunctionSourceProblem {
  code: 'function_syntax' | 'not_a_function';
  /** Without the node and parameter: `Unexpected token at line 1, column 6`. */
  message: string;
  line?: number;
  column?: number;
}

/** Recently checked sources (least recently used first), bounded in entries and in characters. */
const cache = new Map<string, FunctionSourceProblem | null>();
const CACHE_ENTRIES = 4096;
const CACHE_CHARS = 4_000_000;
let cachedChars = 0;

/**
 * Null when `source` is a single arrow function or function expression (`x => x * 2`,
 * `(s, x) => s + x`, `function (x) { return x }`), else the problem. Never throws. Results are
 * cached, since the editor checks every node's unchanged sources on every keystroke.
 */
export function checkFunctionSource(source: string): FunctionSourceProblem | null {
  const cached = cache.get(source);
  if (cached !== undefined) {
    cache.delete(source);
    cache.set(source, cached);
    return cached;
  }
  const result = check(source);
  if (source.length <= CACHE_CHARS / 64) {
    cache.set(source, result);
    cachedChars += source.length;
    while (cache.size > CACHE_ENTRIES || cachedChars > CACHE_CHARS) {
      const oldest = cache.keys().next().value as string;
      cache.delete(oldest);
      cachedChars -= oldest.length;
    }
  }
  return result;
}

function check(source: string): FunctionSourceProblem | null {
  if (source.trim() === '') {
    return { code: 'not_a_function', message: 'is empty; write a function such as x => x' };
  }
  // The newline before ")" ends a trailing line comment; the parentheses make `function (x) {}` an
  // expression and stop the source from closing them itself (`x => x) + (y => y`).
  const wrapped = `(${source}\n)`;
  let program: any;
  try {
    program = parse(wrapped, { ecmaVersion: 'latest', sourceType: 'script' });
  } catch (error) {
    return syntaxProblem(source, error);
  }
  const body = program.body as any[];
  const statement = body.length === 1 ? body[0] : undefined;
  const expression = statement?.type === 'ExpressionStatement' ? statement.expression : undefined;
  if (expression?.type === 'ArrowFunctionExpression' || expression?.type === 'FunctionExpression') {
    return null;
  }
  const at = position(source, (expression ?? statement)?.start ?? 1);
  return {
    code: 'not_a_function',
    message: `is not a function: write one function expression such as x => x * 2 or function (x) { return x }`,
    ...at,
  };
}

function syntaxProblem(source: string, error: unknown): FunctionSourceProblem {
  const pos = (error as { pos?: unknown } | null)?.pos;
  if (error instanceof SyntaxError && typeof pos === 'number') {
    // acorn appends " (line:column)" of the wrapped text; ours replaces it.
    const raw = error.message.replace(/ \(\d+:\d+\)$/, '');
    const reason = raw.charAt(0).toLowerCase() + raw.slice(1);
    const at = position(source, pos);
    return { code: 'function_syntax', message: `does not parse: ${reason} at line ${at.line}, column ${at.column}`, ...at };
  }
  // A RangeError from very deep nesting, or anything else the parser throws.
  const reason = error instanceof RangeError ? 'is nested too deeply to parse' : `does not parse (${String(error)})`;
  return { code: 'function_syntax', message: reason, line: 1, column: 1 };
}

/** 1-based line and column in `source` of an offset in the wrapped text (one "(" before it). */
function position(source: string, wrappedOffset: number): { line: number; column: number } {
  const offset = Math.max(0, Math.min(source.length, wrappedOffset - 1));
  const info = getLineInfo(source, offset);
  return { line: info.line, column: info.column + 1 };
}

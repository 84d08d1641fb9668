import type { ExportContext, OperatorDescriptor, ParamSpec } from './types.js';
import { withDefaults } from './define.js';

/**
 * Export contexts for tests: what the exporters will hand a descriptor, with `function` parameters
 * given in each language by the test (the real exporters translate them).
 */

/** A JSON value as a Python literal (lists for arrays, None/True/False). */
export function pyLiteral(value: unknown): string {
  if (value === null || value === undefined) return 'None';
  if (value === true) return 'True';
  if (value === false) return 'False';
  if (typeof value === 'number') {
    if (Number.isNaN(value)) return "float('nan')";
    if (!Number.isFinite(value)) return value > 0 ? "float('inf')" : "-float('inf')";
    return Number.isInteger(value) && Math.abs(value) >= 1e21 ? BigInt(value).toString() : String(value);
  }
  if (typeof value === 'string') return JSON.stringify(value);
  if (Array.isArray(value)) return `[${value.map(pyLiteral).join(', ')}]`;
  if (typeof value === 'object') {
    return `{${Object.entries(value as Record<string, unknown>)
      .map(([k, v]) => `${JSON.stringify(k)}: ${pyLiteral(v)}`)
      .join(', ')}}`;
  }
  throw new TypeError(`no Python literal for ${typeof value}`);
}

/** A JSON value as a TypeScript literal. */
export function tsLiteral(value: unknown): string {
  if (value === undefined) return 'undefined';
  if (typeof value === 'number' && !Number.isFinite(value)) return String(value);
  return JSON.stringify(value);
}

export function exportContext(
  d: OperatorDescriptor,
  params: Record<string, unknown>,
  inputs: readonly string[],
  language: 'ts' | 'py',
  functions: Record<string, string> = {},
): ExportContext {
  const full = withDefaults(d, params);
  const literal = language === 'py' ? pyLiteral : tsLiteral;
  const spec = (name: string): ParamSpec | undefined => d.params.find((p) => p.name === name);
  return {
    params: full,
    inputs,
    literal,
    code(param) {
      const value = full[param];
      if (spec(param)?.kind === 'function' && value != null) {
        return language === 'py' ? (functions[param] ?? String(value)) : String(value);
      }
      return literal(value);
    },
  };
}

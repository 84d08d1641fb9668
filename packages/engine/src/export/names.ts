// Variable names for a graph's nodes: named after the node, valid in the target language, unique,
// and never one the program needs for something else (keywords, globals, helpers, any word the
// generated code already uses).

/** JavaScript's reserved words and the globals an exported program or its functions may use. */
export const TS_RESERVED: ReadonlySet<string> = new Set([
  'break', 'case', 'catch', 'class', 'const', 'continue', 'debugger', 'default', 'delete', 'do', 'else',
  'enum', 'export', 'extends', 'false', 'finally', 'for', 'function', 'if', 'import', 'in', 'instanceof',
  'new', 'null', 'return', 'super', 'switch', 'this', 'throw', 'true', 'try', 'typeof', 'var', 'void',
  'while', 'with', 'yield', 'let', 'static', 'implements', 'interface', 'package', 'private',
  'protected', 'public', 'await', 'async', 'of', 'arguments', 'eval', 'undefined', 'NaN', 'Infinity',
  'globalThis', 'console', 'process', 'Math', 'JSON', 'Object', 'Array', 'Number', 'String',
  'Boolean', 'Date', 'Map', 'Set', 'WeakMap', 'WeakSet', 'Symbol', 'BigInt', 'Error', 'TypeError',
  'RangeError', 'Promise', 'RegExp', 'Reflect', 'Proxy', 'Intl', 'parseInt', 'parseFloat', 'isNaN',
  'isFinite', 'setTimeout', 'clearTimeout', 'setInterval', 'clearInterval', 'setImmediate',
  'structuredClone', 'queueMicrotask', 'require', 'module', 'exports', 'Buffer', 'URL', 'any',
  'unknown', 'never', 'type', 'as', 'from', 'declare', 'namespace', 'keyof', 'readonly', 'infer',
  'is', 'asserts', 'satisfies', 'Stream', 'jsonLine',
]);

/** The words of `code` that could be identifiers: whatever it mentions is kept away from nodes. */
export function wordsOf(code: string): Set<string> {
  return new Set(code.match(/[A-Za-z_$][\w$]*/g) ?? []);
}

/** The parts of an id: `my-node 2`, `myNode2` and `my_node_2` all give my, node, 2. */
function parts(id: string): string[] {
  const ascii = id.normalize('NFKD').replace(/[\u0300-\u036f]/g, '');
  return ascii
    .replace(/([a-z\d])([A-Z])/g, '$1 $2')
    .replace(/([A-Z]+)([A-Z][a-z])/g, '$1 $2')
    .split(/[^A-Za-z\d]+/)
    .filter((p) => p !== '');
}

/** camelCase for TypeScript, snake_case for Python; `node` when nothing is left of the id. */
export function baseName(id: string, language: 'ts' | 'py'): string {
  const ps = parts(id);
  if (ps.length === 0) return 'node';
  let name =
    language === 'ts'
      ? ps.map((p, i) => (i === 0 ? (p === p.toUpperCase() && p.length > 1 ? p.toLowerCase() : p[0]!.toLowerCase() + p.slice(1)) : p[0]!.toUpperCase() + p.slice(1))).join('')
      : ps.map((p) => p.toLowerCase()).join('_');
  if (/^\d/.test(name)) name = language === 'ts' ? `n${name}` : `n_${name}`;
  return name;
}

/** Gives out unique names, avoiding a reserved set (compared case-sensitively). */
export class NameAllocator {
  private readonly taken: Set<string>;

  constructor(reserved: Iterable<string>) {
    this.taken = new Set(reserved);
  }

  reserve(name: string): void {
    this.taken.add(name);
  }

  /** `base`, else in Python `base_` (PEP 8's way around a keyword), else `base2`/`base_2`, … */
  take(base: string, language: 'ts' | 'py'): string {
    let name = base;
    if (language === 'py' && this.taken.has(name) && !this.taken.has(`${base}_`)) name = `${base}_`;
    // map1 and map1 → map1_2, not map12.
    const join = language === 'py' || /\d$/.test(base) ? '_' : '';
    for (let i = 2; this.taken.has(name); i++) name = `${base}${join}${i}`;
    this.taken.add(name);
    return name;
  }
}

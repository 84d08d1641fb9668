import vm from 'node:vm';

/**
 * The globals a user function may use. Each is copied into a local of the function's closure when
 * it is compiled: a global lookup in a vm context goes through the context's interceptors and makes
 * a trivial function tens of times slower.
 */
export const SANDBOX_GLOBALS = [
  'Math',
  'JSON',
  'Date',
  'Number',
  'String',
  'Boolean',
  'Array',
  'Object',
  'Symbol',
  'BigInt',
  'Map',
  'Set',
  'WeakMap',
  'WeakSet',
  'RegExp',
  'Error',
  'TypeError',
  'RangeError',
  'SyntaxError',
  'Promise',
  'Reflect',
  'Intl',
  'ArrayBuffer',
  'DataView',
  'Uint8Array',
  'Int8Array',
  'Uint16Array',
  'Int16Array',
  'Uint32Array',
  'Int32Array',
  'Float32Array',
  'Float64Array',
  'BigInt64Array',
  'BigUint64Array',
  'isFinite',
  'isNaN',
  'parseFloat',
  'parseInt',
  'encodeURIComponent',
  'decodeURIComponent',
  'Infinity',
  'NaN',
  'undefined',
] as const;

/** Freezes every intrinsic reachable from the context's global object, prototypes included. */
const FREEZE_INTRINSICS = `(() => {
  'use strict';
  const seen = new WeakSet();
  const { freeze, getPrototypeOf, getOwnPropertyDescriptors } = Object;
  const { ownKeys } = Reflect;
  const walk = (o) => {
    if (o === null || (typeof o !== 'object' && typeof o !== 'function') || o === globalThis || seen.has(o)) return;
    seen.add(o);
    freeze(o);
    const ds = getOwnPropertyDescriptors(o);
    for (const k of ownKeys(ds)) {
      const d = ds[k];
      if ('value' in d) walk(d.value); else { walk(d.get); walk(d.set); }
    }
    walk(getPrototypeOf(o));
  };
  for (const k of ownKeys(globalThis)) walk(globalThis[k]);
  // The prototypes of syntax-only intrinsics, not reachable by name from the global object.
  walk(getPrototypeOf(function* () {}));
  walk(getPrototypeOf(async function () {}));
  walk(getPrototypeOf(async function* () {}));
  walk(getPrototypeOf([][Symbol.iterator]()));
  walk(getPrototypeOf(new Map().entries()));
  walk(getPrototypeOf(new Set().values()));
  walk(getPrototypeOf(''[Symbol.iterator]()));
  walk(getPrototypeOf(/x/[Symbol.matchAll]('')));
})();`;

export interface HardenedVm {
  /**
   * Compiles a function's source text (an arrow function or a function expression) inside the
   * context. Throws the context's SyntaxError, or a TypeError when the text is not a function.
   */
  compile(source: string, filename: string): (...args: any[]) => any;
  /** JSON.parse of the context: the result is made of the context's objects, never the host's. */
  parseJSON(text: string): unknown;
}

/**
 * A `vm` context for user functions: a null-prototype global, frozen intrinsics, no code
 * generation from strings or wasm, no `process`, `require` or timers; `import()` rejects. This limits
 * accidents; the security boundary is the run's process and its permissions.
 */
export function createHardenedVm(): HardenedVm {
  const context = vm.createContext(Object.create(null), {
    name: 'streamloom user functions',
    codeGeneration: { strings: false, wasm: false },
  });
  new vm.Script(FREEZE_INTRINSICS, { filename: 'streamloom:freeze' }).runInContext(context);
  const parse = new vm.Script('JSON.parse', { filename: 'streamloom:json' }).runInContext(context) as (
    text: string,
  ) => unknown;
  const locals = `const { ${SANDBOX_GLOBALS.filter((g) => g !== 'undefined').join(', ')} } = globalThis;`;

  return {
    compile(source, filename) {
      // The source sits alone on its lines so a trailing line comment cannot swallow the `)`.
      const code = `(function () {\n'use strict';\n${locals}\nreturn (\n${source}\n);\n})()`;
      const script = new vm.Script(code, { filename, lineOffset: -4 });
      const fn: unknown = script.runInContext(context, { timeout: 1000 });
      if (typeof fn !== 'function') {
        throw new TypeError(`${filename}: expected a function, got ${fn === null ? 'null' : typeof fn}`);
      }
      return fn as (...args: any[]) => any;
    },
    parseJSON(text) {
      return parse(text);
    },
  };
}

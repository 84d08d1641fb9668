// User functions are JavaScript; the Python export runs them on streamz. This translates the
// JavaScript people write in a stream graph's functions into Python that computes the same values,
// through acorn's AST, and refuses (with a reason) whatever it cannot translate faithfully.
//
// The translation keeps JavaScript's meaning for the values a graph carries (JSON data: numbers,
// strings, booleans, null, arrays as Python tuples, objects as dicts), where Python's differs:
// `%` follows the dividend's sign (math.fmod), `+` with a string converts the other side as
// JavaScript prints it (3, not 3.0), `===` on booleans is identity, truthiness of empty arrays and
// objects, `Math.round` rounds halves up, string lengths and positions count UTF-16 units, and so
// on; small helpers (pythonRuntime.ts) carry the cases Python has no expression for. It assumes
// operators get the operand kinds they are meant for (numbers for arithmetic, two numbers or a
// string for `+`, two primitives for `===`): on other kinds JavaScript coerces, and Python raises
// (or, for `*` on a string and `+` on two arrays, repeats or concatenates).
import { parse } from 'acorn';
import { PYTHON_HELPER_NAMES } from './pythonRuntime.js';

/** A translated function: a lambda, or the name of a `def` given in `definition`. */
export interface PythonFunction {
  expression: string;
  /** The `def` statement, when the function needs statements (its name is `expression`). */
  definition?: string;
  /** The runtime helpers it calls (pythonRuntime.ts). */
  helpers: string[];
  /** The modules it uses (`math`, `functools`, …). */
  modules: string[];
}

export type Translation =
  | { ok: true; fn: PythonFunction }
  | { ok: false; reason: string; line?: number; column?: number };

export interface TranslateOptions {
  /** The name to give a `def` when the function needs one. */
  defName?: string;
}

/** Python's keywords, builtins and the modules and helpers translations use: never a local name. */
export const PYTHON_RESERVED: ReadonlySet<string> = new Set([
  // keywords
  'False', 'None', 'True', 'and', 'as', 'assert', 'async', 'await', 'break', 'class', 'continue',
  'def', 'del', 'elif', 'else', 'except', 'finally', 'for', 'from', 'global', 'if', 'import', 'in',
  'is', 'lambda', 'nonlocal', 'not', 'or', 'pass', 'raise', 'return', 'try', 'while', 'with',
  'yield', 'match', 'case', 'type', '_',
  // builtins
  'abs', 'aiter', 'all', 'anext', 'any', 'ascii', 'bin', 'bool', 'breakpoint', 'bytearray', 'bytes',
  'callable', 'chr', 'classmethod', 'compile', 'complex', 'copyright', 'credits', 'delattr', 'dict',
  'dir', 'divmod', 'enumerate', 'eval', 'exec', 'exit', 'filter', 'float', 'format', 'frozenset',
  'getattr', 'globals', 'hasattr', 'hash', 'help', 'hex', 'id', 'input', 'int', 'isinstance',
  'issubclass', 'iter', 'len', 'license', 'list', 'locals', 'map', 'max', 'memoryview', 'min',
  'next', 'object', 'oct', 'open', 'ord', 'pow', 'print', 'property', 'quit', 'range', 'repr',
  'reversed', 'round', 'set', 'setattr', 'slice', 'sorted', 'staticmethod', 'str', 'sum', 'super',
  'tuple', 'vars', 'zip', '__import__', '__name__', '__file__', '__builtins__',
  'Exception', 'BaseException', 'NotImplementedError', 'TypeError', 'ValueError', 'KeyError',
  'IndexError', 'KeyboardInterrupt', 'StopIteration',
  // modules and names exported programs use
  'math', 'json', 'time', 'random', 'functools', 'itertools', 'collections', 'decimal', 're', 'queue',
  'Stream', 'streamz', 'run',
  ...PYTHON_HELPER_NAMES,
]);

// ---- precedence of Python expressions (higher binds tighter) -------------------------------------

const P = {
  WALRUS: 0,
  LAMBDA: 1,
  COND: 2,
  OR: 3,
  AND: 4,
  NOT: 5,
  CMP: 6,
  ADD: 11,
  MUL: 12,
  UNARY: 13,
  POW: 14,
  ATOM: 16,
} as const;

/** What is statically known of a value's kind. */
type Kind = 'num' | 'str' | 'bool' | 'none' | 'arr' | 'obj' | 'fn' | 'any';

interface Py {
  code: string;
  prec: number;
  kind: Kind;
  /** A name or a literal: cheap and pure, may be written twice. */
  simple?: boolean;
}

class Refusal extends Error {
  constructor(
    message: string,
    readonly node?: { start: number },
  ) {
    super(message);
  }
}

const py = (code: string, prec: number, kind: Kind = 'any', simple = false): Py => ({ code, prec, kind, simple });

function wrap(e: Py, min: number): string {
  return e.prec < min ? `(${e.code})` : e.code;
}

/** A Python string literal (JSON's escapes are valid Python). */
export function pyString(s: string): string {
  return JSON.stringify(s);
}

/** A JavaScript number as a Python literal with the same value (ints when exact). */
export function pyNumber(v: number): string {
  if (Number.isNaN(v)) return 'math.nan';
  if (!Number.isFinite(v)) return v > 0 ? 'math.inf' : '-math.inf';
  if (Number.isInteger(v) && Math.abs(v) <= 2 ** 53) return Object.is(v, -0) ? '-0.0' : String(v);
  const s = String(v);
  return /[.e]/.test(s) ? s : `${s}.0`;
}

/** The UTF-16 canonical array index test JavaScript uses to order an object's keys. */
function isIndexKey(k: string): boolean {
  return /^(0|[1-9]\d*)$/.test(k) && Number(k) < 2 ** 32 - 1;
}

// ---- scopes ----------------------------------------------------------------------------------------

interface Binding {
  name: string;
  kind: Kind;
  /** Declared with const (or a parameter never assigned): its kind cannot change. */
  constant: boolean;
  /** Can be assigned (let/var/parameter in a def). */
  assignable: boolean;
}

class Scope {
  readonly vars = new Map<string, Binding>();
  constructor(
    readonly parent: Scope | null,
    readonly fn: FunctionState,
  ) {}

  lookup(name: string): Binding | undefined {
    return this.vars.get(name) ?? this.parent?.lookup(name);
  }

  /** Declares a JavaScript name, choosing a Python name no enclosing scope uses. */
  declare(jsName: string, kind: Kind, constant: boolean, assignable: boolean): Binding {
    if (this.vars.has(jsName)) throw new Refusal(`declares '${jsName}' twice`);
    let base = jsName.replace(/\$/g, '_S');
    if (PYTHON_RESERVED.has(base) || /^js_/.test(base)) base = `${base}_`;
    let name = base;
    for (let i = 2; this.fn.taken.has(name); i++) name = `${base}_${i}`;
    this.fn.taken.add(name);
    const binding = { name, kind, constant, assignable };
    this.vars.set(jsName, binding);
    return binding;
  }
}

interface FunctionState {
  /** Python names used anywhere in the function being translated. */
  taken: Set<string>;
}

// ---- the translator --------------------------------------------------------------------------------

class Translator {
  readonly helpers = new Set<string>();
  readonly modules = new Set<string>();
  private tempCount = 0;
  private readonly fnState: FunctionState = { taken: new Set() };

  constructor(private readonly source: string) {}

  helper(name: string): string {
    this.helpers.add(name);
    return name;
  }

  module(name: string): string {
    this.modules.add(name);
    return name;
  }

  text(node: any): string {
    return this.source.slice(node.start, node.end);
  }

  /** A fresh local for `:=`, when a value must be tested and returned without being computed twice. */
  temp(scope: Scope): string {
    let name: string;
    do name = `t${++this.tempCount === 1 ? '' : this.tempCount}`;
    while (this.fnState.taken.has(name) || scope.lookup(name) !== undefined);
    this.fnState.taken.add(name);
    return name;
  }

  // ---- the function itself ----

  translateTop(fn: any, defName: string): { expression: string; definition?: string } {
    const scope = new Scope(null, this.fnState);
    this.fnState.taken.add(defName);
    const simpleParams = fn.params.every((p: any) => isSimpleParam(p));
    const body = fn.body;
    const singleReturn =
      body.type === 'BlockStatement' && body.body.length === 1 && body.body[0].type === 'ReturnStatement' && body.body[0].argument;
    if (simpleParams && (fn.expression || singleReturn) && !fn.async && !fn.generator) {
      const params = this.params(fn.params, scope, false);
      const result = this.expr(fn.expression ? body : body.body[0].argument, scope);
      return { expression: `lambda${params.length > 0 ? ' ' + params.join(', ') : ''}: ${wrap(result, P.LAMBDA)}` };
    }
    if (fn.async || fn.generator) throw new Refusal('is async or a generator', fn);
    const lines: string[] = [];
    const params = this.params(fn.params, scope, true, lines);
    if (fn.expression) {
      lines.push(`return ${this.expr(body, scope).code}`);
    } else {
      this.block(body.body, scope, lines, 0);
    }
    if (lines.length === 0) lines.push('return None');
    const definition = [`def ${defName}(${params.join(', ')}):`, ...lines.map((l) => `    ${l}`)].join('\n');
    return { expression: defName, definition };
  }

  /** Python parameters; destructuring patterns (only in a def) become statements in `prologue`. */
  params(params: any[], scope: Scope, inDef: boolean, prologue?: string[]): string[] {
    const out: string[] = [];
    for (const p of params) {
      if (p.type === 'Identifier') {
        out.push(scope.declare(p.name, 'any', false, inDef).name);
      } else if (p.type === 'AssignmentPattern' && p.left.type === 'Identifier') {
        const value = this.expr(p.right, scope);
        if (!isLiteralNode(p.right)) throw new Refusal('has a default parameter value that is not a literal', p);
        // JavaScript uses the default for undefined too; Python only for a missing argument.
        if (value.kind === 'none') throw new Refusal('has a default parameter value of undefined or null', p);
        out.push(`${scope.declare(p.left.name, 'any', false, inDef).name}=${value.code}`);
      } else if (p.type === 'RestElement' && p.argument.type === 'Identifier') {
        out.push(`*${scope.declare(p.argument.name, 'arr', false, inDef).name}`);
      } else if ((p.type === 'ObjectPattern' || p.type === 'ArrayPattern') && inDef && prologue) {
        const name = scope.declare(`arg${out.length > 0 ? out.length + 1 : ''}`, 'any', true, false).name;
        out.push(name);
        this.destructure(p, py(name, P.ATOM, 'any', true), scope, prologue, false);
      } else {
        throw new Refusal(`has a parameter pattern that is not translated (${this.text(p)})`, p);
      }
    }
    return out;
  }

  /** `const {a, b} = value` or `const [a, b] = value` as assignments. */
  destructure(pattern: any, value: Py, scope: Scope, lines: string[], constant: boolean): void {
    let source = value;
    if (!value.simple) {
      const t = this.temp(scope);
      lines.push(`${t} = ${value.code}`);
      source = py(t, P.ATOM, value.kind, true);
    }
    if (pattern.type === 'ObjectPattern') {
      for (const prop of pattern.properties) {
        if (prop.type !== 'Property' || prop.computed || prop.value.type !== 'Identifier') {
          throw new Refusal(`has a destructuring pattern that is not translated (${this.text(prop)})`, prop);
        }
        const key = prop.key.type === 'Identifier' ? prop.key.name : String(prop.key.value);
        const b = scope.declare(prop.value.name, 'any', constant, !constant);
        lines.push(`${b.name} = ${wrap(source, P.ATOM)}[${pyString(key)}]`);
      }
      return;
    }
    pattern.elements.forEach((el: any, i: number) => {
      if (el === null) return;
      if (el.type !== 'Identifier') throw new Refusal(`has a destructuring pattern that is not translated (${this.text(el)})`, el);
      const b = scope.declare(el.name, 'any', constant, !constant);
      lines.push(`${b.name} = ${wrap(source, P.ATOM)}[${i}]`);
    });
  }

  // ---- statements ----

  block(statements: any[], scope: Scope, lines: string[], depth: number): void {
    for (const s of statements) this.statement(s, scope, lines, depth);
  }

  body(statement: any, scope: Scope, depth: number): string[] {
    const lines: string[] = [];
    const inner = new Scope(scope, this.fnState);
    if (statement.type === 'BlockStatement') this.block(statement.body, inner, lines, depth + 1);
    else this.statement(statement, inner, lines, depth + 1);
    if (lines.length === 0) lines.push('pass');
    return lines.map((l) => `    ${l}`);
  }

  statement(s: any, scope: Scope, lines: string[], depth: number): void {
    switch (s.type) {
      case 'ReturnStatement':
        lines.push(s.argument ? `return ${this.expr(s.argument, scope).code}` : 'return None');
        return;
      case 'VariableDeclaration': {
        const constant = s.kind === 'const';
        for (const d of s.declarations) {
          if (d.id.type === 'Identifier') {
            const value = d.init ? this.expr(d.init, scope) : py('None', P.ATOM, 'none', true);
            const b = scope.declare(d.id.name, constant ? value.kind : 'any', constant, !constant);
            lines.push(`${b.name} = ${value.code}`);
          } else if (d.init) {
            this.destructure(d.id, this.expr(d.init, scope), scope, lines, constant);
          } else {
            throw new Refusal('declares a pattern without a value', d);
          }
        }
        return;
      }
      case 'IfStatement': {
        lines.push(`if ${this.cond(s.test, scope).code}:`, ...this.body(s.consequent, scope, depth));
        let alt = s.alternate;
        while (alt && alt.type === 'IfStatement') {
          lines.push(`elif ${this.cond(alt.test, scope).code}:`, ...this.body(alt.consequent, scope, depth));
          alt = alt.alternate;
        }
        if (alt) lines.push('else:', ...this.body(alt, scope, depth));
        return;
      }
      case 'BlockStatement': {
        const inner = new Scope(scope, this.fnState);
        this.block(s.body, inner, lines, depth);
        return;
      }
      case 'ForOfStatement': {
        if (s.await) throw new Refusal('uses for await', s);
        const iterable = this.iterable(this.expr(s.right, scope));
        if (iterable.kind === 'obj' || iterable.kind === 'num' || iterable.kind === 'bool') {
          throw new Refusal('iterates over something that is not an array or a string', s.right);
        }
        const inner = new Scope(scope, this.fnState);
        let target: string;
        const id = s.left.type === 'VariableDeclaration' && s.left.declarations.length === 1 ? s.left.declarations[0].id : null;
        if (id?.type === 'Identifier') {
          target = inner.declare(id.name, 'any', s.left.kind === 'const', s.left.kind !== 'const').name;
        } else if (id?.type === 'ArrayPattern' && id.elements.length > 0 && id.elements.every((e: any) => e?.type === 'Identifier')) {
          // for (const [k, v] of pairs): Python unpacks each pair (and raises if its length differs).
          const names = id.elements.map((e: any) => inner.declare(e.name, 'any', s.left.kind === 'const', s.left.kind !== 'const').name);
          target = names.length === 1 ? `${names[0]},` : names.join(', ');
        } else {
          throw new Refusal('has a for…of loop whose variable is not a plain declaration', s.left);
        }
        const bodyLines: string[] = [];
        if (s.body.type === 'BlockStatement') this.block(s.body.body, new Scope(inner, this.fnState), bodyLines, depth + 1);
        else this.statement(s.body, new Scope(inner, this.fnState), bodyLines, depth + 1);
        if (bodyLines.length === 0) bodyLines.push('pass');
        lines.push(`for ${target} in ${wrap(iterable, P.OR)}:`, ...bodyLines.map((l) => `    ${l}`));
        return;
      }
      case 'WhileStatement':
        lines.push(`while ${this.cond(s.test, scope).code}:`, ...this.body(s.body, scope, depth));
        return;
      case 'BreakStatement':
      case 'ContinueStatement':
        if (s.label) throw new Refusal('uses a labelled break or continue', s);
        lines.push(s.type === 'BreakStatement' ? 'break' : 'continue');
        return;
      case 'EmptyStatement':
        return;
      case 'ExpressionStatement':
        this.expressionStatement(s.expression, scope, lines);
        return;
      default:
        throw new Refusal(`uses a ${describeNode(s)}, which is not translated`, s);
    }
  }

  expressionStatement(e: any, scope: Scope, lines: string[]): void {
    if (e.type === 'AssignmentExpression' && e.left.type === 'Identifier') {
      const b = this.assignable(e.left, scope);
      if (e.operator === '=') {
        lines.push(`${b.name} = ${this.expr(e.right, scope).code}`);
        return;
      }
      const op = e.operator.slice(0, -1);
      if (!['+', '-', '*', '/', '%', '**'].includes(op)) throw new Refusal(`uses the ${e.operator} operator`, e);
      const value = this.binary(op, e.left, e.right, scope, e);
      lines.push(`${b.name} = ${value.code}`);
      return;
    }
    if (e.type === 'UpdateExpression' && e.argument.type === 'Identifier') {
      const b = this.assignable(e.argument, scope);
      lines.push(`${b.name} ${e.operator === '++' ? '+=' : '-='} 1`);
      return;
    }
    if (e.type === 'CallExpression') {
      lines.push(this.expr(e, scope).code);
      return;
    }
    throw new Refusal(`has a statement that is not translated (${this.text(e)})`, e);
  }

  assignable(id: any, scope: Scope): Binding {
    const b = scope.lookup(id.name);
    if (b === undefined) throw new Refusal(`assigns '${id.name}', which it does not declare`, id);
    if (!b.assignable) throw new Refusal(`assigns '${id.name}' inside an expression function or a constant`, id);
    b.kind = 'any';
    return b;
  }

  // ---- expressions ----

  /** An expression tested for truth, as JavaScript tests it. */
  cond(node: any, scope: Scope): Py {
    if (node.type === 'LogicalExpression' && (node.operator === '&&' || node.operator === '||')) {
      const a = this.cond(node.left, scope);
      const b = this.cond(node.right, scope);
      const [op, prec] = node.operator === '&&' ? ['and', P.AND] : ['or', P.OR];
      return py(`${wrap(a, prec)} ${op} ${wrap(b, prec + 1)}`, prec, 'bool');
    }
    if (node.type === 'UnaryExpression' && node.operator === '!') {
      return py(`not ${wrap(this.cond(node.argument, scope), P.NOT)}`, P.NOT, 'bool');
    }
    return this.truth(this.expr(node, scope));
  }

  truth(e: Py): Py {
    switch (e.kind) {
      case 'bool':
      case 'num':
      case 'str':
        return e;
      case 'none':
        return py('False', P.ATOM, 'bool', true);
      case 'arr':
      case 'obj':
      case 'fn':
        return py('True', P.ATOM, 'bool', true);
      default:
        return py(`${this.helper('js_truthy')}(${e.code})`, P.ATOM, 'bool');
    }
  }

  expr(node: any, scope: Scope, lenient = false): Py {
    switch (node.type) {
      case 'Literal':
        return this.literal(node);
      case 'Identifier':
        return this.identifier(node, scope);
      case 'TemplateLiteral':
        return this.template(node, scope);
      case 'ArrayExpression':
        return this.array(node, scope);
      case 'ObjectExpression':
        return this.object(node, scope);
      case 'MemberExpression':
        return this.member(node, scope, lenient);
      case 'ChainExpression':
        return this.chain(node.expression, scope);
      case 'CallExpression':
        return this.call(node, scope);
      case 'UnaryExpression':
        return this.unary(node, scope);
      case 'BinaryExpression':
        return this.binary(node.operator, node.left, node.right, scope, node);
      case 'LogicalExpression':
        return this.logical(node, scope);
      case 'ConditionalExpression': {
        const test = this.cond(node.test, scope);
        const a = this.expr(node.consequent, scope);
        const b = this.expr(node.alternate, scope);
        return py(`${wrap(a, P.OR)} if ${wrap(test, P.OR)} else ${wrap(b, P.COND)}`, P.COND, a.kind === b.kind ? a.kind : 'any');
      }
      case 'ArrowFunctionExpression':
      case 'FunctionExpression':
        return this.lambda(node, scope);
      case 'ParenthesizedExpression':
        return this.expr(node.expression, scope, lenient);
      default:
        throw new Refusal(`uses ${describeNode(node)}, which is not translated`, node);
    }
  }

  literal(node: any): Py {
    if (node.regex) throw new Refusal(`uses a regular expression (${node.raw})`, node);
    if (node.bigint !== undefined) throw new Refusal('uses a BigInt', node);
    const v = node.value;
    if (v === null) return py('None', P.ATOM, 'none', true);
    if (typeof v === 'boolean') return py(v ? 'True' : 'False', P.ATOM, 'bool', true);
    if (typeof v === 'number') {
      const code = pyNumber(v);
      if (code.startsWith('math.')) this.module('math');
      return py(code, code.startsWith('-') ? P.UNARY : P.ATOM, 'num', true);
    }
    if (typeof v === 'string') return py(pyString(v), P.ATOM, 'str', true);
    throw new Refusal(`uses a literal that is not translated (${node.raw})`, node);
  }

  identifier(node: any, scope: Scope): Py {
    const b = scope.lookup(node.name);
    if (b !== undefined) return py(b.name, P.ATOM, b.kind, true);
    switch (node.name) {
      case 'undefined':
        return py('None', P.ATOM, 'none', true);
      case 'NaN':
        return py(`${this.module('math')}.nan`, P.ATOM, 'num', true);
      case 'Infinity':
        return py(`${this.module('math')}.inf`, P.ATOM, 'num', true);
      default:
        throw new Refusal(`uses '${node.name}', which is neither a parameter nor a local variable`, node);
    }
  }

  /**
   * A value spread or iterated with for…of: an array or a string as it is; a value of unknown kind
   * through js_iter, since the only dicts JavaScript can iterate are Maps (frequencies' counts),
   * which give [key, value] pairs.
   */
  iterable(e: Py): Py {
    if (e.kind !== 'any') return e;
    return py(`${this.helper('js_iter')}(${e.code})`, P.ATOM, 'any');
  }

  /** A value converted to a string as JavaScript converts it. */
  toStr(e: Py): Py {
    if (e.kind === 'str') return e;
    return py(`${this.helper('js_str')}(${e.code})`, P.ATOM, 'str');
  }

  template(node: any, scope: Scope): Py {
    const parts: Py[] = [];
    node.quasis.forEach((q: any, i: number) => {
      const text = q.value.cooked;
      if (text === null || text === undefined) throw new Refusal('has an invalid escape in a template literal', q);
      if (text !== '') parts.push(py(pyString(text), P.ATOM, 'str', true));
      if (i < node.expressions.length) parts.push(this.toStr(this.expr(node.expressions[i], scope)));
    });
    if (parts.length === 0) return py('""', P.ATOM, 'str', true);
    if (parts.length === 1) return parts[0]!;
    return py(parts.map((p, i) => wrap(p, i === 0 ? P.ADD : P.ADD + 1)).join(' + '), P.ADD, 'str');
  }

  array(node: any, scope: Scope): Py {
    if (node.elements.length === 1 && node.elements[0]?.type === 'SpreadElement') {
      const inner = this.iterable(this.expr(node.elements[0].argument, scope));
      if (inner.kind === 'arr' || inner.kind === 'str' || inner.kind === 'any') return py(`tuple(${inner.code})`, P.ATOM, 'arr');
    }
    const items = node.elements.map((el: any) => {
      if (el === null) throw new Refusal('has an array with holes', node);
      if (el.type === 'SpreadElement') {
        const inner = this.iterable(this.expr(el.argument, scope));
        if (inner.kind === 'obj' || inner.kind === 'num' || inner.kind === 'bool' || inner.kind === 'none') {
          throw new Refusal('spreads something that is not an array or a string', el);
        }
        return `*${wrap(inner, P.ADD)}`;
      }
      return wrap(this.expr(el, scope), P.LAMBDA);
    });
    const code = items.length === 0 ? '()' : items.length === 1 ? `(${items[0]},)` : `(${items.join(', ')})`;
    return py(code, P.ATOM, 'arr');
  }

  object(node: any, scope: Scope): Py {
    const entries: { key: string | null; code: string }[] = [];
    let dynamic = false;
    for (const prop of node.properties) {
      if (prop.type === 'SpreadElement') {
        const inner = this.expr(prop.argument, scope);
        if (inner.kind !== 'obj' && inner.kind !== 'any') throw new Refusal('spreads something that is not an object', prop);
        entries.push({ key: null, code: `**${wrap(inner, P.ADD)}` });
        dynamic = true;
        continue;
      }
      if (prop.kind !== 'init' || prop.method) throw new Refusal('has a getter, setter or method in an object literal', prop);
      const value = wrap(this.expr(prop.value, scope), P.LAMBDA);
      if (prop.computed) {
        const key = this.toStr(this.expr(prop.key, scope));
        entries.push({ key: null, code: `${key.code}: ${value}` });
        dynamic = true;
        continue;
      }
      const key = prop.key.type === 'Identifier' ? prop.key.name : String(prop.key.value);
      if (key === '__proto__') throw new Refusal('sets __proto__', prop);
      entries.push({ key, code: `${pyString(key)}: ${value}` });
    }
    if (!dynamic) {
      // JavaScript orders integer-like keys first, ascending; a repeated key keeps its first place.
      const byKey = new Map<string, string>();
      for (const e of entries) byKey.set(e.key!, e.code);
      const keys = [...byKey.keys()];
      const ordered = [...keys.filter(isIndexKey).sort((a, b) => Number(a) - Number(b)), ...keys.filter((k) => !isIndexKey(k))];
      return py(`{${ordered.map((k) => byKey.get(k)).join(', ')}}`, P.ATOM, 'obj');
    }
    return py(`{${entries.map((e) => e.code).join(', ')}}`, P.ATOM, 'obj');
  }

  lambda(node: any, scope: Scope): Py {
    if (node.async || node.generator) throw new Refusal('has an async or generator function', node);
    const inner = new Scope(scope, this.fnState);
    if (!node.params.every((p: any) => isSimpleParam(p))) {
      throw new Refusal('has an inner function with a parameter pattern', node);
    }
    const params = this.params(node.params, inner, false);
    const body = lambdaBody(node);
    if (body === null) throw new Refusal('has an inner function with statements (only `=> expression` is translated)', node);
    const result = this.expr(body, inner);
    return py(`lambda${params.length > 0 ? ' ' + params.join(', ') : ''}: ${wrap(result, P.LAMBDA)}`, P.LAMBDA, 'fn');
  }

  // ---- property access ----

  member(node: any, scope: Scope, lenient: boolean): Py {
    const o = node.object;
    if (o.type === 'Identifier' && !node.computed && scope.lookup(o.name) === undefined && (o.name === 'Math' || o.name === 'Number')) {
      return this.constant(o.name, node.property.name, node);
    }
    return this.access(node, this.expr(node.object, scope, lenient), scope, lenient);
  }

  /** `Math.PI`, `Number.MAX_SAFE_INTEGER`, …: math's names where it has them, else the value. */
  constant(object: string, name: string, node: any): Py {
    if (object === 'Math' && (name === 'PI' || name === 'E')) return py(`${this.module('math')}.${name.toLowerCase()}`, P.ATOM, 'num', true);
    const value: unknown = (object === 'Math' ? (Math as unknown as Record<string, unknown>) : (Number as unknown as Record<string, unknown>))[name];
    if (typeof value !== 'number' || Number.isNaN(value)) throw new Refusal(`reads ${object}.${name}, which is not translated`, node);
    const code = pyNumber(value);
    if (code.includes('math.')) this.module('math');
    return py(code, code.startsWith('-') ? P.UNARY : P.ATOM, 'num', true);
  }

  /**
   * An optional chain `a?.b.c`: the whole rest of the chain is skipped (None) when the object
   * before `?.` is null or undefined. Properties read in a chain may be missing (None).
   */
  chain(node: any, scope: Scope): Py {
    const links: any[] = [];
    let base = node;
    while (base.type === 'MemberExpression') {
      links.unshift(base);
      base = base.object;
    }
    if (base.type === 'CallExpression' || links.length === 0) throw new Refusal('calls a function in an optional chain', node);
    const build = (current: Py, rest: any[]): Py => {
      if (rest.length === 0) return current;
      const [link, ...more] = rest;
      if (!link.optional) return build(this.access(link, current, scope, true), more);
      return this.guarded(current, scope, (o) => build(this.access(link, o, scope, true), more));
    };
    return build(this.expr(base, scope, true), links);
  }

  /** `None if o is None else f(o)`, for `o?.…`. */
  guarded(object: Py, scope: Scope, f: (o: Py) => Py): Py {
    if (object.simple) {
      const inner = f(object);
      return py(`None if ${wrap(object, P.CMP + 1)} is None else ${wrap(inner, P.COND)}`, P.COND, 'any');
    }
    const t = this.temp(scope);
    const inner = f(py(t, P.ATOM, object.kind, true));
    return py(`None if (${t} := ${object.code}) is None else ${wrap(inner, P.COND)}`, P.COND, 'any');
  }

  access(node: any, object: Py, scope: Scope, lenient: boolean): Py {
    let key: string | number | null = null;
    if (!node.computed) key = node.property.name;
    else if (node.property.type === 'Literal' && (typeof node.property.value === 'string' || typeof node.property.value === 'number')) {
      key = node.property.value;
    }
    if (object.kind === 'num' || object.kind === 'bool' || object.kind === 'fn') {
      throw new Refusal(`reads a property of a ${object.kind === 'fn' ? 'function' : 'number or boolean'}`, node);
    }
    if (object.kind === 'none') throw new Refusal('reads a property of null or undefined', node);
    const o = wrap(object, P.ATOM);
    if (key === 'length') {
      if (object.kind === 'arr') return py(`len(${object.code})`, P.ATOM, 'num');
      if (object.kind === 'obj') return py(`${o}.get("length")`, P.ATOM, 'any');
      return py(`${this.helper('js_len')}(${object.code})`, P.ATOM, 'num');
    }
    if (typeof key === 'string') {
      if (/^(0|[1-9]\d*)$/.test(key)) key = Number(key);
      else {
        if (object.kind === 'arr' || object.kind === 'str') throw new Refusal(`reads '.${key}' of an array or a string`, node);
        return lenient ? py(`${o}.get(${pyString(key)})`, P.ATOM) : py(`${o}[${pyString(key)}]`, P.ATOM);
      }
    }
    if (typeof key === 'number') {
      if (!Number.isInteger(key) || key < 0) {
        if (object.kind === 'obj') return py(`${o}[${pyString(String(key))}]`, P.ATOM);
        throw new Refusal(`reads the element [${key}], which JavaScript reads as a missing property`, node);
      }
      if (object.kind === 'obj') {
        return py(lenient ? `${o}.get(${pyString(String(key))})` : `${o}[${pyString(String(key))}]`, P.ATOM);
      }
      // Strings index UTF-16 units, and a lenient read of a missing element is None.
      if (lenient || object.kind === 'str') return py(`${this.helper('js_get')}(${object.code}, ${key})`, P.ATOM);
      return py(`${o}[${key}]`, P.ATOM);
    }
    // A computed index: `a[a.length - k]` reads from the end.
    const prop = node.property;
    if (
      prop.type === 'BinaryExpression' &&
      prop.operator === '-' &&
      prop.left.type === 'MemberExpression' &&
      !prop.left.computed &&
      prop.left.property.name === 'length' &&
      this.text(prop.left.object) === this.text(node.object) &&
      object.simple &&
      prop.right.type === 'Literal' &&
      Number.isInteger(prop.right.value) &&
      prop.right.value >= 1 &&
      (object.kind === 'arr' || object.kind === 'any') &&
      !lenient
    ) {
      return py(`${o}[-${prop.right.value}]`, P.ATOM);
    }
    const index = this.expr(prop, scope);
    return py(`${this.helper('js_get')}(${object.code}, ${index.code})`, P.ATOM);
  }

  // ---- operators ----

  unary(node: any, scope: Scope): Py {
    switch (node.operator) {
      case '!':
        return py(`not ${wrap(this.cond(node.argument, scope), P.NOT)}`, P.NOT, 'bool');
      case '-': {
        const a = this.numeric(this.expr(node.argument, scope), node);
        if (node.argument.type === 'Literal') {
          const code = pyNumber(-node.argument.value);
          if (code.startsWith('math.') || code.startsWith('-math.')) this.module('math');
          return py(code, code.startsWith('-') ? P.UNARY : P.ATOM, 'num', true);
        }
        return py(`-${wrap(a, P.UNARY)}`, P.UNARY, 'num');
      }
      case '+': {
        const a = this.expr(node.argument, scope);
        if (a.kind === 'num') return a;
        return py(`${this.helper('js_number')}(${a.code})`, P.ATOM, 'num');
      }
      case 'typeof': {
        const a = this.expr(node.argument, scope, true);
        return py(`${this.helper('js_typeof')}(${a.code})`, P.ATOM, 'str');
      }
      default:
        throw new Refusal(`uses the ${node.operator} operator`, node);
    }
  }

  /** An operand of arithmetic: refused when it is statically not a number. */
  numeric(e: Py, node: any): Py {
    if (e.kind === 'str' || e.kind === 'arr' || e.kind === 'obj' || e.kind === 'none' || e.kind === 'fn') {
      throw new Refusal(`does arithmetic on a value that is not a number (JavaScript converts it): ${this.text(node)}`, node);
    }
    return e;
  }

  binary(op: string, left: any, right: any, scope: Scope, node: any): Py {
    switch (op) {
      case '+': {
        const a = this.expr(left, scope);
        const b = this.expr(right, scope);
        if (a.kind === 'str' || b.kind === 'str') {
          // js_str converts the other side as JavaScript does (numbers, null, arrays, objects).
          const sa = this.toStr(a);
          const sb = this.toStr(b);
          return py(`${wrap(sa, P.ADD)} + ${wrap(sb, P.ADD + 1)}`, P.ADD, 'str');
        }
        if (a.kind === 'arr' || a.kind === 'obj' || b.kind === 'arr' || b.kind === 'obj' || a.kind === 'none' || b.kind === 'none') {
          throw new Refusal(`adds a value that is not a number or a string (JavaScript converts it): ${this.text(node)}`, node);
        }
        // With a number on one side, the sum is a number (or Python raises on a string).
        return py(`${wrap(a, P.ADD)} + ${wrap(b, P.ADD + 1)}`, P.ADD, a.kind === 'num' || b.kind === 'num' ? 'num' : 'any');
      }
      case '-':
      case '*':
      case '/': {
        const a = this.numeric(this.expr(left, scope), left);
        const b = this.numeric(this.expr(right, scope), right);
        const prec = op === '-' ? P.ADD : P.MUL;
        return py(`${wrap(a, prec)} ${op} ${wrap(b, prec + 1)}`, prec, 'num');
      }
      case '%': {
        const a = this.numeric(this.expr(left, scope), left);
        const b = this.numeric(this.expr(right, scope), right);
        return py(`${this.module('math')}.fmod(${a.code}, ${b.code})`, P.ATOM, 'num');
      }
      case '**': {
        const a = this.numeric(this.expr(left, scope), left);
        const b = this.numeric(this.expr(right, scope), right);
        if (right.type === 'Literal' && Number.isInteger(right.value) && right.value >= 0 && right.value <= 64) {
          return py(`${wrap(a, P.POW + 1)} ** ${b.code}`, P.POW, 'num');
        }
        return py(`${this.module('math')}.pow(${a.code}, ${b.code})`, P.ATOM, 'num');
      }
      case '===':
      case '!==':
      case '==':
      case '!=':
        return this.equality(op, left, right, scope, node);
      case '<':
      case '<=':
      case '>':
      case '>=': {
        const a = this.expr(left, scope);
        const b = this.expr(right, scope);
        const ok = (k: Kind): boolean => k === 'num' || k === 'str' || k === 'any';
        if (!ok(a.kind) || !ok(b.kind) || (a.kind !== b.kind && a.kind !== 'any' && b.kind !== 'any')) {
          throw new Refusal(`compares values of different kinds (JavaScript converts them): ${this.text(node)}`, node);
        }
        return py(`${wrap(a, P.CMP + 1)} ${op} ${wrap(b, P.CMP + 1)}`, P.CMP, 'bool');
      }
      default:
        throw new Refusal(`uses the ${op} operator`, node);
    }
  }

  equality(op: string, left: any, right: any, scope: Scope, node: any): Py {
    const negate = op.startsWith('!');
    const isNullish = (n: any): boolean =>
      (n.type === 'Literal' && n.value === null && !n.regex) || (n.type === 'Identifier' && n.name === 'undefined' && !scope.lookup('undefined'));
    if (isNullish(left) || isNullish(right)) {
      const other = isNullish(left) ? right : left;
      if (isNullish(other)) return py(negate ? 'False' : 'True', P.ATOM, 'bool', true);
      const e = this.expr(other, scope, true);
      return py(`${wrap(e, P.CMP + 1)} ${negate ? 'is not' : 'is'} None`, P.CMP, 'bool');
    }
    if (op === '==' || op === '!=') {
      throw new Refusal(`uses ${op}, which converts its operands; write ${op}= instead`, node);
    }
    const isBool = (n: any): boolean => n.type === 'Literal' && typeof n.value === 'boolean';
    if (isBool(left) || isBool(right)) {
      const other = isBool(left) ? right : left;
      const value = (isBool(left) ? left : right).value as boolean;
      const e = this.expr(other, scope);
      return py(`${wrap(e, P.CMP + 1)} ${negate ? 'is not' : 'is'} ${value ? 'True' : 'False'}`, P.CMP, 'bool');
    }
    // `x % n === 0` tests divisibility: the sign convention of % does not matter.
    const isZero = (n: any): boolean => n.type === 'Literal' && n.value === 0;
    const isMod = (n: any): boolean => n.type === 'BinaryExpression' && n.operator === '%';
    let a: Py;
    let b: Py;
    if ((isZero(right) && isMod(left)) || (isZero(left) && isMod(right))) {
      const m = isMod(left) ? left : right;
      const x = this.numeric(this.expr(m.left, scope), m.left);
      const y = this.numeric(this.expr(m.right, scope), m.right);
      a = py(`${wrap(x, P.MUL)} % ${wrap(y, P.MUL + 1)}`, P.MUL, 'num');
      b = py('0', P.ATOM, 'num', true);
    } else {
      a = this.expr(left, scope);
      b = this.expr(right, scope);
    }
    const identity = (k: Kind): boolean => k === 'arr' || k === 'obj' || k === 'fn';
    if (identity(a.kind) || identity(b.kind)) {
      throw new Refusal(`compares arrays or objects with ${op}, which compares identities in JavaScript`, node);
    }
    // In Python True == 1; in JavaScript true !== 1.
    if ((a.kind === 'bool' && b.kind !== 'bool' && b.kind !== 'any') || (b.kind === 'bool' && a.kind !== 'bool' && a.kind !== 'any')) {
      throw new Refusal(`compares a boolean with a value of another kind (${this.text(node)})`, node);
    }
    return py(`${wrap(a, P.CMP + 1)} ${negate ? '!=' : '=='} ${wrap(b, P.CMP + 1)}`, P.CMP, 'bool');
  }

  logical(node: any, scope: Scope): Py {
    const op = node.operator;
    const a = this.expr(node.left, scope, op === '??' || op === '||');
    const b = this.expr(node.right, scope);
    const kind: Kind = a.kind === b.kind ? a.kind : 'any';
    if (op === '??') {
      if (a.simple) return py(`${wrap(a, P.OR)} if ${wrap(a, P.CMP + 1)} is not None else ${wrap(b, P.COND)}`, P.COND, kind);
      const t = this.temp(scope);
      return py(`${t} if (${t} := ${a.code}) is not None else ${wrap(b, P.COND)}`, P.COND, kind);
    }
    // Python's `and`/`or` give JavaScript's results when the left side's truth is the same in both.
    if (a.kind === 'bool' || a.kind === 'num' || a.kind === 'str') {
      const [word, prec] = op === '&&' ? ['and', P.AND] : ['or', P.OR];
      return py(`${wrap(a, prec)} ${word} ${wrap(b, prec + 1)}`, prec, kind);
    }
    // Arrays, objects and functions are always true; null and undefined always false.
    if (a.kind === 'arr' || a.kind === 'obj' || a.kind === 'fn') return op === '&&' ? b : a;
    if (a.kind === 'none') return op === '&&' ? a : b;
    const truthy = this.helper('js_truthy');
    const t = a.simple ? a.code : this.temp(scope);
    const test = a.simple ? `${truthy}(${t})` : `${truthy}(${t} := ${a.code})`;
    return op === '&&'
      ? py(`${wrap(b, P.OR)} if ${test} else ${t}`, P.COND, kind)
      : py(`${t} if ${test} else ${wrap(b, P.COND)}`, P.COND, kind);
  }

  // ---- calls ----

  call(node: any, scope: Scope): Py {
    if (node.optional) throw new Refusal('uses an optional call ?.()', node);
    const callee = node.callee;
    const args = node.arguments as any[];
    if (callee.type === 'Identifier') {
      const local = scope.lookup(callee.name);
      if (local !== undefined) {
        if (local.kind !== 'fn') throw new Refusal(`calls '${callee.name}', which is not known to be a function`, node);
        return py(`${local.name}(${this.args(args, scope).join(', ')})`, P.ATOM);
      }
      return this.globalCall(callee.name, args, scope, node);
    }
    if (callee.type !== 'MemberExpression' || callee.computed) throw new Refusal(`calls ${this.text(callee)}, which is not translated`, node);
    const method = callee.property.name as string;
    if (callee.object.type === 'Identifier' && scope.lookup(callee.object.name) === undefined) {
      return this.staticCall(callee.object.name, method, args, scope, node);
    }
    if (callee.optional) throw new Refusal('calls a method through ?.', node);
    const receiver = this.expr(callee.object, scope);
    return this.method(receiver, method, args, scope, node, callee.object);
  }

  args(args: any[], scope: Scope): string[] {
    return args.map((a) => {
      if (a.type === 'SpreadElement') throw new Refusal('spreads arguments', a);
      return wrap(this.expr(a, scope), P.LAMBDA);
    });
  }

  arity(args: any[], min: number, max: number, node: any): void {
    if (args.length < min || args.length > max || args.some((a) => a.type === 'SpreadElement')) {
      throw new Refusal(`calls ${this.text(node.callee)} with arguments that are not translated`, node);
    }
  }

  globalCall(name: string, args: any[], scope: Scope, node: any): Py {
    switch (name) {
      case 'String':
        this.arity(args, 1, 1, node);
        return this.toStr(this.expr(args[0], scope));
      case 'Number':
        this.arity(args, 1, 1, node);
        return py(`${this.helper('js_number')}(${this.expr(args[0], scope).code})`, P.ATOM, 'num');
      case 'Boolean':
        this.arity(args, 1, 1, node);
        return this.cond(args[0], scope);
      default:
        throw new Refusal(`calls ${name}(), which is not translated`, node);
    }
  }

  staticCall(object: string, name: string, args: any[], scope: Scope, node: any): Py {
    const one = (): Py => {
      this.arity(args, 1, 1, node);
      return this.expr(args[0], scope);
    };
    const num = (code: string): Py => py(code, P.ATOM, 'num');
    if (object === 'Math') {
      const math = (f: string, n = 1): Py => {
        this.arity(args, n, n, node);
        return num(`${this.module('math')}.${f}(${args.map((a) => this.numeric(this.expr(a, scope), a).code).join(', ')})`);
      };
      switch (name) {
        case 'abs':
          return num(`abs(${this.numeric(one(), node).code})`);
        case 'floor':
        case 'ceil':
        case 'trunc':
        case 'sqrt':
        case 'exp':
        case 'expm1':
        case 'log':
        case 'log2':
        case 'log10':
        case 'log1p':
        case 'sin':
        case 'cos':
        case 'tan':
        case 'asin':
        case 'acos':
        case 'atan':
        case 'sinh':
        case 'cosh':
        case 'tanh':
        case 'cbrt':
          return math(name);
        case 'atan2':
        case 'pow':
          return math(name, 2);
        case 'hypot':
          if (args.length === 0) throw new Refusal('calls Math.hypot() without arguments', node);
          return math(name, args.length);
        case 'round':
          return num(`${this.helper('js_round')}(${this.numeric(one(), node).code})`);
        case 'sign':
          return num(`${this.helper('js_sign')}(${this.numeric(one(), node).code})`);
        case 'min':
        case 'max': {
          if (args.length === 0) throw new Refusal(`calls Math.${name}() without arguments`, node);
          if (args.length === 1 && args[0].type === 'SpreadElement') {
            return num(`${name}(${this.expr(args[0].argument, scope).code})`);
          }
          // Python's min and max return the argument itself: a boolean would stay a boolean.
          const operand = (a: any): Py => {
            const e = this.numeric(this.expr(a, scope), a);
            if (e.kind === 'bool') throw new Refusal(`passes a boolean to Math.${name}()`, a);
            return e;
          };
          if (args.length === 1) return operand(args[0]);
          const parts = args.map((a) =>
            a.type === 'SpreadElement' ? `*${wrap(this.expr(a.argument, scope), P.ADD)}` : wrap(operand(a), P.LAMBDA),
          );
          return num(`${name}(${parts.join(', ')})`);
        }
        case 'random':
          this.arity(args, 0, 0, node);
          return num(`${this.module('random')}.random()`);
        default:
          throw new Refusal(`calls Math.${name}(), which is not translated`, node);
      }
    }
    if (object === 'JSON' && name === 'stringify') return py(`${this.helper('js_json')}(${one().code})`, P.ATOM, 'str');
    if (object === 'JSON' && name === 'parse') return py(`${this.module('json')}.loads(${one().code})`, P.ATOM);
    if (object === 'Object' && name === 'keys') return py(`tuple(${one().code})`, P.ATOM, 'arr');
    if (object === 'Object' && name === 'values') return py(`tuple(${wrap(one(), P.ATOM)}.values())`, P.ATOM, 'arr');
    if (object === 'Object' && name === 'entries') return py(`tuple(${wrap(one(), P.ATOM)}.items())`, P.ATOM, 'arr');
    if (object === 'Array' && name === 'isArray') return py(`isinstance(${one().code}, (list, tuple))`, P.ATOM, 'bool');
    if (object === 'Number' && name === 'isInteger') return py(`${this.helper('js_is_integer')}(${one().code})`, P.ATOM, 'bool');
    if (object === 'Date' && name === 'now') {
      this.arity(args, 0, 0, node);
      return num(`${this.module('time')}.time_ns() // 1000000`);
    }
    if (object === 'console' && name === 'log') {
      const parts = args.map((a) => {
        if (a.type === 'SpreadElement') throw new Refusal('spreads arguments', a);
        const e = this.expr(a, scope);
        if (e.kind === 'str') return e.code;
        if (e.kind === 'num' || e.kind === 'bool' || e.kind === 'none') return this.toStr(e).code;
        throw new Refusal('logs a value whose kind is unknown (console.log formats objects its own way)', a);
      });
      return py(`print(${parts.join(', ')})`, P.ATOM, 'none');
    }
    throw new Refusal(`calls ${object}.${name}(), which is not translated`, node);
  }

  /** The callback of an array method: its parameters and body (an expression). */
  callback(fn: any, scope: Scope, maxParams: number, node: any): { inner: Scope; params: string[]; body: any } {
    if (fn?.type === 'Identifier' && ['Number', 'String', 'Boolean'].includes(fn.name) && scope.lookup(fn.name) === undefined) {
      // xs.map(Number): the element through the conversion (the index and array are ignored).
      const inner = new Scope(scope, this.fnState);
      const param = inner.declare('v', 'any', true, false).name;
      const id = { type: 'Identifier', name: 'v', start: fn.start, end: fn.end };
      return { inner, params: [param], body: { type: 'CallExpression', callee: fn, arguments: [id], start: fn.start, end: fn.end } };
    }
    if (!fn || (fn.type !== 'ArrowFunctionExpression' && fn.type !== 'FunctionExpression')) {
      throw new Refusal('passes a callback that is not an inline function', node);
    }
    if (fn.async || fn.generator) throw new Refusal('passes an async or generator callback', fn);
    const body = lambdaBody(fn);
    if (body === null) throw new Refusal('passes a callback with statements (only `=> expression` is translated)', fn);
    if (fn.params.length > maxParams || !fn.params.every((p: any) => p.type === 'Identifier')) {
      throw new Refusal('passes a callback with parameters that are not translated', fn);
    }
    const inner = new Scope(scope, this.fnState);
    const params = fn.params.map((p: any) => inner.declare(p.name, 'any', true, false).name);
    return { inner, params, body };
  }

  method(recv: Py, name: string, args: any[], scope: Scope, node: any, recvNode: any): Py {
    const r = wrap(recv, P.ATOM);
    const isStr = recv.kind === 'str';
    const isArr = recv.kind === 'arr';
    const strOnly = (): void => {
      if (recv.kind !== 'str' && recv.kind !== 'any') throw new Refusal(`calls .${name}() on something that is not a string`, node);
    };
    const arrOnly = (): void => {
      if (recv.kind !== 'arr' && recv.kind !== 'any') throw new Refusal(`calls .${name}() on something that is not an array`, node);
    };
    const arg = (i: number): Py => this.expr(args[i], scope);
    const strArg = (i: number): Py => {
      const e = arg(i);
      if (e.kind !== 'str' && e.kind !== 'any') throw new Refusal(`passes .${name}() an argument that is not a string`, args[i]);
      return e;
    };
    const str = (code: string, prec: number = P.ATOM): Py => py(code, prec, 'str');
    switch (name) {
      case 'toUpperCase':
      case 'toLowerCase':
        strOnly();
        this.arity(args, 0, 0, node);
        return str(`${r}.${name === 'toUpperCase' ? 'upper' : 'lower'}()`);
      case 'trim':
      case 'trimStart':
      case 'trimEnd':
        strOnly();
        this.arity(args, 0, 0, node);
        return str(`${r}.${name === 'trim' ? 'strip' : name === 'trimStart' ? 'lstrip' : 'rstrip'}()`);
      case 'startsWith':
      case 'endsWith':
        strOnly();
        this.arity(args, 1, 1, node);
        return py(`${r}.${name.toLowerCase()}(${strArg(0).code})`, P.ATOM, 'bool');
      case 'split': {
        strOnly();
        this.arity(args, 0, 1, node);
        if (args.length === 0) return py(`(${recv.code},)`, P.ATOM, 'arr');
        if (args[0].type === 'Literal' && args[0].value === '') throw new Refusal("splits a string into UTF-16 units with split('')", node);
        return py(`tuple(${r}.split(${strArg(0).code}))`, P.ATOM, 'arr');
      }
      case 'replace':
      case 'replaceAll': {
        strOnly();
        this.arity(args, 2, 2, node);
        const pattern = strArg(0);
        if (args[1].type !== 'Literal' || typeof args[1].value !== 'string') {
          throw new Refusal(`passes .${name}() a replacement that is not a string literal`, args[1]);
        }
        if (args[1].value.includes('$')) throw new Refusal(`passes .${name}() a replacement with $ patterns`, args[1]);
        return str(`${r}.replace(${pattern.code}, ${pyString(args[1].value)}${name === 'replace' ? ', 1' : ''})`);
      }
      case 'repeat':
        strOnly();
        this.arity(args, 1, 1, node);
        if (args[0].type !== 'Literal' || !Number.isInteger(args[0].value) || args[0].value < 0) {
          throw new Refusal('repeats a string a number of times that is not a literal', node);
        }
        return str(`${wrap(recv, P.MUL)} * ${args[0].value}`, P.MUL);
      case 'padStart':
      case 'padEnd': {
        strOnly();
        this.arity(args, 1, 2, node);
        const parts = [recv.code, arg(0).code];
        if (args.length > 1) parts.push(strArg(1).code);
        else parts.push('" "');
        if (name === 'padEnd') parts.push('False');
        return str(`${this.helper('js_pad')}(${parts.join(', ')})`);
      }
      case 'charAt':
        strOnly();
        this.arity(args, 0, 1, node);
        return str(`${this.helper('js_char_at')}(${recv.code}${args.length > 0 ? `, ${arg(0).code}` : ''})`);
      case 'at':
        this.arity(args, 1, 1, node);
        return py(`${this.helper('js_at')}(${recv.code}, ${arg(0).code})`, P.ATOM);
      case 'includes': {
        this.arity(args, 1, 1, node);
        if (recv.kind === 'obj' || recv.kind === 'num' || recv.kind === 'bool') throw new Refusal('calls .includes() on something that is not a string or an array', node);
        const needle = isStr ? strArg(0) : arg(0);
        return py(`${wrap(needle, P.CMP + 1)} in ${wrap(recv, P.CMP + 1)}`, P.CMP, 'bool');
      }
      case 'indexOf':
        this.arity(args, 1, 1, node);
        return py(`${this.helper('js_index_of')}(${recv.code}, ${arg(0).code})`, P.ATOM, 'num');
      case 'slice': {
        this.arity(args, 0, 2, node);
        const bounds = args.map((_, i) => this.numeric(arg(i), args[i]));
        if (isArr) {
          const [a, b] = bounds;
          return py(`${r}[${a ? a.code : ''}:${b ? b.code : ''}]`, P.ATOM, 'arr');
        }
        return py(`${this.helper('js_slice')}(${[recv.code, ...bounds.map((b) => b.code)].join(', ')})`, P.ATOM, recv.kind);
      }
      case 'join': {
        arrOnly();
        this.arity(args, 0, 1, node);
        return str(`${this.helper('js_join')}(${recv.code}${args.length > 0 ? `, ${strArg(0).code}` : ''})`);
      }
      case 'toString':
        this.arity(args, 0, 0, node);
        return this.toStr(recv);
      case 'toFixed': {
        if (recv.kind !== 'num' && recv.kind !== 'any') throw new Refusal('calls .toFixed() on something that is not a number', node);
        this.arity(args, 0, 1, node);
        return str(`${this.helper('js_to_fixed')}(${recv.code}${args.length > 0 ? `, ${this.numeric(arg(0), args[0]).code}` : ''})`);
      }
      case 'concat': {
        arrOnly();
        const parts = [`*${wrap(recv, P.ADD)}`];
        for (const a of args) {
          const e = this.expr(a, scope);
          if (e.kind !== 'arr') throw new Refusal('passes .concat() something that is not an array literal', a);
          parts.push(`*${wrap(e, P.ADD)}`);
        }
        return py(parts.length === 1 ? `(${parts[0]},)` : `(${parts.join(', ')})`, P.ATOM, 'arr');
      }
      case 'map':
      case 'filter':
      case 'some':
      case 'every':
      case 'find':
      case 'findIndex': {
        arrOnly();
        this.arity(args, 1, 1, node);
        const { inner, params, body } = this.callback(args[0], scope, 2, node);
        const loop = params.length === 2 ? `${params[1]}, ${params[0]} in enumerate(${recv.code})` : `${params[0] ?? '_'} in ${wrap(recv, P.OR)}`;
        const item = params[0] ?? '_';
        if (params.length === 0) inner.fn.taken.add('_');
        switch (name) {
          case 'map':
            return py(`tuple(${wrap(this.expr(body, inner), P.COND)} for ${loop})`, P.ATOM, 'arr');
          case 'filter':
            return py(`tuple(${item} for ${loop} if ${wrap(this.cond(body, inner), P.COND)})`, P.ATOM, 'arr');
          case 'some':
            return py(`any(${wrap(this.cond(body, inner), P.COND)} for ${loop})`, P.ATOM, 'bool');
          case 'every':
            return py(`all(${wrap(this.cond(body, inner), P.COND)} for ${loop})`, P.ATOM, 'bool');
          case 'find':
            return py(`next((${item} for ${loop} if ${wrap(this.cond(body, inner), P.COND)}), None)`, P.ATOM);
          default: {
            const index = params.length === 2 ? params[1] : this.temp(inner);
            const enumerated = `${index}, ${item} in enumerate(${recv.code})`;
            return py(`next((${index} for ${enumerated} if ${wrap(this.cond(body, inner), P.COND)}), -1)`, P.ATOM, 'num');
          }
        }
      }
      case 'reduce': {
        arrOnly();
        this.arity(args, 1, 2, node);
        const { inner, params, body } = this.callback(args[0], scope, 2, node);
        if (params.length !== 2) throw new Refusal('passes .reduce() a callback without two parameters', node);
        const f = `lambda ${params.join(', ')}: ${wrap(this.expr(body, inner), P.LAMBDA)}`;
        const init = args.length > 1 ? `, ${wrap(arg(1), P.LAMBDA)}` : '';
        return py(`${this.module('functools')}.reduce(${f}, ${recv.code}${init})`, P.ATOM);
      }
      case 'sort':
      case 'toSorted': {
        arrOnly();
        this.arity(args, 0, 1, node);
        if (name === 'sort' && !isFresh(recvNode)) {
          throw new Refusal('sorts an array in place (.sort() changes its input); copy it first: [...xs].sort(…)', node);
        }
        return py(`tuple(${this.sorted(recv, args[0], scope, node)})`, P.ATOM, 'arr');
      }
      default:
        if (isStr || isArr) throw new Refusal(`calls .${name}(), which is not translated`, node);
        throw new Refusal(`calls .${name}(), which is not translated`, node);
    }
  }

  sorted(recv: Py, comparator: any, scope: Scope, node: any): string {
    if (comparator === undefined) return `sorted(${recv.code}, key=${this.helper('js_str')})`;
    const { inner, params, body } = this.callback(comparator, scope, 2, node);
    if (params.length === 2 && body.type === 'BinaryExpression' && body.operator === '-') {
      const [a, b] = comparator.params.map((p: any) => p.name);
      const l = body.left;
      const r = body.right;
      const same = (x: any, y: any, name: string): boolean => x.type === 'Identifier' && x.name === name && y.type === 'Identifier';
      if (same(l, r, a) && r.name === b) return `sorted(${recv.code})`;
      if (same(l, r, b) && r.name === a) return `sorted(${recv.code}, reverse=True)`;
    }
    const f = `lambda ${params.join(', ')}: ${wrap(this.expr(body, inner), P.LAMBDA)}`;
    return `sorted(${recv.code}, key=${this.module('functools')}.cmp_to_key(${f}))`;
  }
}

// ---- small AST helpers -----------------------------------------------------------------------------

function isSimpleParam(p: any): boolean {
  return p.type === 'Identifier' || (p.type === 'AssignmentPattern' && p.left.type === 'Identifier') || (p.type === 'RestElement' && p.argument.type === 'Identifier');
}

function isLiteralNode(n: any): boolean {
  return n.type === 'Literal' || (n.type === 'UnaryExpression' && n.operator === '-' && n.argument.type === 'Literal');
}

/** The expression an inner function returns: its body, or its block's single `return`. */
function lambdaBody(fn: any): any {
  if (fn.expression) return fn.body;
  const stmts = fn.body.body;
  if (stmts.length === 1 && stmts[0].type === 'ReturnStatement' && stmts[0].argument) return stmts[0].argument;
  return null;
}

/** An expression that yields a new array, which `.sort()` may change. */
function isFresh(n: any): boolean {
  if (n.type === 'ArrayExpression') return true;
  if (n.type === 'CallExpression' && n.callee.type === 'MemberExpression' && !n.callee.computed) {
    return ['slice', 'map', 'filter', 'concat', 'toSorted'].includes(n.callee.property.name);
  }
  return false;
}

function describeNode(n: any): string {
  const names: Record<string, string> = {
    AssignmentExpression: 'an assignment',
    UpdateExpression: 'the ++ or -- operator',
    NewExpression: 'new',
    ThisExpression: 'this',
    SequenceExpression: 'the comma operator',
    TaggedTemplateExpression: 'a tagged template',
    AwaitExpression: 'await',
    YieldExpression: 'yield',
    ClassExpression: 'a class',
    ForStatement: 'for (;;) loop',
    ForInStatement: 'for…in loop',
    DoWhileStatement: 'do…while loop',
    SwitchStatement: 'switch statement',
    TryStatement: 'try statement',
    ThrowStatement: 'throw statement',
    FunctionDeclaration: 'function declaration',
    ClassDeclaration: 'class declaration',
    LabeledStatement: 'labelled statement',
    MetaProperty: 'new.target or import.meta',
    ImportExpression: 'import()',
  };
  return names[n.type] ?? n.type;
}

function position(source: string, offset: number): { line: number; column: number } {
  const before = source.slice(0, Math.max(0, offset));
  const lines = before.split('\n');
  return { line: lines.length, column: lines[lines.length - 1]!.length + 1 };
}

// ---- entry point -----------------------------------------------------------------------------------

/**
 * Translates one user function (the source text of a function expression) into Python: a lambda
 * when it is an expression, else a `def` named `options.defName`. Never throws: what cannot be
 * translated faithfully gives `ok: false` with the reason.
 */
export function translateFunction(source: string, options: TranslateOptions = {}): Translation {
  let program: any;
  try {
    program = parse(`(${source}\n)`, { ecmaVersion: 'latest', sourceType: 'script' });
  } catch (error) {
    return { ok: false, reason: `does not parse: ${error instanceof Error ? error.message : String(error)}` };
  }
  const statement = program.body.length === 1 ? program.body[0] : undefined;
  const fn = statement?.type === 'ExpressionStatement' ? statement.expression : undefined;
  if (fn?.type !== 'ArrowFunctionExpression' && fn?.type !== 'FunctionExpression') {
    return { ok: false, reason: 'is not a function expression' };
  }
  const t = new Translator(`(${source}\n)`);
  try {
    const { expression, definition } = t.translateTop(fn, options.defName ?? 'func');
    const result: PythonFunction = { expression, helpers: [...t.helpers].sort(), modules: [...t.modules].sort() };
    if (definition !== undefined) result.definition = definition;
    return { ok: true, fn: result };
  } catch (error) {
    if (error instanceof Refusal) {
      const at = error.node ? position(source, error.node.start - 1) : undefined;
      return { ok: false, reason: error.message, ...at };
    }
    if (error instanceof RangeError) return { ok: false, reason: 'is nested too deeply to translate' };
    throw error;
  }
}

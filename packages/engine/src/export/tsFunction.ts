// A user function inlined into the TypeScript program as written, with one change: its
// parameters (and those of the functions inside it) are typed `any`, as a JavaScript function is,
// so the program typechecks under `strict` whatever the elements are.
import { parse } from 'acorn';

interface Insertion {
  at: number;
  text: string;
}

/** `x => x * 2` becomes `(x: any) => x * 2`; returns the source unchanged if it does not parse. */
export function typedFunction(source: string): string {
  const offset = 1;
  const wrapped = `(${source}\n)`;
  let program: any;
  try {
    program = parse(wrapped, { ecmaVersion: 'latest', sourceType: 'script' });
  } catch {
    return source;
  }
  const insertions: Insertion[] = [];
  visit(program, (node) => {
    if (node.type !== 'ArrowFunctionExpression' && node.type !== 'FunctionExpression' && node.type !== 'FunctionDeclaration') return;
    const params = node.params as any[];
    if (params.length === 0) return;
    // `x => …`: a single parameter without parentheses.
    const bare = node.type === 'ArrowFunctionExpression' && params.length === 1 && !wrapped.slice(node.start, params[0].start).includes('(');
    if (bare) insertions.push({ at: params[0].start, text: '(' });
    for (const p of params) {
      if (p.type === 'AssignmentPattern') insertions.push({ at: p.left.end, text: ': any' });
      else if (p.type === 'RestElement') insertions.push({ at: p.argument.end, text: ': any[]' });
      else insertions.push({ at: p.end, text: ': any' });
    }
    if (bare) insertions.push({ at: params[0].end, text: ')' });
  });
  // Right to left; at one position, the later insertion first, so the texts keep their order.
  const ordered = insertions.map((ins, i) => ({ ...ins, i })).sort((a, b) => b.at - a.at || b.i - a.i);
  let out = wrapped;
  for (const { at, text } of ordered) out = out.slice(0, at) + text + out.slice(at);
  return out.slice(offset, out.length - 2);
}

function visit(node: any, f: (node: any) => void): void {
  if (node === null || typeof node !== 'object') return;
  if (Array.isArray(node)) {
    for (const n of node) visit(n, f);
    return;
  }
  if (typeof node.type !== 'string') return;
  f(node);
  for (const key of Object.keys(node)) {
    if (key === 'start' || key === 'end' || key === 'type') continue;
    visit(node[key], f);
  }
}

/**
 * The names a function uses without declaring them (globals such as Math, or mistakes): a node's
 * variable must not take one, or the function would read the node. Approximate but cautious: a
 * name declared anywhere in the function counts as declared.
 */
export function freeIdentifiers(source: string): Set<string> {
  let program: any;
  try {
    program = parse(`(${source}\n)`, { ecmaVersion: 'latest', sourceType: 'script' });
  } catch {
    return new Set();
  }
  const declared = new Set<string>();
  const used = new Set<string>();
  const declare = (pattern: any): void => {
    if (pattern === null || pattern === undefined) return;
    if (pattern.type === 'Identifier') declared.add(pattern.name);
    else if (pattern.type === 'ObjectPattern') for (const p of pattern.properties) declare(p.type === 'RestElement' ? p.argument : p.value);
    else if (pattern.type === 'ArrayPattern') for (const e of pattern.elements) declare(e);
    else if (pattern.type === 'RestElement') declare(pattern.argument);
    else if (pattern.type === 'AssignmentPattern') declare(pattern.left);
  };
  visit(program, (node) => {
    switch (node.type) {
      case 'ArrowFunctionExpression':
      case 'FunctionExpression':
      case 'FunctionDeclaration':
        if (node.id) declared.add(node.id.name);
        for (const p of node.params) declare(p);
        break;
      case 'VariableDeclarator':
        declare(node.id);
        break;
      case 'CatchClause':
        declare(node.param);
        break;
      case 'ClassDeclaration':
      case 'ClassExpression':
        if (node.id) declared.add(node.id.name);
        break;
    }
  });
  // Identifiers that are read: not property names, object keys or labels.
  const skip = new WeakSet<object>();
  visit(program, (node) => {
    if (node.type === 'MemberExpression' && !node.computed) skip.add(node.property);
    if ((node.type === 'Property' || node.type === 'MethodDefinition' || node.type === 'PropertyDefinition') && !node.computed && !node.shorthand) skip.add(node.key);
    if (node.type === 'LabeledStatement' || node.type === 'BreakStatement' || node.type === 'ContinueStatement') if (node.label) skip.add(node.label);
    if (node.type === 'MetaProperty') {
      skip.add(node.meta);
      skip.add(node.property);
    }
    if (node.type === 'Identifier' && !skip.has(node)) used.add(node.name);
  });
  return new Set([...used].filter((n) => !declared.has(n)));
}

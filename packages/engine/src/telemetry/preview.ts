// Previews: a safe, bounded, JSON-able rendering of any value, for telemetry and the inspector.
// Never throws, never calls a getter, never runs more than a bounded amount of work, and the
// result's JSON never exceeds the size limit.
import type { Preview, PreviewTagged } from '../protocol/preview.js';

export interface PreviewLimits {
  /** Levels of containers shown; deeper ones are summarised. Default 4. */
  depth?: number;
  /** Characters of a string (and of a bigint's digits) kept. Default 200. */
  string?: number;
  /** Items of an array, Map, Set or typed array, and fields of an object, kept. Default 20. */
  items?: number;
  /** Bytes of the preview's JSON (UTF-8), at least 64. Default 4096. */
  size?: number;
}

export const PREVIEW_LIMITS: Readonly<Required<PreviewLimits>> = Object.freeze({ depth: 4, string: 200, items: 20, size: 4096 });

const MIN_SIZE = 64;
/** Bytes kept in reserve for what the last item and the open containers may add past the budget. */
const RESERVE_PER_LEVEL = 48;

/**
 * A bounded preview of any value: plain JSON values as they are; everything else (undefined, NaN,
 * ±Infinity, bigint, Date, Map, Set, typed arrays, Buffers, ArrayBuffer, DataView, Errors, functions,
 * symbols, class instances, cycles, unreadable values) as a tagged object. `previewSize` of the
 * result is at most `limits.size`. Never throws.
 */
export function preview(value: unknown, limits?: PreviewLimits): Preview {
  const l = normalise(limits);
  let budget = Math.max(l.size - (l.depth + 2) * RESERVE_PER_LEVEL, l.size / 2);
  for (let attempt = 0; attempt < 4; attempt++) {
    let result: Preview;
    let bound: number;
    try {
      const builder = new Builder(l, budget);
      result = builder.walk(value, 0);
      bound = builder.used;
    } catch {
      // The builder catches what values throw; this is for the unforeseen (a stack overflow).
      break;
    }
    // The builder's count is an upper bound of the size: measuring is needed only near the limit.
    if (bound <= l.size) return result;
    const size = previewSize(result);
    if (size <= l.size) return result;
    budget = Math.floor((budget * l.size) / size / 2);
  }
  return fallback();
}

/** The size of a preview: bytes of its JSON in UTF-8. */
export function previewSize(p: Preview): number {
  try {
    const text = JSON.stringify(p);
    return text === undefined ? 0 : utf8Length(text);
  } catch {
    return Number.POSITIVE_INFINITY;
  }
}

function normalise(limits: PreviewLimits | undefined): Required<PreviewLimits> {
  const pick = (key: keyof PreviewLimits, min: number, max: number) => {
    const v = limits?.[key];
    return typeof v === 'number' && Number.isFinite(v) ? Math.min(max, Math.max(min, Math.floor(v))) : PREVIEW_LIMITS[key];
  };
  return { depth: pick('depth', 0, 64), string: pick('string', 1, 1_000_000), items: pick('items', 0, 100_000), size: pick('size', MIN_SIZE, 100_000_000) };
}

/** What is left when even a small preview is too big (a tiny size limit): the bare marker. */
function fallback(): Preview {
  return { $type: 'truncated' };
}

// ---- the walk -----------------------------------------------------------------------------------

const TypedArrayPrototype = Object.getPrototypeOf(Uint8Array.prototype) as object;
const typedArrayTag = Object.getOwnPropertyDescriptor(TypedArrayPrototype, Symbol.toStringTag)!.get!;
const arrayBufferByteLength = Object.getOwnPropertyDescriptor(ArrayBuffer.prototype, 'byteLength')!.get!;
const sharedByteLength =
  typeof SharedArrayBuffer === 'function' ? Object.getOwnPropertyDescriptor(SharedArrayBuffer.prototype, 'byteLength')!.get! : undefined;
const dataViewBuffer = Object.getOwnPropertyDescriptor(DataView.prototype, 'buffer')!.get!;
const dataViewOffset = Object.getOwnPropertyDescriptor(DataView.prototype, 'byteOffset')!.get!;
const dataViewLength = Object.getOwnPropertyDescriptor(DataView.prototype, 'byteLength')!.get!;
const mapSize = Object.getOwnPropertyDescriptor(Map.prototype, 'size')!.get!;
const setSize = Object.getOwnPropertyDescriptor(Set.prototype, 'size')!.get!;
const regExpSource = Object.getOwnPropertyDescriptor(RegExp.prototype, 'source')!.get!;
const regExpFlags = Object.getOwnPropertyDescriptor(RegExp.prototype, 'flags')!.get!;

/** What an object is, found by internal-slot checks that work across realms (vm contexts). */
type Kind =
  | 'array'
  | 'Date'
  | 'Map'
  | 'Set'
  | 'typed'
  | 'ArrayBuffer'
  | 'SharedArrayBuffer'
  | 'DataView'
  | 'Error'
  | 'RegExp'
  | 'boxed'
  | 'object';

/**
 * The tag narrows the candidates without throwing (exceptions are slow, and most values are plain);
 * the internal-slot check confirms, so a spoofed Symbol.toStringTag only makes a plain object.
 */
function kindOf(v: object): Kind {
  if (Array.isArray(v)) return 'array';
  if (ArrayBuffer.isView(v)) return typedArrayTag.call(v) === undefined ? 'DataView' : 'typed';
  const proto = Object.getPrototypeOf(v) as object | null;
  if (proto === Object.prototype || proto === null) return 'object';
  switch (Object.prototype.toString.call(v)) {
    case '[object Date]':
      return has(() => Date.prototype.getTime.call(v)) ? 'Date' : 'object';
    case '[object Map]':
      return has(() => mapSize.call(v)) ? 'Map' : 'object';
    case '[object Set]':
      return has(() => setSize.call(v)) ? 'Set' : 'object';
    case '[object ArrayBuffer]':
      return has(() => arrayBufferByteLength.call(v)) ? 'ArrayBuffer' : 'object';
    case '[object SharedArrayBuffer]':
      return sharedByteLength !== undefined && has(() => sharedByteLength.call(v)) ? 'SharedArrayBuffer' : 'object';
    case '[object RegExp]':
      return has(() => regExpSource.call(v)) && v !== RegExp.prototype ? 'RegExp' : 'object';
    case '[object Error]':
      return 'Error';
    case '[object Number]':
    case '[object String]':
    case '[object Boolean]':
    case '[object BigInt]':
    case '[object Symbol]':
      return boxedValue(v) !== undefined ? 'boxed' : 'object';
    default:
      return 'object';
  }
}

function has(check: () => unknown): boolean {
  try {
    check();
    return true;
  } catch {
    return false;
  }
}

function boxedValue(v: object): { type: string; value: string } | undefined {
  const tries: Array<[string, () => unknown]> = [
    ['Number', () => Number.prototype.valueOf.call(v)],
    ['String', () => String.prototype.valueOf.call(v)],
    ['Boolean', () => Boolean.prototype.valueOf.call(v)],
    ['BigInt', () => BigInt.prototype.valueOf.call(v)],
    ['Symbol', () => Symbol.prototype.valueOf.call(v)],
  ];
  for (const [type, get] of tries) {
    try {
      const value = get();
      return { type, value: typeof value === 'symbol' ? (value.description ?? '') : String(value) };
    } catch {
      // not this one
    }
  }
  return undefined;
}

/** The name of an object's class: its prototype's own `constructor.name`, without running getters. */
function className(v: object): string | null {
  const proto = Object.getPrototypeOf(v) as object | null;
  if (proto === null || proto === Object.prototype) return null;
  const ctor = Object.getOwnPropertyDescriptor(proto, 'constructor')?.value as unknown;
  if (typeof ctor !== 'function') return Object.getPrototypeOf(proto) === null ? null : 'Object';
  const name = Object.getOwnPropertyDescriptor(ctor, 'name')?.value as unknown;
  // An object literal, from this realm or another: its prototype is an Object.prototype.
  if (name === 'Object' && Object.getPrototypeOf(proto) === null) return null;
  return typeof name === 'string' && name !== '' ? name.slice(0, 100) : 'anonymous';
}

function typedName(v: object): string {
  const tag = typedArrayTag.call(v) as string;
  try {
    if (tag === 'Uint8Array' && className(v) === 'Buffer') return 'Buffer';
  } catch {
    // a plain Uint8Array then
  }
  return tag;
}

/**
 * Walks a value into a preview. `used` counts bytes as it goes, never less than the JSON will
 * take; containers stop taking items once it reaches the budget.
 */
class Builder {
  used = 0;
  private readonly ancestors: object[] = [];

  constructor(
    private readonly limits: Required<PreviewLimits>,
    private readonly budget: number,
  ) {}

  private get full(): boolean {
    return this.used >= this.budget;
  }

  private spend(bytes: number): void {
    this.used += bytes;
  }

  walk(value: unknown, level: number): Preview {
    switch (typeof value) {
      case 'string':
        return this.string(value);
      case 'number':
        this.spend(26);
        if (Number.isNaN(value)) return { $type: 'NaN' };
        if (value === Infinity) return { $type: 'Infinity' };
        if (value === -Infinity) return { $type: '-Infinity' };
        return value === 0 ? 0 : value; // -0 has no JSON form
      case 'boolean':
        this.spend(5);
        return value;
      case 'undefined':
        this.spend(21);
        return { $type: 'undefined' };
      case 'bigint':
        return this.textTag('bigint', bigintText(value));
      case 'symbol':
        return this.textTag('symbol', value.description ?? '');
      case 'function':
        return this.textTag('function', functionName(value as object));
      default:
        break;
    }
    if (value === null) {
      this.spend(4);
      return null;
    }
    if (markers.has(value as object)) {
      if (value instanceof Accessor) {
        this.spend(18);
        return { $type: 'getter' };
      }
      return this.textTag('unreadable', errorText((value as Unreadable).error));
    }
    const object = value as object;
    if (this.ancestors.includes(object)) {
      this.spend(17);
      return { $type: 'cycle' };
    }
    try {
      return this.object(object, level);
    } catch (error) {
      return this.textTag('unreadable', errorText(error));
    }
  }

  private string(s: string): Preview {
    const room = Math.max(1, this.budget - this.used);
    const keep = Math.min(this.limits.string, room);
    if (s.length <= keep) {
      this.spend(jsonLength(s));
      return s;
    }
    const kept = cut(s, keep);
    this.spend(jsonLength(kept) + 60);
    return { $type: 'truncated', value: kept, length: s.length };
  }

  private textTag(type: string, text: string): PreviewTagged {
    const keep = Math.min(this.limits.string, Math.max(1, this.budget - this.used));
    const tagged: PreviewTagged = { $type: type, value: cut(text, keep) };
    if (text.length > keep) tagged.length = text.length;
    this.spend(jsonLength(tagged.value!) + jsonLength(type) + 50);
    return tagged;
  }

  private object(v: object, level: number): Preview {
    const kind = kindOf(v);
    switch (kind) {
      case 'Date': {
        const time = Date.prototype.getTime.call(v);
        return this.textTag('Date', Number.isNaN(time) ? 'Invalid Date' : Date.prototype.toISOString.call(v));
      }
      case 'RegExp':
        return this.textTag('RegExp', `/${regExpSource.call(v) as string}/${regExpFlags.call(v) as string}`);
      case 'boxed': {
        const boxed = boxedValue(v)!;
        return this.textTag(boxed.type, boxed.value);
      }
      case 'Error':
        return this.error(v, level);
      default:
        break;
    }
    if (level >= this.limits.depth) return this.summary(v, kind);
    this.ancestors.push(v);
    try {
      switch (kind) {
        case 'array':
          return this.array(v as unknown[], level);
        case 'Map':
          return this.map(v as Map<unknown, unknown>, level);
        case 'Set':
          return this.set(v as Set<unknown>, level);
        case 'typed':
          return this.bytes(typedName(v), (v as ArrayLike<unknown>).length, (i) => (v as ArrayLike<unknown>)[i], level);
        case 'ArrayBuffer':
        case 'SharedArrayBuffer': {
          const length = (kind === 'ArrayBuffer' ? arrayBufferByteLength : sharedByteLength!).call(v) as number;
          const view = new Uint8Array(v as ArrayBuffer, 0, Math.min(length, this.limits.items));
          return this.bytes(kind, length, (i) => view[i], level);
        }
        case 'DataView': {
          const length = dataViewLength.call(v) as number;
          const view = new Uint8Array(dataViewBuffer.call(v) as ArrayBuffer, dataViewOffset.call(v) as number, Math.min(length, this.limits.items));
          return this.bytes('DataView', length, (i) => view[i], level);
        }
        default:
          return this.plain(v, level);
      }
    } finally {
      this.ancestors.pop();
    }
  }

  /** A container past the depth limit: its type and size, with nothing kept. */
  private summary(v: object, kind: Kind): PreviewTagged {
    const length = sizeOf(v, kind) ?? 0;
    let tagged: PreviewTagged;
    switch (kind) {
      case 'array':
        tagged = { $type: 'truncated', length, items: [] };
        break;
      case 'Map':
        tagged = { $type: 'Map', length, entries: [] };
        break;
      case 'Set':
        tagged = { $type: 'Set', length, items: [] };
        break;
      case 'typed':
        tagged = { $type: typedName(v), length, items: [] };
        break;
      case 'ArrayBuffer':
      case 'SharedArrayBuffer':
      case 'DataView':
        tagged = { $type: kind, length, items: [] };
        break;
      default:
        tagged = { $type: className(v) ?? 'truncated', length, fields: {} };
    }
    this.spend(jsonLength(tagged.$type) + 50);
    return tagged;
  }

  private array(v: readonly unknown[], level: number): Preview {
    const length = v.length;
    const items: Preview[] = [];
    this.spend(2);
    for (let i = 0; i < length && i < this.limits.items && !this.full; i++) {
      this.spend(1);
      items.push(this.walk(readOwn(v, String(i)), level + 1));
    }
    if (items.length === length) return items;
    this.spend(60);
    return { $type: 'truncated', length, items };
  }

  private map(v: Map<unknown, unknown>, level: number): PreviewTagged {
    const length = mapSize.call(v) as number;
    const entries: Array<[Preview, Preview]> = [];
    this.spend(60);
    const iterator = Map.prototype.entries.call(v);
    while (entries.length < this.limits.items && !this.full) {
      const step = iterator.next();
      if (step.done) break;
      const [key, value] = step.value;
      this.spend(4);
      entries.push([this.walk(key, level + 1), this.walk(value, level + 1)]);
    }
    return { $type: 'Map', length, entries };
  }

  private set(v: Set<unknown>, level: number): PreviewTagged {
    const length = setSize.call(v) as number;
    const items: Preview[] = [];
    this.spend(60);
    const iterator = Set.prototype.values.call(v);
    while (items.length < this.limits.items && !this.full) {
      const step = iterator.next();
      if (step.done) break;
      this.spend(1);
      items.push(this.walk(step.value, level + 1));
    }
    return { $type: 'Set', length, items };
  }

  private bytes(type: string, length: number, at: (i: number) => unknown, level: number): PreviewTagged {
    const items: Preview[] = [];
    this.spend(60 + jsonLength(type));
    for (let i = 0; i < length && i < this.limits.items && !this.full; i++) {
      this.spend(1);
      items.push(this.walk(at(i), level + 1));
    }
    return { $type: type, length, items };
  }

  private error(v: object, level: number): PreviewTagged {
    const name = readField(v, 'name');
    const message = readField(v, 'message');
    const nameText = typeof name === 'string' && name !== '' ? name : 'Error';
    const text = typeof message === 'string' && message !== '' ? `${nameText}: ${message}` : nameText;
    const tagged = this.textTag('Error', text);
    if (level >= this.limits.depth || this.full) return tagged;
    const keys = ownKeys(v).filter((k) => k !== 'stack' && k !== 'message' && k !== 'name');
    if (Object.prototype.hasOwnProperty.call(v, 'cause') && !keys.includes('cause')) keys.push('cause');
    if (keys.length === 0) return tagged;
    this.ancestors.push(v);
    this.spend(12);
    try {
      tagged.fields = this.fields(v, keys, level).fields;
    } finally {
      this.ancestors.pop();
    }
    return tagged;
  }

  private plain(v: object, level: number): Preview {
    const name = className(v);
    const keys = ownKeys(v);
    const { fields, complete } = this.fields(v, keys, level);
    if (name !== null) {
      this.spend(60 + jsonLength(name));
      const tagged: PreviewTagged = { $type: name, fields };
      if (!complete) tagged.length = keys.length;
      return tagged;
    }
    // A plain object stays plain, unless it has its own `$type`, which would read as a tag.
    if (!complete || Object.prototype.hasOwnProperty.call(fields, '$type')) this.spend(60);
    if (!complete) return { $type: 'truncated', length: keys.length, fields };
    if (Object.prototype.hasOwnProperty.call(fields, '$type')) return { $type: 'Object', fields };
    return fields;
  }

  private fields(v: object, keys: readonly string[], level: number): { fields: { [key: string]: Preview }; complete: boolean } {
    const fields: { [key: string]: Preview } = {};
    this.spend(2);
    let i = 0;
    for (; i < keys.length && i < this.limits.items && !this.full; i++) {
      const key = keys[i]!;
      this.spend(jsonLength(key) + 2);
      define(fields, key, this.walk(readOwn(v, key), level + 1));
    }
    return { fields, complete: i === keys.length };
  }
}

/** An own property's value without calling a getter: a getter shows as `{ $type: 'getter' }`. */
function readOwn(v: object, key: string): unknown {
  try {
    const descriptor = Object.getOwnPropertyDescriptor(v, key);
    if (descriptor === undefined) return undefined;
    if ('value' in descriptor) return descriptor.value;
    return new Accessor();
  } catch (error) {
    return new Unreadable(error);
  }
}
function readField(v: object, key: string): unknown {
  const value = readOwn(v, key);
  if (value !== undefined) return value;
  try {
    // `name` and `message` usually sit on the prototype chain (Error.prototype): plain data there.
    for (let proto = Object.getPrototypeOf(v) as object | null, n = 0; proto !== null && n < 10; proto = Object.getPrototypeOf(proto), n++) {
      const descriptor = Object.getOwnPropertyDescriptor(proto, key);
      if (descriptor !== undefined) return 'value' in descriptor ? descriptor.value : undefined;
    }
  } catch {
    // unreadable: no name or message
  }
  return undefined;
}

/**
 * Markers for what reading a property found instead of a value; previewed as tags. They are known
 * by a WeakSet, which (unlike instanceof) runs no Proxy trap.
 */
const markers = new WeakSet<object>();
class Accessor {
  constructor() {
    markers.add(this);
  }
}
class Unreadable {
  constructor(readonly error: unknown) {
    markers.add(this);
  }
}

function ownKeys(v: object): string[] {
  return Object.keys(v);
}

function sizeOf(v: object, kind: Kind): number | undefined {
  try {
    switch (kind) {
      case 'array':
      case 'typed':
        return (v as ArrayLike<unknown>).length;
      case 'Map':
        return mapSize.call(v) as number;
      case 'Set':
        return setSize.call(v) as number;
      case 'ArrayBuffer':
        return arrayBufferByteLength.call(v) as number;
      case 'SharedArrayBuffer':
        return sharedByteLength!.call(v) as number;
      case 'DataView':
        return dataViewLength.call(v) as number;
      default:
        return Object.keys(v).length;
    }
  } catch {
    return undefined;
  }
}

/** Decimal digits; hexadecimal (`0x…`) past 16384 bits, whose decimal conversion is slow. */
function bigintText(n: bigint): string {
  const hex = n.toString(16);
  const digits = hex.startsWith('-') ? hex.length - 1 : hex.length;
  if (digits <= 4096) return n.toString();
  return hex.startsWith('-') ? `-0x${hex.slice(1)}` : `0x${hex}`;
}

function functionName(f: object): string {
  try {
    const name = Object.getOwnPropertyDescriptor(f, 'name')?.value as unknown;
    return typeof name === 'string' && name !== '' ? name : '(anonymous)';
  } catch {
    return '(anonymous)';
  }
}

function errorText(error: unknown): string {
  try {
    if (error !== null && typeof error === 'object') {
      const message = readField(error, 'message');
      const name = readField(error, 'name');
      if (typeof message === 'string') return typeof name === 'string' && name !== '' ? `${name}: ${message}` : message;
    }
    return typeof error === 'string' ? error : typeof error;
  } catch {
    return 'unknown error';
  }
}

/** Sets an own property, `__proto__` included (plain assignment would set the prototype). */
function define(target: { [key: string]: Preview }, key: string, value: Preview): void {
  if (key === '__proto__') Object.defineProperty(target, key, { value, enumerable: true, writable: true, configurable: true });
  else target[key] = value;
}

/** The first `n` UTF-16 units of `s`, not splitting a surrogate pair. */
function cut(s: string, n: number): string {
  if (s.length <= n) return s;
  const code = s.charCodeAt(n - 1);
  return s.slice(0, code >= 0xd800 && code < 0xdc00 ? n - 1 : n);
}

function jsonLength(s: string): number {
  return utf8Length(JSON.stringify(s));
}

function utf8Length(text: string): number {
  let bytes = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c < 0x80) bytes += 1;
    else if (c < 0x800) bytes += 2;
    else if (c >= 0xd800 && c < 0xdc00 && i + 1 < text.length && (text.charCodeAt(i + 1) & 0xfc00) === 0xdc00) {
      bytes += 4;
      i++;
    } else bytes += 3;
  }
  return bytes;
}

// ---- one line of text -----------------------------------------------------------------------------

/**
 * A preview as one line for people: `{a: 1, b: "x"}`, `[1, 2, … 98 more]`, `Map(2) {"a" => 1, …}`,
 * `Date(2024-01-01T00:00:00.000Z)`, `12n`, `TypeError: boom`. At most `maxLength` characters.
 * Accepts anything (a preview off the wire may be malformed); never throws.
 */
export function previewToText(p: Preview, maxLength = 200): string {
  const max = Math.max(8, Math.floor(maxLength));
  const out = new TextOut(max);
  try {
    text(p, out, 0);
  } catch {
    out.push('…');
  }
  return out.result();
}

class TextOut {
  private parts: string[] = [];
  private length = 0;
  constructor(private readonly max: number) {}
  get full(): boolean {
    return this.length > this.max;
  }
  push(s: string): void {
    if (this.full) return;
    this.parts.push(s);
    this.length += s.length;
  }
  result(): string {
    const s = this.parts.join('');
    return s.length <= this.max ? s : `${cut(s, this.max - 1)}…`;
  }
}

const IDENTIFIER = /^[A-Za-z_$][\w$]*$/;

function text(p: unknown, out: TextOut, depth: number): void {
  if (out.full) return;
  if (depth > 32) return out.push('…');
  if (p === null || typeof p === 'boolean' || typeof p === 'number') return out.push(String(p));
  if (typeof p === 'string') return out.push(JSON.stringify(p));
  if (typeof p !== 'object') return out.push(String(typeof p));
  if (Array.isArray(p)) return list(p, p.length, '[', ']', out, depth);
  const o = p as Record<string, unknown>;
  if (typeof o.$type !== 'string') return fields(o, undefined, out, depth);
  const t = o.$type;
  const value = typeof o.value === 'string' ? o.value : undefined;
  const length = typeof o.length === 'number' ? o.length : undefined;
  const items = Array.isArray(o.items) ? (o.items as unknown[]) : undefined;
  const entries = Array.isArray(o.entries) ? (o.entries as unknown[]) : undefined;
  const f = o.fields !== null && typeof o.fields === 'object' && !Array.isArray(o.fields) ? (o.fields as Record<string, unknown>) : undefined;
  switch (t) {
    case 'undefined':
    case 'NaN':
    case 'Infinity':
    case '-Infinity':
      return out.push(t);
    case 'bigint':
      return out.push(`${value ?? ''}${length !== undefined ? '…' : ''}n`);
    case 'symbol':
      return out.push(`Symbol(${value ?? ''})`);
    case 'function':
      return out.push(`ƒ ${value ?? '(anonymous)'}`);
    case 'cycle':
      return out.push('[Circular]');
    case 'getter':
      return out.push('[Getter]');
    case 'unreadable':
      return out.push(`[Unreadable${value ? `: ${value}` : ''}]`);
    case 'Error':
      out.push(value ?? 'Error');
      if (f !== undefined) {
        out.push(' ');
        fields(f, undefined, out, depth);
      }
      return;
    case 'Date':
    case 'RegExp':
      return out.push(t === 'Date' ? `Date(${value ?? ''})` : (value ?? 'RegExp'));
    case 'truncated':
      if (value !== undefined) {
        return out.push(`${JSON.stringify(value).slice(0, -1)}…"${length !== undefined ? ` (${length} chars)` : ''}`);
      }
      if (items !== undefined) return list(items, length ?? items.length, '[', ']', out, depth);
      if (f !== undefined) return fields(f, length, out, depth);
      return out.push('…');
    case 'Map':
      out.push(`Map(${length ?? entries?.length ?? 0}) `);
      return mapEntries(entries ?? [], length ?? entries?.length ?? 0, out, depth);
    case 'Set':
      out.push(`Set(${length ?? items?.length ?? 0}) `);
      return list(items ?? [], length ?? items?.length ?? 0, '{', '}', out, depth);
    case 'Object':
      if (f !== undefined) return fields(f, length, out, depth);
      break;
    default:
      break;
  }
  // A typed array, Buffer, boxed primitive or class instance.
  out.push(t);
  if (items !== undefined) {
    out.push(`(${length ?? items.length}) `);
    return list(items, length ?? items.length, '[', ']', out, depth);
  }
  if (value !== undefined) return out.push(`(${JSON.stringify(value)})`);
  if (f !== undefined) {
    out.push(' ');
    return fields(f, length, out, depth);
  }
}

function list(items: readonly unknown[], length: number, open: string, close: string, out: TextOut, depth: number): void {
  out.push(open);
  items.forEach((item, i) => {
    if (i > 0) out.push(', ');
    text(item, out, depth + 1);
  });
  more(items.length, length, out);
  out.push(close);
}

function mapEntries(entries: readonly unknown[], length: number, out: TextOut, depth: number): void {
  out.push('{');
  entries.forEach((entry, i) => {
    if (i > 0) out.push(', ');
    const [k, v] = Array.isArray(entry) ? entry : [entry, undefined];
    text(k, out, depth + 1);
    out.push(' => ');
    text(v, out, depth + 1);
  });
  more(entries.length, length, out);
  out.push('}');
}

function fields(f: Record<string, unknown>, length: number | undefined, out: TextOut, depth: number): void {
  const keys = Object.keys(f);
  out.push('{');
  keys.forEach((key, i) => {
    if (i > 0) out.push(', ');
    out.push(`${IDENTIFIER.test(key) ? key : JSON.stringify(key)}: `);
    text(f[key], out, depth + 1);
  });
  more(keys.length, length ?? keys.length, out);
  out.push('}');
}

function more(shown: number, length: number, out: TextOut): void {
  if (length > shown) out.push(`${shown > 0 ? ', ' : ''}… ${length - shown} more`);
}

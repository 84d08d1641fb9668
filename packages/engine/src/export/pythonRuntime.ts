// The small Python functions an exported program defines when its translated code needs
// JavaScript's behaviour where Python's differs (number formatting, truthiness, string lengths in
// UTF-16 units, …). Only the helpers a program uses, and what they use, are written into it.

/** One helper: its Python source, the other helpers it calls and the modules it imports. */
interface Helper {
  source: string;
  uses?: readonly string[];
  modules?: readonly string[];
}

const HELPERS: Record<string, Helper> = {
  js_str: {
    modules: ['math'],
    source: `
def js_str(x):
    """JavaScript's String(x): numbers as JavaScript prints them (3, not 3.0), true, null, a,b."""
    if x is None:
        return 'null'
    if isinstance(x, bool):
        return 'true' if x else 'false'
    if isinstance(x, str):
        return x
    if isinstance(x, int) and abs(x) <= 2 ** 53:
        return str(x)
    if isinstance(x, (int, float)):
        x = float(x)
        if math.isnan(x):
            return 'NaN'
        if math.isinf(x):
            return 'Infinity' if x > 0 else '-Infinity'
        if x == 0:
            return '0'
        # repr gives the shortest digits that read back as x, as JavaScript does; only the layout
        # differs. The value is 0.<digits> * 10 ** n.
        mantissa, _, exponent = repr(abs(x)).partition('e')
        whole, _, fraction = mantissa.partition('.')
        significant = (whole + fraction).lstrip('0')
        n = len(significant) - len(fraction) + int(exponent or 0)
        digits = significant.rstrip('0')
        k = len(digits)
        sign = '-' if x < 0 else ''
        if k <= n <= 21:
            return sign + digits + '0' * (n - k)
        if 0 < n <= 21:
            return sign + digits[:n] + '.' + digits[n:]
        if -6 < n <= 0:
            return sign + '0.' + '0' * -n + digits
        e = n - 1
        e = ('+' if e > 0 else '-') + str(abs(e))
        return sign + (digits if k == 1 else digits[0] + '.' + digits[1:]) + 'e' + e
    if isinstance(x, (list, tuple)):
        return ','.join('' if v is None else js_str(v) for v in x)
    if isinstance(x, dict):
        return '[object Object]'
    return str(x)
`,
  },
  js_json: {
    uses: ['js_str'],
    modules: ['json', 'math', 're'],
    source: `
def js_json(x):
    """JSON.stringify(x): numbers as JavaScript prints them, keys that are indices first."""
    if x is None or (isinstance(x, float) and not math.isfinite(x)):
        return 'null'
    if isinstance(x, (bool, int, float)):
        return js_str(x)
    if isinstance(x, str):
        text = json.dumps(x, ensure_ascii=False)
        # A lone UTF-16 surrogate (half of a character split by slicing) is escaped, as JavaScript does.
        return re.sub('[\\ud800-\\udfff]', lambda m: '\\\\u%04x' % ord(m.group()), text)
    if isinstance(x, (list, tuple)):
        return '[' + ','.join(js_json(v) for v in x) + ']'
    if isinstance(x, dict):
        items = {}
        for k, v in x.items():
            items[js_str(k)] = v
        def is_index(k):
            return k.isdigit() and k.isascii() and (k == '0' or k[0] != '0') and int(k) < 2 ** 32 - 1
        keys = sorted((k for k in items if is_index(k)), key=int) + [k for k in items if not is_index(k)]
        return '{' + ','.join(js_json(k) + ':' + js_json(items[k]) for k in keys) + '}'
    return js_json(js_str(x))
`,
  },
  print_json: {
    uses: ['js_json'],
    source: `
def print_json(x):
    """Prints x as one line of JSON, as JavaScript's JSON.stringify writes it (the log sink)."""
    print(js_json(x), flush=True)
`,
  },
  js_iter: {
    source: `
def js_iter(x):
    """What JavaScript's spread and for...of go through: a dict (a Map in JavaScript, as
    frequencies emits) gives its (key, value) pairs."""
    return tuple(x.items()) if isinstance(x, dict) else x
`,
  },
  js_truthy: {
    modules: ['math'],
    source: `
def js_truthy(x):
    """JavaScript's truthiness: empty arrays and objects are true, NaN is false."""
    if x is None or x is False or x == '':
        return False
    if isinstance(x, (int, float)):
        return x != 0 and not math.isnan(x)
    return True
`,
  },
  js_len: {
    source: `
def js_len(x):
    """x.length: strings count UTF-16 units, as JavaScript does; an object has none (None)."""
    if isinstance(x, str):
        return len(x) + sum(1 for c in x if ord(c) > 0xFFFF)
    if isinstance(x, (list, tuple)):
        return len(x)
    return None
`,
  },
  js_utf16: {
    source: `
def js_utf16(s):
    """The UTF-16 units of a string as a list of one-unit strings (as JavaScript indexes them)."""
    if s.isascii():
        return list(s)
    units = []
    for c in s:
        if ord(c) > 0xFFFF:
            code = ord(c) - 0x10000
            units += [chr(0xD800 + (code >> 10)), chr(0xDC00 + (code & 0x3FF))]
        else:
            units.append(c)
    return units
`,
  },
  js_from_utf16: {
    source: `
def js_from_utf16(units):
    """Joins UTF-16 units back into a string (pairs become one character again)."""
    s = ''.join(units)
    if s.isascii():
        return s
    return s.encode('utf-16-le', 'surrogatepass').decode('utf-16-le', 'surrogatepass')
`,
  },
  js_get: {
    uses: ['js_str', 'js_utf16'],
    source: `
def js_get(x, key):
    """x[key] as JavaScript reads it: None when there is no such element or property."""
    if isinstance(x, dict):
        return x.get(key if isinstance(key, str) else js_str(key))
    if isinstance(x, (list, tuple, str)):
        if isinstance(key, str) and key.isdigit() and (key == '0' or key[0] != '0'):
            key = int(key)
        if isinstance(key, float) and key.is_integer():
            key = int(key)
        if isinstance(key, int) and not isinstance(key, bool):
            items = js_utf16(x) if isinstance(x, str) else x
            return items[key] if 0 <= key < len(items) else None
        if key == 'length':
            return len(js_utf16(x)) if isinstance(x, str) else len(x)
    return None
`,
  },
  js_slice: {
    uses: ['js_utf16', 'js_from_utf16'],
    source: `
def js_slice(x, start=0, end=None):
    """x.slice(start, end) on a string (in UTF-16 units) or an array (a tuple)."""
    start = int(start)
    end = None if end is None else int(end)
    if isinstance(x, str):
        return js_from_utf16(js_utf16(x)[start:end])
    return tuple(x[start:end])
`,
  },
  js_char_at: {
    uses: ['js_utf16'],
    source: `
def js_char_at(s, i=0):
    """s.charAt(i): one UTF-16 unit, or '' outside the string."""
    units = js_utf16(s)
    i = int(i)
    return units[i] if 0 <= i < len(units) else ''
`,
  },
  js_at: {
    uses: ['js_utf16'],
    source: `
def js_at(x, i):
    """x.at(i): negative positions count from the end; None outside."""
    items = js_utf16(x) if isinstance(x, str) else x
    i = int(i)
    if i < 0:
        i += len(items)
    return items[i] if 0 <= i < len(items) else None
`,
  },
  js_index_of: {
    uses: ['js_utf16'],
    source: `
def js_index_of(x, value):
    """x.indexOf(value): a position in UTF-16 units for strings, -1 when absent."""
    if isinstance(x, str):
        i = x.find(value)
        return i if i <= 0 or x.isascii() else len(js_utf16(x[:i]))
    for i, v in enumerate(x):
        if v == value and isinstance(v, bool) == isinstance(value, bool):
            return i
    return -1
`,
  },
  js_join: {
    uses: ['js_str'],
    source: `
def js_join(x, separator=','):
    """x.join(separator): null and undefined items become empty strings."""
    return separator.join('' if v is None else js_str(v) for v in x)
`,
  },
  js_pad: {
    uses: ['js_utf16', 'js_from_utf16'],
    source: `
def js_pad(s, length, fill=' ', at_start=True):
    """s.padStart(length, fill) / s.padEnd(length, fill), counting UTF-16 units."""
    missing = int(length) - len(js_utf16(s))
    if missing <= 0 or fill == '':
        return s
    units = js_utf16(fill)
    pad = js_from_utf16((units * (missing // len(units) + 1))[:missing])
    return pad + s if at_start else s + pad
`,
  },
  js_round: {
    modules: ['math'],
    source: `
def js_round(x):
    """Math.round(x): halves round up (towards +infinity), unlike Python's round()."""
    if not math.isfinite(x):
        return x
    f = math.floor(x)
    return f + 1 if x - f >= 0.5 else f
`,
  },
  js_sign: {
    modules: ['math'],
    source: `
def js_sign(x):
    """Math.sign(x)."""
    if math.isnan(x):
        return x
    return (x > 0) - (x < 0)
`,
  },
  js_to_fixed: {
    uses: ['js_str'],
    modules: ['decimal', 'math'],
    source: `
def js_to_fixed(x, digits=0):
    """x.toFixed(digits): the exact value rounded half away from zero, as JavaScript does."""
    if not math.isfinite(x) or abs(x) >= 1e21:
        return js_str(x)
    step = decimal.Decimal(1).scaleb(-int(digits))
    text = str(decimal.Decimal(abs(x)).quantize(step, rounding=decimal.ROUND_HALF_UP))
    return ('-' if x < 0 else '') + text
`,
  },
  js_typeof: {
    source: `
def js_typeof(x):
    """typeof x."""
    if x is None:
        return 'object'
    if isinstance(x, bool):
        return 'boolean'
    if isinstance(x, (int, float)):
        return 'number'
    if isinstance(x, str):
        return 'string'
    if callable(x):
        return 'function'
    return 'object'
`,
  },
  js_number: {
    modules: ['math', 're'],
    source: `
def js_number(x):
    """Number(x): '' and null are 0, text that is not a number is NaN."""
    if x is None:
        return 0
    if isinstance(x, bool):
        return int(x)
    if isinstance(x, (int, float)):
        return x
    if isinstance(x, str):
        s = x.strip(' \\t\\n\\v\\f\\r\\xa0\\u1680\\u2000\\u2001\\u2002\\u2003\\u2004\\u2005\\u2006\\u2007'
                    '\\u2008\\u2009\\u200a\\u2028\\u2029\\u202f\\u205f\\u3000\\ufeff')
        if s == '':
            return 0
        if re.fullmatch(r'0[xX][0-9a-fA-F]+', s):
            return int(s[2:], 16)
        if re.fullmatch(r'0[oO][0-7]+', s):
            return int(s[2:], 8)
        if re.fullmatch(r'0[bB][01]+', s):
            return int(s[2:], 2)
        if re.fullmatch(r'[+-]?Infinity', s):
            return -math.inf if s[0] == '-' else math.inf
        if re.fullmatch(r'[+-]?(\\d+\\.?\\d*|\\.\\d+)([eE][+-]?\\d+)?', s):
            v = float(s)
            return int(v) if v.is_integer() and abs(v) <= 2 ** 53 else v
        return math.nan
    if isinstance(x, (list, tuple)):
        return 0 if len(x) == 0 else js_number(x[0]) if len(x) == 1 else math.nan
    return math.nan
`,
  },
  js_is_integer: {
    source: `
def js_is_integer(x):
    """Number.isInteger(x)."""
    if isinstance(x, bool):
        return False
    return isinstance(x, int) or (isinstance(x, float) and x.is_integer())
`,
  },
};

/** The names of every helper (reserved: a node or a parameter never takes one). */
export const PYTHON_HELPER_NAMES: readonly string[] = Object.keys(HELPERS);

/**
 * The helpers `names` need, with their dependencies, in a stable order (dependencies first), and
 * the modules they import.
 */
export function pythonHelpers(names: Iterable<string>): { source: string; modules: Set<string> } {
  const wanted = new Set<string>();
  const visit = (name: string): void => {
    const helper = HELPERS[name];
    if (helper === undefined || wanted.has(name)) return;
    for (const dep of helper.uses ?? []) visit(dep);
    wanted.add(name);
  };
  for (const name of names) visit(name);
  const modules = new Set<string>();
  const sources: string[] = [];
  for (const name of PYTHON_HELPER_NAMES) {
    if (!wanted.has(name)) continue;
    const helper = HELPERS[name]!;
    for (const m of helper.modules ?? []) modules.add(m);
    sources.push(helper.source.trim());
  }
  return { source: sources.join('\n\n\n'), modules };
}

/** The helper names that occur as words in `code`. */
export function helpersUsedIn(code: string): string[] {
  return PYTHON_HELPER_NAMES.filter((name) => new RegExp(`\\b${name}\\b`).test(code));
}

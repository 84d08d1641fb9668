// One field per parameter kind; ParamForm picks by `spec.kind` (the registry generates the form).
import { parseJsonText } from '@streamloom/engine/graph';
import { durationText, parseDuration } from '../../lib/format';
import { FieldShell } from './FieldShell';
import { FunctionField } from './FunctionField';
import { TextLikeField } from './TextLikeField';
import type { FieldProps } from './types';

const emptyValue = (p: FieldProps) => (p.spec.nullable && p.spec.default === null ? null : undefined);

const numberFormat = (v: unknown) => (v === undefined || v === null ? '' : String(v));
const durationFormat = (v: unknown) => (typeof v === 'number' ? durationText(v) : v === undefined || v === null ? '' : String(v));
const jsonFormat = (v: unknown) => (v === undefined ? '' : JSON.stringify(v));
const stringFormat = (v: unknown) => (v === undefined || v === null ? '' : String(v));

export function NumberField(p: FieldProps) {
  return (
    <TextLikeField
      {...p}
      format={numberFormat}
      inputMode={p.spec.kind === 'integer' ? 'numeric' : 'decimal'}
      parse={(text) => {
        if (text.trim() === '') return { ok: true, value: emptyValue(p) };
        const n = Number(text.trim());
        if (!Number.isFinite(n)) return { ok: false, error: `“${text.trim()}” is not a number` };
        return { ok: true, value: n };
      }}
    />
  );
}

export function DurationField(p: FieldProps) {
  return (
    <TextLikeField
      {...p}
      format={durationFormat}
      hint="ms · s · m · h"
      parse={(text) => {
        if (text.trim() === '') return { ok: true, value: emptyValue(p) };
        const ms = parseDuration(text);
        if (ms === null) return { ok: false, error: `“${text.trim()}” is not a duration: write 250ms, 1.5s, 2m or 1h` };
        return { ok: true, value: ms };
      }}
    />
  );
}

export function StringField(p: FieldProps) {
  return (
    <TextLikeField {...p} format={stringFormat} parse={(text) => ({ ok: true, value: text === '' && !p.spec.required ? emptyValue(p) : text })} />
  );
}

export function JsonField(p: FieldProps) {
  return (
    <TextLikeField
      {...p}
      format={jsonFormat}
      hint={p.spec.kind === 'list' ? 'JSON list' : 'JSON'}
      parse={(text) => {
        if (text.trim() === '') return { ok: true, value: emptyValue(p) };
        const r = parseJsonText(text);
        if (!r.ok) return { ok: false, error: r.issue.message.replace('The graph is not valid JSON', 'Not valid JSON') };
        return { ok: true, value: r.value };
      }}
    />
  );
}

export function BooleanField(p: FieldProps) {
  const checked = (p.value ?? p.spec.default) === true;
  return (
    <FieldShell spec={p.spec} error={null} inline>
      <label className="switch">
        <input
          id={`param-${p.spec.name}`}
          type="checkbox"
          role="switch"
          checked={checked}
          data-testid={`param-${p.spec.name}`}
          onChange={(e) => p.commit(e.target.checked)}
        />
        <span className="switch-track" aria-hidden="true" />
      </label>
    </FieldShell>
  );
}

export function EnumField(p: FieldProps) {
  const value = (p.value ?? p.spec.default ?? '') as string;
  return (
    <FieldShell spec={p.spec} error={null}>
      <select
        id={`param-${p.spec.name}`}
        className="input"
        value={value}
        data-testid={`param-${p.spec.name}`}
        onChange={(e) => p.commit(e.target.value)}
      >
        {(p.spec.options ?? []).map((o) => (
          <option key={o} value={o}>
            {o}
          </option>
        ))}
      </select>
    </FieldShell>
  );
}

export const FIELDS: Record<string, (p: FieldProps) => React.ReactNode> = {
  number: NumberField,
  integer: NumberField,
  duration: DurationField,
  string: StringField,
  json: JsonField,
  list: JsonField,
  boolean: BooleanField,
  enum: EnumField,
  function: FunctionField,
};

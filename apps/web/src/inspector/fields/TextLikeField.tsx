import { useEffect, useRef, useState } from 'react';
import { FieldShell } from './FieldShell';
import type { FieldProps } from './types';

type Parsed = { ok: true; value: unknown } | { ok: false; error: string };

/**
 * A one-line field whose text is parsed into a value: the value is committed only when it parses
 * and the validator accepts it; otherwise the text stays with the message, and the graph keeps its
 * last good value.
 */
export function TextLikeField(
  props: FieldProps & { format(value: unknown): string; parse(text: string): Parsed; hint?: string; inputMode?: 'decimal' | 'numeric' | 'text' },
) {
  const { spec, value, check, commit, format, parse } = props;
  const [text, setText] = useState(() => format(value));
  const [error, setError] = useState<string | null>(null);
  const focused = useRef(false);

  // Undo, redo and other pages change the value: show it unless the person is typing.
  useEffect(() => {
    if (!focused.current) {
      setText(format(value));
      setError(null);
    }
  }, [value, format]);

  const onChange = (next: string) => {
    setText(next);
    const parsed = parse(next);
    if (!parsed.ok) {
      setError(parsed.error);
      return;
    }
    const problem = check(parsed.value);
    setError(problem);
    if (problem === null) commit(parsed.value);
  };

  const placeholder =
    spec.default !== undefined && spec.default !== null ? `${format(spec.default)} (default)` : (spec.placeholder ?? (spec.nullable ? 'none' : ''));
  return (
    <FieldShell spec={spec} error={error}>
      <div className="field-input-row">
        <input
          id={`param-${spec.name}`}
          className="input"
          value={text}
          placeholder={placeholder}
          inputMode={props.inputMode}
          spellCheck={false}
          aria-invalid={error !== null}
          data-testid={`param-${spec.name}`}
          onFocus={() => (focused.current = true)}
          onBlur={() => {
            focused.current = false;
            if (error === null) setText(format(value));
          }}
          onChange={(e) => onChange(e.target.value)}
        />
        {props.hint && <span className="field-unit">{props.hint}</span>}
      </div>
    </FieldShell>
  );
}

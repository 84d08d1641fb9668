import type { ReactNode } from 'react';
import type { ParamSpec } from '@streamloom/engine/protocol';

/** Label, help and the validator's message around one parameter's input. */
export function FieldShell({ spec, error, children, inline }: { spec: ParamSpec; error: string | null; children: ReactNode; inline?: boolean }) {
  return (
    <div className={`field${error ? ' invalid' : ''}${inline ? ' inline' : ''}`} data-testid={`field-${spec.name}`}>
      <label className="field-label" htmlFor={`param-${spec.name}`}>
        <span>{spec.label}</span>
        {spec.required && <span className="field-required" title="required">*</span>}
        <code className="field-name">{spec.name}</code>
      </label>
      {children}
      {error ? (
        <div className="field-error" role="alert" data-testid={`field-error-${spec.name}`}>
          {error}
        </div>
      ) : (
        <div className="field-help">
          {spec.doc}
          {spec.signature ? (
            <>
              {' '}
              <code>{spec.signature}</code>
            </>
          ) : null}
        </div>
      )}
    </div>
  );
}

/** The validator's message without the node and parameter it starts with. */
export function problemText(message: string): string {
  const m = /^.*?: parameter '[^']*' (.*)$/s.exec(message) ?? /^.*?: parameter \S+ (.*)$/s.exec(message);
  const text = m ? m[1]! : message;
  return text.charAt(0).toUpperCase() + text.slice(1);
}

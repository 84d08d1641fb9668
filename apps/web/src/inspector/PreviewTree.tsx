import { useState } from 'react';
import type { Preview, PreviewTagged } from '@streamloom/engine/protocol';
import { previewToText } from '@streamloom/engine/telemetry';

function isTagged(p: Preview): p is PreviewTagged {
  return typeof p === 'object' && p !== null && !Array.isArray(p) && typeof (p as PreviewTagged).$type === 'string';
}

function children(p: Preview): Array<[string, Preview]> | null {
  if (Array.isArray(p)) return p.map((v, i) => [String(i), v]);
  if (isTagged(p)) {
    if (p.items) return p.items.map((v, i) => [String(i), v]);
    if (p.entries) return p.entries.map(([k, v]) => [previewToText(k), v]);
    if (p.fields) return Object.entries(p.fields);
    return null;
  }
  if (typeof p === 'object' && p !== null) return Object.entries(p);
  return null;
}

function summary(p: Preview): string {
  const text = previewToText(p);
  return text.length > 120 ? `${text.slice(0, 119)}…` : text;
}

/** A previewed value: one line, expandable into its items when it has some. */
export function PreviewTree({ value, label, depth = 0 }: { value: Preview; label?: string; depth?: number }) {
  const kids = children(value);
  const kind = typeof value === 'string' ? 'str' : typeof value === 'number' ? 'num' : value === null || typeof value === 'boolean' ? 'lit' : 'obj';
  if (kids === null || kids.length === 0) {
    return (
      <div className="pv-leaf">
        {label !== undefined && <span className="pv-key">{label}: </span>}
        <span className={`pv-${kind}`}>{summary(value)}</span>
      </div>
    );
  }
  const more = isTagged(value) && value.length !== undefined && value.length > kids.length ? value.length - kids.length : 0;
  return <PreviewNode value={value} label={label} depth={depth} kids={kids} more={more} />;
}

/** An expandable value; its children are rendered only once it is opened (lists hold hundreds). */
function PreviewNode({ value, label, depth, kids, more }: { value: Preview; label?: string; depth: number; kids: Array<[string, Preview]>; more: number }) {
  const [open, setOpen] = useState(false);
  return (
    <details className="pv-node" open={open} onToggle={(e) => setOpen(e.currentTarget.open)}>
      <summary>
        {label !== undefined && <span className="pv-key">{label}: </span>}
        <span className="pv-obj">{summary(value)}</span>
      </summary>
      {open && (
      <div className="pv-children">
        {depth < 12 && kids.map(([k, v]) => <PreviewTree key={k} label={k} value={v} depth={depth + 1} />)}
        {more > 0 && <div className="pv-more">… {more} more not sent</div>}
      </div>
      )}
    </details>
  );
}

import { defaultKeymap, history, historyKeymap, indentWithTab } from '@codemirror/commands';
import { javascript } from '@codemirror/lang-javascript';
import { bracketMatching, defaultHighlightStyle, HighlightStyle, syntaxHighlighting } from '@codemirror/language';
import { linter, lintGutter, type Diagnostic } from '@codemirror/lint';
import { EditorState } from '@codemirror/state';
import { drawSelection, EditorView, highlightActiveLine, keymap, placeholder as cmPlaceholder } from '@codemirror/view';
import { tags } from '@lezer/highlight';
import { checkFunctionSource } from '@streamloom/engine/graph';
import { useEffect, useRef, useState } from 'react';
import { FieldShell } from './FieldShell';
import type { FieldProps } from './types';

const theme = EditorView.theme(
  {
    '&': { fontSize: '12.5px', backgroundColor: 'var(--input-bg)', borderRadius: '6px' },
    '.cm-content': { fontFamily: 'var(--mono)', padding: '6px 0', caretColor: 'var(--accent)' },
    '.cm-gutters': { backgroundColor: 'transparent', border: 'none' },
    '&.cm-focused': { outline: '1px solid var(--accent)' },
    '.cm-line': { padding: '0 8px 0 2px' },
    '.cm-activeLine': { backgroundColor: 'rgba(255,255,255,0.035)' },
    '&:not(.cm-focused) .cm-activeLine': { backgroundColor: 'transparent' },
    '.cm-selectionBackground, &.cm-focused .cm-selectionBackground': { backgroundColor: 'rgba(122,162,247,0.28) !important' },
    '.cm-cursor': { borderLeftColor: 'var(--accent)' },
    '.cm-placeholder': { color: 'var(--muted)' },
  },
  { dark: true },
);

const darkHighlight = HighlightStyle.define([
  { tag: tags.keyword, color: '#c792ea' },
  { tag: [tags.number, tags.bool, tags.null], color: '#f78c6c' },
  { tag: tags.string, color: '#c3e88d' },
  { tag: [tags.function(tags.variableName), tags.function(tags.propertyName)], color: '#82aaff' },
  { tag: tags.variableName, color: '#e6e9f2' },
  { tag: tags.propertyName, color: '#89ddff' },
  { tag: tags.operator, color: '#89ddff' },
  { tag: tags.comment, color: '#6b7394', fontStyle: 'italic' },
  { tag: tags.punctuation, color: '#a6accd' },
]);

/** The parse problem of a function's source, as a CodeMirror diagnostic at its line and column. */
export function functionDiagnostics(source: string, doc: EditorState['doc']): Diagnostic[] {
  if (source.trim() === '') return [];
  const problem = checkFunctionSource(source);
  if (problem === null) return [];
  const lineNo = Math.min(Math.max(problem.line ?? 1, 1), doc.lines);
  const line = doc.line(lineNo);
  const from = Math.min(line.from + Math.max((problem.column ?? 1) - 1, 0), line.to);
  const to = Math.min(from + 1, line.to);
  return [{ from, to: Math.max(to, from), severity: 'error', message: problem.message.replace(/^does not parse: /, '') }];
}

/** A function's source in CodeMirror: JavaScript highlighting, the parse error marked at its line. */
export function FunctionField(p: FieldProps) {
  const { spec, value, check, commit } = p;
  const host = useRef<HTMLDivElement>(null);
  const view = useRef<EditorView | null>(null);
  const [error, setError] = useState<string | null>(null);
  const latest = useRef({ check, commit, spec });
  latest.current = { check, commit, spec };

  useEffect(() => {
    const parent = host.current;
    if (parent === null) return;
    const onText = (text: string) => {
      const { check: chk, commit: put, spec: sp } = latest.current;
      const v = text.trim() === '' && !sp.required ? (sp.nullable ? null : undefined) : text;
      // Source text is kept as typed, even when it does not parse: the field and the node show
      // the problem, and the graph cannot be deployed until it is fixed (no half-typed function
      // is ever committed in its place).
      setError(chk(v));
      put(v);
    };
    const v = new EditorView({
      parent,
      state: EditorState.create({
        doc: typeof value === 'string' ? value : '',
        extensions: [
          history(),
          drawSelection(),
          bracketMatching(),
          highlightActiveLine(),
          syntaxHighlighting(darkHighlight),
          syntaxHighlighting(defaultHighlightStyle, { fallback: true }),
          javascript(),
          theme,
          EditorView.lineWrapping,
          lintGutter(),
          linter((ev) => functionDiagnostics(ev.state.doc.toString(), ev.state.doc), { delay: 120 }),
          cmPlaceholder(spec.placeholder ?? spec.signature ?? ''),
          keymap.of([...defaultKeymap, ...historyKeymap, indentWithTab]),
          EditorView.contentAttributes.of({ 'aria-label': spec.label, 'data-testid': `param-${spec.name}` }),
          EditorView.updateListener.of((u) => {
            if (u.docChanged) onText(u.state.doc.toString());
          }),
        ],
      }),
    });
    view.current = v;
    return () => {
      v.destroy();
      view.current = null;
    };
    // The editor is made once per field; value changes are applied below.
  }, []);

  // Undo, redo: show the value unless the person is typing in the editor.
  useEffect(() => {
    const v = view.current;
    if (v === null || v.hasFocus) return;
    const text = typeof value === 'string' ? value : '';
    if (v.state.doc.toString() !== text) {
      v.dispatch({ changes: { from: 0, to: v.state.doc.length, insert: text } });
      setError(null);
    }
  }, [value]);

  return (
    <FieldShell spec={spec} error={error}>
      <div className="code-field" ref={host} id={`param-${spec.name}`} />
    </FieldShell>
  );
}

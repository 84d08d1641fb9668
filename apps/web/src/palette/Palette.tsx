import { useReactFlow } from '@xyflow/react';
import { useMemo, useRef, useState, type DragEvent } from 'react';
import type { DescriptorData } from '@streamloom/engine/protocol';
import { DRAG_MIME } from '../canvas/Canvas';
import { useEditor, useEditorApi } from '../store';
import { selectCatalog } from '../store/selectors';
import { categoryTitle, paletteGroups } from './groups';

/** The first place at or below `at` where a new node does not cover another one. */
export function freeSpot(nodes: readonly { position: { x: number; y: number }; measured?: { width?: number; height?: number } }[], at: { x: number; y: number }) {
  const w = 212;
  const h = 80;
  const p = { ...at };
  for (let tries = 0; tries < 50; tries++) {
    const hit = nodes.some(
      (n) => p.x < n.position.x + (n.measured?.width ?? w) && n.position.x < p.x + w && p.y < n.position.y + (n.measured?.height ?? h) && n.position.y < p.y + h,
    );
    if (!hit) return p;
    p.y += h + 16;
  }
  return p;
}

/** The palette, generated from the server's catalog: grouped, searchable, draggable. */
export function Palette() {
  const catalog = useEditor(selectCatalog);
  const store = useEditorApi();
  const [query, setQuery] = useState('');
  const [hover, setHover] = useState<{ d: DescriptorData; top: number } | null>(null);
  const { screenToFlowPosition } = useReactFlow();
  const listRef = useRef<HTMLDivElement>(null);
  const groups = useMemo(() => paletteGroups(catalog, query), [catalog, query]);

  const addAtCentre = (op: string) => {
    const canvas = document.querySelector('[data-testid="canvas"]')?.getBoundingClientRect();
    if (!canvas) return;
    const p = screenToFlowPosition({ x: canvas.left + canvas.width / 2, y: canvas.top + canvas.height / 2 });
    store.getState().addNode(op, freeSpot(store.getState().nodes, { x: Math.round(p.x - 106), y: Math.round(p.y - 40) }));
  };

  const onDragStart = (e: DragEvent, op: string) => {
    e.dataTransfer.setData(DRAG_MIME, op);
    e.dataTransfer.setData('text/plain', op);
    e.dataTransfer.effectAllowed = 'copy';
    setHover(null);
  };

  return (
    <aside className="palette" aria-label="Operators" data-testid="palette">
      <div className="palette-search">
        <input
          type="search"
          placeholder="Search operators  /"
          value={query}
          onChange={(e) => setQuery(e.target.value)}
          onKeyDown={(e) => {
            if (e.key === 'Enter' && groups[0]?.entries[0]) addAtCentre(groups[0].entries[0].type);
            if (e.key === 'Escape') {
              setQuery('');
              (e.target as HTMLInputElement).blur();
            }
          }}
          aria-label="Search operators"
          data-testid="palette-search"
          id="palette-search"
        />
      </div>
      <div className="palette-list" ref={listRef} onScroll={() => setHover(null)}>
        {catalog.length === 0 && <div className="palette-empty">Loading the catalog…</div>}
        {catalog.length > 0 && groups.length === 0 && <div className="palette-empty">No operator matches “{query}”.</div>}
        {groups.map((g) => (
          <section key={g.category} className="palette-group" aria-label={categoryTitle(g.category)}>
            <h3 className="palette-group-title">
              <span className={`op-dot cat-${g.category}`} aria-hidden="true" />
              {categoryTitle(g.category)}
            </h3>
            {g.entries.map((d) => (
              <div
                key={d.type}
                className="palette-entry"
                role="button"
                tabIndex={0}
                draggable
                data-testid={`palette-entry-${d.type}`}
                aria-label={`${d.label}: ${d.doc}`}
                onDragStart={(e) => onDragStart(e, d.type)}
                onClick={() => addAtCentre(d.type)}
                onKeyDown={(e) => {
                  if (e.key === 'Enter' || e.key === ' ') {
                    e.preventDefault();
                    addAtCentre(d.type);
                  }
                }}
                onMouseEnter={(e) => setHover({ d, top: (e.currentTarget as HTMLElement).getBoundingClientRect().top })}
                onMouseLeave={() => setHover(null)}
              >
                <span className="palette-label">{d.label}</span>
                <span className="palette-type">{d.type}</span>
              </div>
            ))}
          </section>
        ))}
      </div>
      {hover !== null && <DocCard d={hover.d} top={hover.top} />}
    </aside>
  );
}

function DocCard({ d, top }: { d: DescriptorData; top: number }) {
  const inputs =
    d.inputs.max === 0 ? 'no input' : d.inputs.max === null ? `${d.inputs.min} or more inputs` : `${d.inputs.max} input${d.inputs.max === 1 ? '' : 's'}`;
  return (
    <div className="doc-card" role="tooltip" data-testid="palette-doc" style={{ top: Math.max(60, Math.min(top - 8, window.innerHeight - 260)) }}>
      <div className="doc-card-head">
        <span className="doc-card-title">{d.label}</span>
        <code>{d.type}</code>
      </div>
      <p className="doc-card-doc">{d.doc}</p>
      {d.example && <pre className="doc-card-example">{d.example}</pre>}
      <div className="doc-card-meta">
        {inputs} · {d.outputs === 0 ? 'no output' : '1 output'}
        {d.async ? ' · asynchronous' : ''}
      </div>
      <div className="doc-card-hint">Drag onto the canvas, or click to add at the centre</div>
    </div>
  );
}

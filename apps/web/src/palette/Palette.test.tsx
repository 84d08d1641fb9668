// @vitest-environment happy-dom
import { afterEach, describe, expect, it } from 'vitest';
import { makeStore, testCatalog } from '../store/testing';
import { act, render, typeInto, type Rendered } from '../test/render';
import { paletteGroups } from './groups';
import { freeSpot, Palette } from './Palette';

let view: Rendered | undefined;
afterEach(() => view?.unmount());

describe('palette', () => {
  it('groups the catalog by category in catalog order', () => {
    const groups = paletteGroups(testCatalog, '');
    expect(groups.map((g) => g.category)).toEqual(['source', 'transform', 'filter', 'aggregate', 'window', 'join', 'time', 'sink']);
    expect(groups.flatMap((g) => g.entries).length).toBe(testCatalog.length);
  });

  it('searches names and docs, name matches first', () => {
    const found = paletteGroups(testCatalog, 'window').flatMap((g) => g.entries.map((d) => d.type));
    expect(found).toContain('sliding_window');
    expect(found).toContain('timed_window');
    expect(paletteGroups(testCatalog, 'zzzz-nothing')).toEqual([]);
  });

  it('renders an entry per operator with its doc on hover, and filters as one types', () => {
    const { store } = makeStore();
    view = render(store, <Palette />);
    expect(view.container.querySelectorAll('[data-testid^="palette-entry-"]').length).toBe(testCatalog.length);
    const entry = view.byTestId('palette-entry-map')!;
    expect(entry.getAttribute('draggable')).toBe('true');
    act(() => entry.dispatchEvent(new MouseEvent('mouseover', { bubbles: true })));
    expect(view.byTestId('palette-doc')!.textContent).toContain(store.getState().byType.get('map')!.doc);
    typeInto(view.byTestId('palette-search') as HTMLInputElement, 'zip');
    const shown = [...view.container.querySelectorAll('[data-testid^="palette-entry-"]')].map((e) => e.getAttribute('data-testid'));
    expect(shown).toEqual(['palette-entry-zip', 'palette-entry-zip_latest']);
  });

  it('places a clicked operator where it covers no other node', () => {
    const nodes = [{ position: { x: 0, y: 0 } }, { position: { x: 0, y: 96 } }];
    expect(freeSpot(nodes, { x: 10, y: 10 })).toEqual({ x: 10, y: 202 });
    expect(freeSpot(nodes, { x: 500, y: 0 })).toEqual({ x: 500, y: 0 });
  });
});

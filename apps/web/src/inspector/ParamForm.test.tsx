// @vitest-environment happy-dom
import { afterEach, describe, expect, it } from 'vitest';
import { makeStore } from '../store/testing';
import { act, render, typeInto, type Rendered } from '../test/render';
import { Inspector } from './Inspector';

let view: Rendered | undefined;
afterEach(() => view?.unmount());

function inspectorFor(op: string) {
  const t = makeStore();
  const id = t.store.getState().addNode(op, { x: 0, y: 0 })!;
  view = render(t.store, <Inspector />);
  return { ...t, id, view };
}

describe('inspector and generated parameter form', () => {
  it('shows the operator, its doc and the node id, with one field per parameter', () => {
    const { view, store } = inspectorFor('sliding_window');
    expect(view.byTestId('inspector-node-id')!.textContent).toContain('sliding_window-1');
    expect(view.byTestId('inspector-doc')!.textContent).toBe(store.getState().byType.get('sliding_window')!.doc);
    expect(view.byTestId('field-n')).not.toBeNull();
    expect(view.byTestId('field-returnPartial')).not.toBeNull();
    expect(view.byTestId('field-onError')).not.toBeNull();
  });

  it('refuses a bad number where it is typed, with the validator’s message, and keeps the last good value', () => {
    const { view, store } = inspectorFor('sliding_window');
    const input = view.byTestId('param-n') as HTMLInputElement;
    typeInto(input, '0');
    expect(view.byTestId('field-error-n')!.textContent).toMatch(/between 1 and 1000000, got 0/);
    expect(store.getState().nodes[0]!.data.params.n).toBe(3);
    typeInto(input, 'ten');
    expect(view.byTestId('field-error-n')!.textContent).toMatch(/not a number/);
    typeInto(input, '7');
    expect(view.byTestId('field-error-n')).toBeNull();
    expect(store.getState().nodes[0]!.data.params.n).toBe(7);
  });

  it('parses durations with units', () => {
    const { view, store } = inspectorFor('rate_limit');
    const input = view.byTestId('param-interval') as HTMLInputElement;
    typeInto(input, '1.5s');
    expect(store.getState().nodes[0]!.data.params.interval).toBe(1500);
    typeInto(input, 'soon');
    expect(view.byTestId('field-error-interval')!.textContent).toMatch(/not a duration/);
    expect(store.getState().nodes[0]!.data.params.interval).toBe(1500);
  });

  it('validates JSON lists', () => {
    const { view, store } = inspectorFor('from_iterable');
    const input = view.byTestId('param-items') as HTMLInputElement;
    typeInto(input, '[1, 2,');
    expect(view.byTestId('field-error-items')!.textContent).toMatch(/Not valid JSON/);
    typeInto(input, '{"a": 1}');
    expect(view.byTestId('field-error-items')!.textContent).toMatch(/Must be a list/);
    typeInto(input, '["a", "b"]');
    expect(store.getState().nodes[0]!.data.params.items).toEqual(['a', 'b']);
  });

  it('shows the node’s problems and the graph’s when nothing is selected', () => {
    const { view: shown, store } = inspectorFor('map');
    expect(shown.byTestId('inspector-issues')!.textContent).toMatch(/input 0 is not connected/);
    act(() => store.getState().selectOnly(null));
    expect(shown.byTestId('graph-issues')!.textContent).toMatch(/1 problem/);
  });
});

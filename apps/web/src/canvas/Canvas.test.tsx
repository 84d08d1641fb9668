// @vitest-environment happy-dom
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { makeStore, settle } from '../store/testing';
import { act, render, type Rendered } from '../test/render';
import { Canvas } from './Canvas';
import { activityLevel, fillWidth } from './OperatorNode';
import { setLiveDetail } from './useLiveBinding';

let view: Rendered | undefined;
afterEach(() => view?.unmount());

beforeAll(() => {
  // React Flow measures its container; give happy-dom a size.
  Object.defineProperty(HTMLElement.prototype, 'offsetWidth', { configurable: true, get: () => 800 });
  Object.defineProperty(HTMLElement.prototype, 'offsetHeight', { configurable: true, get: () => 600 });
});

const conn = (source: string, target: string, port = 0) => ({ source, target, sourceHandle: 'out', targetHandle: `in-${port}` });

async function canvasWith(build: (s: ReturnType<typeof makeStore>['store']) => void) {
  const t = makeStore();
  build(t.store);
  view = render(t.store, <div style={{ width: 800, height: 600 }}><Canvas /></div>);
  await act(async () => settle(3));
  return { ...t, view };
}

describe('canvas: one generic node component from the descriptor', () => {
  it('shows title, id, key parameter in short and one handle per port', async () => {
    const { view } = await canvasWith((s) => {
      s.getState().addNode('map', { x: 0, y: 0 });
      s.getState().addNode('rate_limit', { x: 300, y: 0 });
    });
    const node = view.byTestId('node-map-1')!;
    expect(node.querySelector('.op-title')!.textContent).toBe('Map');
    expect(node.querySelector('.op-key')!.textContent).toBe('func: x => x * 2');
    expect(view.byTestId('node-rate_limit-1')!.querySelector('.op-key')!.textContent).toBe('interval: 1s');
    expect(view.byTestId('handle-map-1-in-0')).not.toBeNull();
    expect(view.byTestId('handle-map-1-out')).not.toBeNull();
  });

  it('grows a variadic node by one input as its inputs are used; sinks have no output, sources no input', async () => {
    const { view, store } = await canvasWith((s) => {
      s.getState().addNode('counter', { x: 0, y: 0 });
      s.getState().addNode('counter', { x: 0, y: 100 });
      s.getState().addNode('zip', { x: 300, y: 0 });
      s.getState().addNode('log', { x: 600, y: 0 });
    });
    const handles = () => view.container.querySelectorAll('[data-testid^="handle-zip-1-in-"]').length;
    expect(handles()).toBe(2);
    act(() => {
      store.getState().connect(conn('counter-1', 'zip-1', 0));
      store.getState().connect(conn('counter-2', 'zip-1', 1));
    });
    expect(handles()).toBe(3);
    expect(view.byTestId('handle-log-1-out')).toBeNull();
    expect(view.byTestId('handle-counter-1-in-0')).toBeNull();
  });

  it('marks a node with problems, the messages in its tooltip', async () => {
    const { view } = await canvasWith((s) => s.getState().addNode('map', { x: 0, y: 0 }));
    expect(view.byTestId('node-issues-map-1')!.textContent).toMatch(/input 0 is not connected/);
  });

  it('writes live numbers into the node without re-rendering it, and marks the bottleneck', async () => {
    const { view, store } = await canvasWith((s) => {
      s.getState().addNode('counter', { x: 0, y: 0 });
      s.getState().addNode('sliding_window', { x: 300, y: 0 });
      s.getState().connect(conn('counter-1', 'sliding_window-1'));
    });
    act(() => store.setState({ run: { runId: 'r', graphId: 'g', revision: 1, state: 'running', startedAt: '' } }));
    const frame = (t: number, out: number, errors: number) => ({
      runId: 'r',
      t,
      nodes: {
        'counter-1': { in: 0, out, rate: 10, errors: 0, busy: 1 },
        'sliding_window-1': { in: out, out, rate: 10, errors, busy: 20, queue: 3, capacity: 3 },
      },
    });
    act(() => store.getState().applyFrames([frame(1000, 0, 0)]));
    const node = view.byTestId('node-sliding_window-1')!;
    act(() => store.getState().applyFrames([frame(2000, 10, 2)]));
    expect(view.byTestId('node-sliding_window-1')).toBe(node);
    expect(view.byTestId('node-rate-sliding_window-1')!.textContent).toBe('10/s');
    expect(view.byTestId('node-count-sliding_window-1')!.textContent).toBe('10 out');
    expect(view.byTestId('node-errors-sliding_window-1')!.hidden).toBe(false);
    expect(view.byTestId('node-errors-sliding_window-1')!.textContent).toBe('2 err');
    expect(view.byTestId('node-fill-sliding_window-1')!.textContent).toBe('3/3');
    expect(view.byTestId('node-bottleneck-sliding_window-1')!.hidden).toBe(false);
    expect(view.byTestId('node-bottleneck-counter-1')!.hidden).toBe(true);
  });

  it('in low detail writes no numbers, only an activity bar and an error dot that change with their state; zooming in catches up', async () => {
    const { view, store } = await canvasWith((s) => {
      s.getState().addNode('counter', { x: 0, y: 0 });
      s.getState().addNode('sliding_window', { x: 300, y: 0 });
      s.getState().connect(conn('counter-1', 'sliding_window-1'));
    });
    act(() => store.setState({ run: { runId: 'r', graphId: 'g', revision: 1, state: 'running', startedAt: '' } }));
    const frame = (t: number, out: number, errors: number) => ({
      runId: 'r',
      t,
      nodes: { 'counter-1': { in: 0, out, rate: 10, errors: 0 }, 'sliding_window-1': { in: out, out, rate: 10, errors, queue: 1, capacity: 3 } },
    });
    act(() => store.getState().applyFrames([frame(1000, 0, 0), frame(2000, 10, 0)]));
    const node = view.byTestId('node-sliding_window-1')!;
    const count = view.byTestId('node-count-sliding_window-1')!;
    expect(count.textContent).toBe('10 out');
    try {
      act(() => setLiveDetail('low'));
      act(() => store.getState().applyFrames([frame(3000, 20, 1)]));
      expect(view.byTestId('node-sliding_window-1')).toBe(node);
      expect(count.textContent).toBe('10 out');
      const live = view.byTestId('node-live-sliding_window-1')!;
      expect((live.querySelector('.op-lod-activity') as HTMLElement).style.width).toBe(`${(activityLevel(10) * 100) / 12}%`);
      expect((live.querySelector('.op-lod-error') as HTMLElement).hidden).toBe(false);
      expect((live.querySelector('.op-fill-bar') as HTMLElement).style.width).toBe('30%');
      act(() => setLiveDetail('full'));
      expect(count.textContent).toBe('20 out');
      expect(view.byTestId('node-errors-sliding_window-1')!.textContent).toBe('1 err');
      expect((live.querySelector('.op-fill-bar') as HTMLElement).style.width).toBe('33%');
    } finally {
      setLiveDetail('full');
    }
  });
});

describe('low-detail indicators', () => {
  it('bucket the rate in half decades and the fill in tenths', () => {
    expect(activityLevel(0)).toBe(0);
    expect(activityLevel(0.2)).toBe(1);
    expect(activityLevel(9.9)).toBe(activityLevel(10.1));
    expect(activityLevel(10)).toBe(2);
    expect(activityLevel(1e9)).toBe(12);
    expect(fillWidth(0.33, true)).toBe('30%');
    expect(fillWidth(0.33, false)).toBe('33%');
  });
});

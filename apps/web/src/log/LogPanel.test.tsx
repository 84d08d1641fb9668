// @vitest-environment happy-dom
import { afterEach, describe, expect, it } from 'vitest';
import type { LogLine, RunStatus } from '@streamloom/engine/protocol';
import { makeStore, settle } from '../store/testing';
import { act, render, type Rendered } from '../test/render';
import { LogPanel, timeText } from './LogPanel';
import { LogToggle } from './LogToggle';

let view: Rendered | undefined;
afterEach(() => view?.unmount());

const T0 = new Date(2026, 0, 2, 14, 3, 7, 123).getTime();
const line = (seq: number, nodeId: string, text = String(seq)): LogLine => ({ seq, t: T0 + seq, nodeId, line: text });
const status = (runId: string): RunStatus => ({ runId, graphId: 'g1', revision: 1, state: 'running', startedAt: new Date(T0).toISOString() });

async function panelWithRun() {
  const t = makeStore();
  const s = t.store.getState();
  const logId = s.addNode('log', { x: 0, y: 0 })!;
  s.setConnection('connected');
  t.store.setState({ run: status('r1') });
  t.server.logs.set('r1', { runId: 'r1', since: 1, lines: [line(1, logId, '{"n":10}'), line(2, logId, '{"n":20}')], skipped: 0, total: 2 });
  view = render(t.store, <Drawer />);
  return { ...t, logId, view };
}

/** The toolbar's button and the drawer, as the app lays them out. */
const Drawer = () => (
  <>
    <LogToggle />
    <LogPanel />
  </>
);

const rows = (v: Rendered) => [...v.container.querySelectorAll('[data-testid="log-line"]')];
const click = (el: Element | null) => act(() => (el as HTMLElement).click());

describe('Log panel', () => {
  it('opens on a click and shows the run’s recent lines with node and time', async () => {
    const { view, logId } = await panelWithRun();
    expect(view.byTestId('log-panel')).toBeNull();
    click(view.byTestId('toolbar-log'));
    await act(() => settle());
    expect(view.byTestId('toolbar-log')!.getAttribute('aria-pressed')).toBe('true');
    const shown = rows(view);
    expect(shown).toHaveLength(2);
    expect(shown[0]!.textContent).toContain('{"n":10}');
    expect(shown[0]!.querySelector('[data-testid="log-line-node"]')!.textContent).toBe(logId);
    expect(shown[0]!.querySelector('time')!.textContent).toBe(timeText(T0 + 1));
    expect(timeText(T0)).toBe('14:03:07.123');
    expect(view.byTestId('log-count')!.textContent).toBe('2');
    expect(view.byTestId('log-lines')!.textContent).toBe('2 lines');

    // Closed, the drawer takes no room; the button still counts.
    click(view.byTestId('log-close'));
    expect(view.byTestId('log-panel')).toBeNull();
    expect(view.byTestId('log-count')!.textContent).toBe('2');
  });

  it('selects a line’s node when its id is clicked', async () => {
    const { view, store, logId } = await panelWithRun();
    click(view.byTestId('toolbar-log'));
    await act(() => settle());
    click(rows(view)[1]!.querySelector('[data-testid="log-line-node"]'));
    expect(store.getState().selectedIds).toEqual([logId]);
  });

  it('adds live lines; paused, it keeps the list and counts the new ones; it clears', async () => {
    const { view, store, logId } = await panelWithRun();
    click(view.byTestId('toolbar-log'));
    await act(() => settle());
    act(() => store.getState().applyLog({ runId: 'r1', since: 1, lines: [line(3, logId)], skipped: 0, omitted: 0 }));
    expect(rows(view)).toHaveLength(3);

    click(view.byTestId('log-pause'));
    act(() => store.getState().applyLog({ runId: 'r1', since: 1, lines: [line(4, logId), line(5, logId)], skipped: 0, omitted: 0 }));
    expect(rows(view)).toHaveLength(3);
    expect(view.byTestId('log-paused-count')!.textContent).toMatch(/2 new lines/);
    click(view.byTestId('log-pause'));
    expect(view.byTestId('log-paused-count')).toBeNull();
    expect(rows(view)).toHaveLength(5);

    click(view.byTestId('log-clear'));
    expect(rows(view)).toHaveLength(0);
    expect(view.byTestId('log-empty')!.textContent).toMatch(/No lines yet/);
  });

  it('says how many lines were skipped', async () => {
    const { view, store, logId } = await panelWithRun();
    click(view.byTestId('toolbar-log'));
    await act(() => settle());
    expect(view.byTestId('log-skipped')).toBeNull();
    act(() => store.getState().applyLog({ runId: 'r1', since: 1, lines: [line(3, logId)], skipped: 1234, omitted: 0 }));
    expect(view.byTestId('log-skipped')!.textContent).toBe('1.2k lines skipped');
    expect(view.container.querySelector('.log-warn-dot')).not.toBeNull();
  });

  it('explains what to do before there is a run', () => {
    const t = makeStore();
    t.store.getState().setLogOpen(true);
    view = render(t.store, <Drawer />);
    expect(view.byTestId('log-empty')!.textContent).toMatch(/Add a Log sink/);
  });
});

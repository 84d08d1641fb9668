import { describe, expect, it } from 'vitest';
import { makeStore } from './testing';
import { readGraphText } from './graphSlice';

const conn = (source: string, target: string, port = 0) => ({ source, target, sourceHandle: 'out', targetHandle: `in-${port}` });

function pipeline() {
  const t = makeStore();
  const s = t.store.getState();
  s.addNode('counter', { x: 0, y: 0 });
  s.addNode('map', { x: 200, y: 0 });
  s.addNode('log', { x: 400, y: 0 });
  s.connect(conn('counter-1', 'map-1'));
  s.connect(conn('map-1', 'log-1'));
  return t;
}

describe('graph slice', () => {
  it('adds nodes with readable ids, selects the new one, and validates live', () => {
    const { store } = makeStore();
    const id = store.getState().addNode('map', { x: 10, y: 20 });
    expect(id).toBe('map-1');
    const s = store.getState();
    expect(s.selectedIds).toEqual(['map-1']);
    expect(s.nodes[0]!.data.params).toEqual({ func: 'x => x * 2' });
    // A map without an input is marked.
    expect(s.issuesByNode['map-1']?.[0]?.code).toBe('too_few_inputs');
  });

  it('a connected pipeline has no problems', () => {
    const { store } = pipeline();
    expect(store.getState().edges).toHaveLength(2);
    expect(store.getState().issues).toEqual([]);
  });

  it('refuses connections the catalog forbids, saying why', () => {
    const { store } = pipeline();
    const s = store.getState();
    expect(s.connectionProblem(conn('log-1', 'map-1'))).toMatch(/sink: it has no output/);
    expect(s.connectionProblem(conn('map-1', 'counter-1'))).toMatch(/source: it takes no input/);
    expect(s.connectionProblem(conn('counter-1', 'map-1'))).toMatch(/already comes from this node/);
    s.addNode('counter', { x: 0, y: 100 });
    expect(s.connectionProblem(conn('counter-2', 'map-1'))).toMatch(/already connected to “counter-1”/);
    expect(s.connectionProblem(conn('map-1', 'map-1'))).toMatch(/cannot feed itself/);
    s.connect(conn('log-1', 'map-1'));
    expect(store.getState().edges).toHaveLength(2);
  });

  it('refuses a feedback loop without an asynchronous node, and allows one through delay', () => {
    const { store } = makeStore();
    const s = store.getState();
    s.addNode('union', { x: 0, y: 0 });
    s.addNode('map', { x: 0, y: 0 });
    s.addNode('delay', { x: 0, y: 0 });
    s.connect(conn('union-1', 'map-1'));
    expect(s.connectionProblem(conn('map-1', 'union-1', 1))).toMatch(/feedback loop/);
    s.connect(conn('map-1', 'delay-1'));
    expect(s.connectionProblem(conn('delay-1', 'union-1', 1))).toBeNull();
  });

  it('grows variadic inputs: zip accepts a third input once two are used', () => {
    const { store } = makeStore();
    const s = store.getState();
    for (let i = 0; i < 3; i++) s.addNode('counter', { x: 0, y: i * 50 });
    s.addNode('zip', { x: 200, y: 0 });
    s.connect(conn('counter-1', 'zip-1', 0));
    s.connect(conn('counter-2', 'zip-1', 1));
    expect(s.connectionProblem(conn('counter-3', 'zip-1', 2))).toBeNull();
    s.connect(conn('counter-3', 'zip-1', 2));
    expect(store.getState().edges.map((e) => e.targetHandle)).toEqual(['in-0', 'in-1', 'in-2']);
  });

  it('deletes the selection and the edges touching it', () => {
    const { store } = pipeline();
    store.getState().selectOnly('map-1');
    store.getState().deleteSelection();
    expect(store.getState().nodes.map((n) => n.id)).toEqual(['counter-1', 'log-1']);
    expect(store.getState().edges).toEqual([]);
  });

  it('copies the selection as graph JSON and pastes it with fresh ids and its inner edges', () => {
    const { store } = pipeline();
    store.getState().selectAll();
    const fragment = store.getState().selectionAsGraph()!;
    expect(fragment.version).toBe(1);
    const text = JSON.stringify(fragment);
    const read = readGraphText(text);
    expect(read.ok).toBe(true);
    const n = store.getState().paste(read.ok ? read.graph : fragment);
    expect(n).toBe(3);
    const s = store.getState();
    expect(s.nodes.map((x) => x.id)).toEqual(['counter-1', 'map-1', 'log-1', 'counter-2', 'map-2', 'log-2']);
    expect(s.selectedIds).toEqual(['counter-2', 'map-2', 'log-2']);
    expect(s.edges.filter((e) => e.source === 'counter-2')[0]!.target).toBe('map-2');
    expect(s.nodes[3]!.position).toEqual({ x: 40, y: 40 });
    expect(s.issues).toEqual([]);
  });

  it('says why a text is not a graph', () => {
    expect(readGraphText('nope')).toMatchObject({ ok: false, reason: expect.stringMatching(/not JSON/) });
    expect(readGraphText('{"version":1,"nodes":"x","edges":[]}')).toMatchObject({ ok: false, reason: expect.stringMatching(/nodes/) });
    expect(readGraphText('{"version":99,"nodes":[],"edges":[]}')).toMatchObject({ ok: false, reason: expect.stringMatching(/newer/) });
  });

  it('keeps the issue arrays of untouched nodes identical across edits', () => {
    const { store } = makeStore();
    store.getState().addNode('map', { x: 0, y: 0 });
    const before = store.getState().issuesByNode['map-1'];
    store.getState().addNode('filter', { x: 0, y: 0 });
    expect(store.getState().issuesByNode['map-1']).toBe(before);
  });

  it('drops edges when React Flow removes a node', () => {
    const { store } = pipeline();
    store.getState().onNodesChange([{ type: 'remove', id: 'log-1' }]);
    expect(store.getState().edges.map((e) => e.target)).toEqual(['map-1']);
  });
});

describe('history slice', () => {
  it('undoes and redoes every edit', () => {
    const { store } = pipeline();
    const s = store.getState();
    s.setParam('map-1', 'func', 'x => x + 1');
    s.undo();
    expect(store.getState().nodes[1]!.data.params.func).toBe('x => x * 2');
    s.undo(); // the second edge
    expect(store.getState().edges).toHaveLength(1);
    s.redo();
    s.redo();
    expect(store.getState().edges).toHaveLength(2);
    expect(store.getState().nodes[1]!.data.params.func).toBe('x => x + 1');
  });

  it('makes typing in one field a single undo step', () => {
    const { store } = pipeline();
    const s = store.getState();
    const before = s.past.length;
    s.setParam('map-1', 'func', 'x => x');
    s.setParam('map-1', 'func', 'x => x +');
    s.setParam('map-1', 'func', 'x => x + 5');
    expect(store.getState().past.length).toBe(before + 1);
    s.undo();
    expect(store.getState().nodes[1]!.data.params.func).toBe('x => x * 2');
  });

  it('makes a drag one undo step and an auto-layout another', () => {
    const { store } = pipeline();
    const s = store.getState();
    s.beginDrag();
    s.onNodesChange([{ type: 'position', id: 'map-1', position: { x: 250, y: 10 }, dragging: true }]);
    s.onNodesChange([{ type: 'position', id: 'map-1', position: { x: 300, y: 20 }, dragging: false }]);
    s.moveNodes(new Map([['log-1', { x: 900, y: 0 }]]));
    s.undo();
    expect(store.getState().nodes[2]!.position).toEqual({ x: 400, y: 0 });
    s.undo();
    expect(store.getState().nodes[1]!.position).toEqual({ x: 200, y: 0 });
  });

  it('undoes a deletion, bringing back the edges', () => {
    const { store } = pipeline();
    store.getState().selectOnly('map-1');
    store.getState().deleteSelection();
    store.getState().undo();
    expect(store.getState().edges).toHaveLength(2);
    expect(store.getState().nodes).toHaveLength(3);
  });
});

import { describe, expect, it } from 'vitest';
import { makeStore, settle } from './testing';

const conn = (source: string, target: string) => ({ source, target, sourceHandle: 'out', targetHandle: 'in-0' });

async function opened() {
  const t = makeStore();
  await t.store.getState().createGraph();
  return t;
}

describe('doc slice: automatic saving with the revision check', () => {
  it('creates a graph, opens it, and saves each edit with the revision it was based on', async () => {
    const { store, server } = await opened();
    expect(store.getState().graphId).toBe('g1');
    store.getState().addNode('counter', { x: 0, y: 0 });
    await settle();
    expect(server.calls).toContain('updateGraph g1 1');
    expect(store.getState().revision).toBe(2);
    expect(store.getState().saveState).toBe('saved');
    expect(server.graphs.get('g1')!.graph.nodes).toHaveLength(1);
  });

  it('does not send a graph with problems: it stays a local draft until they are fixed', async () => {
    const { store, server, storage } = await opened();
    store.getState().addNode('map', { x: 0, y: 0 });
    await settle();
    expect(store.getState().saveState).toBe('invalid');
    expect(server.calls.filter((c) => c.startsWith('updateGraph'))).toEqual([]);
    expect(storage.getItem('streamloom.draft.g1')).toContain('map-1');
    store.getState().addNode('counter', { x: 0, y: 0 });
    store.getState().connect(conn('counter-1', 'map-1'));
    await settle();
    expect(store.getState().saveState).toBe('saved');
    expect(server.graphs.get('g1')!.graph.edges).toHaveLength(1);
  });

  it('tells about a conflict and overwrites or reloads as asked', async () => {
    const { store, server } = await opened();
    server.saveAsOther('g1', { version: 1, name: 'theirs', nodes: [], edges: [] });
    store.getState().addNode('counter', { x: 0, y: 0 });
    await settle();
    expect(store.getState().saveState).toBe('conflict');
    expect(store.getState().conflictRevision).toBe(2);
    await store.getState().resolveConflict('overwrite');
    expect(store.getState().saveState).toBe('saved');
    expect(server.graphs.get('g1')!.revision).toBe(3);
    expect(server.graphs.get('g1')!.graph.nodes).toHaveLength(1);

    server.saveAsOther('g1', { version: 1, name: 'theirs again', nodes: [], edges: [] });
    store.getState().addNode('counter', { x: 50, y: 0 });
    await settle();
    expect(store.getState().saveState).toBe('conflict');
    await store.getState().resolveConflict('reload');
    expect(store.getState().name).toBe('theirs again');
    expect(store.getState().nodes).toHaveLength(0);
  });

  it('keeps edits made while the server is away and saves them when it is back', async () => {
    const { store, server, storage } = await opened();
    server.offline = true;
    store.getState().addNode('counter', { x: 0, y: 0 });
    await settle();
    expect(store.getState().saveState).toBe('offline');
    store.getState().addNode('counter', { x: 0, y: 80 });
    await settle();
    expect(JSON.parse(storage.getItem('streamloom.draft.g1')!).graph.nodes).toHaveLength(2);
    server.offline = false;
    expect(await store.getState().saveNow()).toBe(true);
    expect(server.graphs.get('g1')!.graph.nodes).toHaveLength(2);
    expect(storage.getItem('streamloom.draft.g1')).toBeNull();
  });

  it('brings back a draft left unsaved when the page was closed', async () => {
    const { store, server, storage } = await opened();
    server.offline = true;
    store.getState().addNode('counter', { x: 0, y: 0 });
    await settle();
    server.offline = false;
    // A new page on the same browser.
    const { createEditorStore } = await import('./index');
    const { testCatalog, FakeTransport } = await import('./testing');
    const again = createEditorStore({ api: server.api, transport: new FakeTransport(server), storage, saveDelay: 0 });
    again.getState().setCatalog(testCatalog);
    await again.getState().openGraph('g1');
    expect(again.getState().nodes).toHaveLength(1);
    await settle();
    expect(server.graphs.get('g1')!.graph.nodes).toHaveLength(1);
  });

  it('notices a save from another page', async () => {
    const { store } = await opened();
    store.getState().noteRemoteSave('g1', 5);
    expect(store.getState().remoteRevision).toBe(5);
    store.getState().noteRemoteSave('other', 9);
    expect(store.getState().remoteRevision).toBe(5);
  });

  it('renames and deletes graphs', async () => {
    const { store, server } = await opened();
    await store.getState().renameGraph('g1', 'Sensors');
    expect(server.graphs.get('g1')!.name).toBe('Sensors');
    await store.getState().deleteGraph('g1');
    expect(server.graphs.has('g1')).toBe(false);
    // The editor opens a new graph rather than leaving nothing open.
    expect(store.getState().graphId).toBe('g2');
  });
});

// @vitest-environment happy-dom
import { afterEach, describe, expect, it } from 'vitest';
import { ApiRequestError, api, setFetch, unauthorizedListeners } from './client';
import { adoptTokenFromUrl, clearToken, currentToken, saveToken } from './token';

afterEach(() => {
  setFetch((...a) => fetch(...a));
  clearToken();
});

const answer = (status: number, body: unknown) => async () => new Response(JSON.stringify(body), { status, headers: { 'Content-Type': 'application/json' } });

describe('REST client', () => {
  it('sends the token and reads JSON', async () => {
    saveToken('abc');
    let auth: string | null = null;
    setFetch(async (_url, init) => {
      auth = new Headers(init?.headers).get('Authorization');
      return new Response('[]', { status: 200 });
    });
    expect(await api.listGraphs()).toEqual([]);
    expect(auth).toBe('Bearer abc');
  });

  it('turns a 409 into a conflict error with the current revision', async () => {
    setFetch(answer(409, { error: { code: 'conflict', message: 'stale' }, currentRevision: 7 }));
    const e = await api.updateGraph('g', { version: 1, name: 'x', nodes: [], edges: [] }, 3).catch((x: unknown) => x);
    expect(e).toBeInstanceOf(ApiRequestError);
    expect(e).toMatchObject({ code: 'conflict', status: 409, currentRevision: 7 });
  });

  it('keeps the validator’s issues of a 422 and tells listeners about a 401', async () => {
    setFetch(answer(422, { error: { code: 'invalid_graph', message: 'bad', issues: [{ code: 'unknown_type', message: 'nope' }] } }));
    await expect(api.createGraph({ version: 1, name: 'x', nodes: [], edges: [] })).rejects.toMatchObject({ issues: [{ code: 'unknown_type' }] });
    let told = 0;
    const l = () => told++;
    unauthorizedListeners.add(l);
    setFetch(answer(401, { error: { code: 'unauthorized', message: 'token' } }));
    await expect(api.catalog()).rejects.toMatchObject({ code: 'unauthorized' });
    unauthorizedListeners.delete(l);
    expect(told).toBe(1);
  });

  it('reports an unreachable server as a network error', async () => {
    setFetch(async () => {
      throw new TypeError('Failed to fetch');
    });
    await expect(api.listRuns()).rejects.toMatchObject({ code: 'network' });
  });
});

describe('token', () => {
  it('moves ?token= from the address into storage', () => {
    history.replaceState(null, '', '/?token=s3cret&x=1#/graph/g1');
    adoptTokenFromUrl();
    expect(currentToken()).toBe('s3cret');
    expect(location.search).toBe('?x=1');
    expect(location.hash).toBe('#/graph/g1');
    expect(localStorage.getItem('streamloom.token')).toBe('s3cret');
  });
});

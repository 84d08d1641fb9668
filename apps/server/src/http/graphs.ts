import { Router } from 'express';
import type { SaveGraphResponse } from '@streamloom/engine/protocol';
import { ApiFailure, MESSAGES } from '../errors.js';
import type { RunManager } from '../runs/RunManager.js';
import type { GraphStore } from '../store/GraphStore.js';
import { body, check, checkedGraph, DeployBody, graphOf, IdParams, optionalBody, UpdateGraphBody } from './validation.js';

export interface GraphRoutesDeps {
  graphs: GraphStore;
  runs: RunManager;
  /** Tells every connected editor that a graph was saved. */
  saved(info: SaveGraphResponse): void;
}

/** /api/graphs: stored graphs, each save a new revision; deploy starts a run. */
export function graphRoutes({ graphs, runs, saved }: GraphRoutesDeps): Router {
  const r = Router();

  r.get('/', (_req, res) => {
    res.json(graphs.list());
  });

  r.post('/', (req, res) => {
    const graph = graphOf(body(req));
    const result = graphs.create(graph);
    saved(result);
    res.status(201).json(result satisfies SaveGraphResponse);
  });

  r.get('/:id', (req, res) => {
    const { id } = check(IdParams, req.params, 'params');
    const stored = graphs.get(id);
    if (stored === undefined) throw new ApiFailure('not_found', MESSAGES.graphNotFound(id));
    res.json(stored);
  });

  r.put('/:id', (req, res) => {
    const { id } = check(IdParams, req.params, 'params');
    const { graph: doc, baseRevision } = check(UpdateGraphBody, body(req));
    if (graphs.get(id) === undefined) throw new ApiFailure('not_found', MESSAGES.graphNotFound(id));
    const graph = checkedGraph(doc);
    const result = graphs.update(id, graph, baseRevision);
    if (!result.ok) {
      if (result.reason === 'not_found') throw new ApiFailure('not_found', MESSAGES.graphNotFound(id));
      throw new ApiFailure('conflict', MESSAGES.conflict(baseRevision, result.currentRevision), undefined, {
        currentRevision: result.currentRevision,
      });
    }
    saved({ id, revision: result.revision });
    res.json({ id, revision: result.revision } satisfies SaveGraphResponse);
  });

  r.delete('/:id', async (req, res) => {
    const { id } = check(IdParams, req.params, 'params');
    if (graphs.get(id) === undefined) throw new ApiFailure('not_found', MESSAGES.graphNotFound(id));
    await runs.stopGraph(id);
    graphs.delete(id);
    res.status(204).end();
  });

  r.get('/:id/revisions', (req, res) => {
    const { id } = check(IdParams, req.params, 'params');
    const revisions = graphs.revisions(id);
    if (revisions === undefined) throw new ApiFailure('not_found', MESSAGES.graphNotFound(id));
    res.json(revisions);
  });

  r.post('/:id/deploy', (req, res) => {
    const { id } = check(IdParams, req.params, 'params');
    const { revision } = check(DeployBody, optionalBody(req));
    const status = runs.deploy(id, revision);
    res.status(201).json({ runId: status.runId });
  });

  return r;
}

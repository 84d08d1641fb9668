import { Router } from 'express';
import type { RunManager } from '../runs/RunManager.js';
import { body, check, EmitBody, RunParams } from './validation.js';

/** /api/runs: the state of every run; stop; push a value into a node by hand. */
export function runRoutes(runs: RunManager): Router {
  const r = Router();

  r.get('/', (_req, res) => {
    res.json(runs.list());
  });

  r.get('/:runId', (req, res) => {
    const { runId } = check(RunParams, req.params, 'params');
    res.json(runs.mustGet(runId));
  });

  r.post('/:runId/stop', async (req, res) => {
    const { runId } = check(RunParams, req.params, 'params');
    res.json(await runs.stop(runId));
  });

  r.post('/:runId/emit', async (req, res) => {
    const { runId } = check(RunParams, req.params, 'params');
    const { nodeId, value } = check(EmitBody, body(req));
    await runs.emit(runId, nodeId, value);
    res.json({ ok: true });
  });

  return r;
}

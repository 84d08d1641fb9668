import { Router } from 'express';
import { z } from 'zod';
import type { RunLog } from '@streamloom/engine/protocol';
import type { RunManager } from '../runs/RunManager.js';
import { body, check, EmitBody, RunParams } from './validation.js';

/** `GET /api/runs/:runId/log?after=<seq>`: only lines numbered after `seq`. */
const LogQuery = z.strictObject({
  after: z
    .string()
    .regex(/^\d{1,15}$/, 'expected a whole number of 0 or more')
    .transform(Number)
    .optional(),
});

/** /api/runs: the state of every run; its recent output; stop; push a value into a node by hand. */
export function runRoutes(runs: RunManager): Router {
  const r = Router();

  r.get('/', (_req, res) => {
    res.json(runs.list());
  });

  r.get('/:runId', (req, res) => {
    const { runId } = check(RunParams, req.params, 'params');
    res.json(runs.mustGet(runId));
  });

  r.get('/:runId/log', (req, res) => {
    const { runId } = check(RunParams, req.params, 'params');
    const { after } = check(LogQuery, req.query, 'query');
    res.json(runs.log(runId, after) satisfies RunLog);
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

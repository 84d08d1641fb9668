import { existsSync } from 'node:fs';
import { join } from 'node:path';
import express, { type Express } from 'express';
import type { CatalogData, HealthResponse, SaveGraphResponse, ValidateResponse } from '@streamloom/engine/protocol';
import { fullCatalog, validateGraph } from '../engine.js';
import type { RunManager } from '../runs/RunManager.js';
import type { GraphStore } from '../store/GraphStore.js';
import { requireToken } from './auth.js';
import { errorHandler, notFound } from './errorHandler.js';
import { exportRoute } from './exportRoute.js';
import { graphRoutes } from './graphs.js';
import { runRoutes } from './runs.js';
import { body } from './validation.js';

export interface AppDeps {
  token: string;
  version: string;
  bodyLimit: number;
  webDir: string;
  catalog: CatalogData;
  graphs: GraphStore;
  runs: RunManager;
  saved(info: SaveGraphResponse): void;
  log(line: string): void;
}

/** The Express app: the JSON API under /api (token required, except health) and the editor at /. */
export function createApp(deps: AppDeps): Express {
  const app = express();
  app.disable('x-powered-by');
  app.set('etag', false);

  const api = express.Router();
  api.get('/health', (_req, res) => {
    res.json({ ok: true, version: deps.version } satisfies HealthResponse);
  });
  api.use(requireToken(deps.token));
  api.use(express.json({ limit: deps.bodyLimit }));
  api.get('/catalog', (_req, res) => {
    res.json(deps.catalog);
  });
  api.post('/validate', (req, res) => {
    const b = body(req);
    const issues = validateGraph('graph' in b ? b.graph : b);
    res.json({ ok: issues.length === 0, issues } satisfies ValidateResponse);
  });
  api.get('/graphs/:id/export', exportRoute({ graphs: deps.graphs, catalog: fullCatalog }));
  api.use('/graphs', graphRoutes(deps));
  api.use('/runs', runRoutes(deps.runs));
  api.use(notFound);
  api.use(errorHandler({ bodyLimit: deps.bodyLimit, log: deps.log }));
  app.use('/api', api);

  // The editor: static files without the token, so the page can load and ask for it.
  const index = join(deps.webDir, 'index.html');
  if (existsSync(index)) {
    app.use(express.static(deps.webDir, { index: 'index.html' }));
    app.use((req, res, next) => {
      if (req.method !== 'GET' || req.path.startsWith('/socket.io')) return next();
      res.sendFile(index);
    });
  } else {
    app.get('/', (_req, res) => {
      res
        .type('text/plain')
        .send('Streamloom server. The editor is not built (npm run build -w @streamloom/web); the API is at /api.\n');
    });
  }
  return app;
}

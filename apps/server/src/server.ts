import { createServer as createHttpServer, type Server as HttpServer } from 'node:http';
import type { Express } from 'express';
import { serverVersion, type Config } from './config.js';
import { catalogData, parseGraphInput } from './engine.js';
import { createApp } from './http/app.js';
import { attachRealtime, type IoServer } from './realtime/realtime.js';
import { RunManager } from './runs/RunManager.js';
import { closeDb, openDb, type Db } from './store/db.js';
import { GraphStore } from './store/GraphStore.js';
import { RunStore } from './store/RunStore.js';

export interface ServerDeps {
  config: Config;
  token: string;
  log?: (line: string) => void;
}

export interface StreamloomServer {
  app: Express;
  httpServer: HttpServer;
  io: IoServer;
  runs: RunManager;
  graphs: GraphStore;
  db: Db;
  /** Starts again the runs that were running when the server last stopped. Call after listen. */
  resumeRuns(): void;
  /** Stops every run (they resume on the next start), closes sockets and the store. */
  close(): Promise<void>;
}

/**
 * Builds the server (HTTP API, socket.io, run manager, store) without listening: `index.ts`
 * listens, tests listen on an ephemeral port.
 */
export function createServer({ config, token, log = (line) => console.error(line) }: ServerDeps): StreamloomServer {
  const db = openDb(config.dataDir);
  const graphs = new GraphStore(db);
  const runStore = new RunStore(db);
  const runs = new RunManager({ graphs, runs: runStore, config: config.runs, catalog: catalogData, parse: parseGraphInput, log });
  // The app first, socket.io second: socket.io then takes its own requests (/socket.io/, long
  // polling included) before Express sees them.
  const app = createApp({
    token,
    version: serverVersion(),
    bodyLimit: config.bodyLimit,
    webDir: config.webDir,
    catalog: catalogData,
    graphs,
    runs,
    saved: (info) => io.emit('graph:saved', info),
    log,
  });
  const httpServer = createHttpServer(app);
  const io = attachRealtime(httpServer, { token, runs });

  let closing: Promise<void> | null = null;
  return {
    app,
    httpServer,
    io,
    runs,
    graphs,
    db,
    resumeRuns() {
      const resumed = runs.resumeAll();
      if (resumed.length > 0) log(`restarting ${resumed.length} run(s) that were running before`);
    },
    close() {
      closing ??= (async () => {
        await runs.shutdown();
        await io.close();
        if (httpServer.listening) httpServer.closeAllConnections();
        closeDb(db);
      })();
      return closing;
    },
  };
}

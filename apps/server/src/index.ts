import { loadConfig, type Config } from './config.js';
import { createServer, type StreamloomServer } from './server.js';
import { loadToken } from './store/token.js';

export { createServer, loadConfig };
export type { Config, StreamloomServer };

const LOOPBACK = new Set(['127.0.0.1', 'localhost', '::1']);

/**
 * Starts the server: listens, prints the URL to open (with the token, as Jupyter does), restarts
 * the runs that were running, and shuts down gracefully on SIGINT/SIGTERM (every run stopped, the
 * store flushed, exit 0).
 */
export async function serve(config: Config): Promise<StreamloomServer> {
  const { token, generated } = loadToken(config.dataDir, config.token);
  const server = createServer({ config, token });
  await new Promise<void>((resolve, reject) => {
    server.httpServer.once('error', reject);
    server.httpServer.listen(config.port, config.host, () => {
      server.httpServer.off('error', reject);
      resolve();
    });
  });
  const address = server.httpServer.address();
  const port = typeof address === 'object' && address !== null ? address.port : config.port;
  const shown = config.host === '0.0.0.0' || config.host === '::' ? '127.0.0.1' : config.host;
  const host = shown.includes(':') ? `[${shown}]` : shown;
  console.log(`Streamloom is running. Open:\n\n    http://${host}:${port}/?token=${token}\n`);
  console.log(`data: ${config.dataDir}${generated ? ' (new token generated and kept there)' : ''}`);
  if (!LOOPBACK.has(config.host)) {
    console.warn(
      `warning: listening on ${config.host}: anyone who can reach this machine and has the token can run code on it`,
    );
  }
  server.resumeRuns();

  let stopping = false;
  const shutdown = (signal: string) => {
    if (stopping) return;
    stopping = true;
    console.log(`\n${signal}: stopping runs and closing the store…`);
    server.close().then(
      () => process.exit(0),
      (error: unknown) => {
        console.error(error);
        process.exit(1);
      },
    );
  };
  process.on('SIGINT', () => shutdown('SIGINT'));
  process.on('SIGTERM', () => shutdown('SIGTERM'));
  return server;
}

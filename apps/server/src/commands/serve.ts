import { parseArgs } from 'node:util';
import { loadConfig } from '../config.js';
import { serve } from '../index.js';
import type { Command } from './command.js';

export const serveCommand: Command = {
  name: 'serve',
  summary: 'serve the editor and the API (what `npm start` runs)',
  usage: `streamloom serve [--port 4100] [--host 127.0.0.1] [--data-dir ./data]

  --port       port to listen on (env PORT, default 4100)
  --host       address to bind (env HOST, default 127.0.0.1; 0.0.0.0 exposes it to the network)
  --data-dir   where graphs, runs and the token are kept (env STREAMLOOM_DATA_DIR, default ./data)

The token comes from STREAMLOOM_TOKEN, or is generated on first start and kept in the data dir.`,
  async run(args) {
    const { values } = parseArgs({
      args,
      options: { port: { type: 'string' }, host: { type: 'string' }, 'data-dir': { type: 'string' } },
      strict: true,
    });
    const env = { ...process.env };
    if (values.port !== undefined) env.PORT = values.port;
    if (values.host !== undefined) env.HOST = values.host;
    if (values['data-dir'] !== undefined) env.STREAMLOOM_DATA_DIR = values['data-dir'];
    await serve(loadConfig(env));
    return new Promise<number>(() => {
      // Runs until a signal shuts it down (see serve).
    });
  },
};

// A server of a test's own (`streamloom serve` as a child process), for scenarios that need to
// read what it prints or to stop and start it. The shared one comes from playwright.config.ts.
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freePort } from './launch.js';
import { REPO_ROOT } from './env.js';

export interface OwnServer {
  readonly port: number;
  readonly dataDir: string;
  readonly base: string;
  /** The address the server printed ("Open: http://…/?token=…") on its last start. */
  readonly printedUrl: string;
  /** Everything it wrote, for a failing test's message. */
  output(): string;
  start(): Promise<void>;
  /** SIGTERM, as Ctrl-C would; waits until it has exited. */
  stop(): Promise<void>;
}

export function ownServer(options: { token?: string; dataDir?: string; port?: number } = {}): OwnServer {
  const port = options.port ?? freePort();
  const dataDir = options.dataDir ?? mkdtempSync(join(tmpdir(), 'streamloom-e2e-own-'));
  const base = `http://127.0.0.1:${port}`;
  let child: ChildProcess | null = null;
  let log = '';
  let printedUrl = '';

  const server: OwnServer = {
    port,
    dataDir,
    base,
    get printedUrl() {
      return printedUrl;
    },
    output: () => log,
    async start() {
      const env: NodeJS.ProcessEnv = { ...process.env, PORT: String(port), HOST: '127.0.0.1', STREAMLOOM_DATA_DIR: dataDir };
      delete env.STREAMLOOM_TOKEN;
      if (options.token !== undefined) env.STREAMLOOM_TOKEN = options.token;
      printedUrl = '';
      const proc = spawn(process.execPath, [join(REPO_ROOT, 'apps/server/dist/cli.js'), 'serve'], {
        cwd: REPO_ROOT,
        env,
        stdio: ['ignore', 'pipe', 'pipe'],
      });
      child = proc;
      const onData = (chunk: Buffer) => {
        log += chunk.toString();
        printedUrl ||= /(http:\/\/\S+\?token=\S+)/.exec(log)?.[1] ?? '';
      };
      proc.stdout!.on('data', onData);
      proc.stderr!.on('data', onData);
      const deadline = Date.now() + 30_000;
      while (Date.now() < deadline) {
        if (proc.exitCode !== null) throw new Error(`the server exited with ${proc.exitCode}:\n${log}`);
        try {
          const res = await fetch(`${base}/api/health`);
          if (res.ok && printedUrl !== '') return;
        } catch {
          // not listening yet
        }
        await new Promise((r) => setTimeout(r, 100));
      }
      throw new Error(`the server did not answer /api/health within 30 s:\n${log}`);
    },
    async stop() {
      const proc = child;
      child = null;
      if (proc === null || proc.exitCode !== null) return;
      const exited = new Promise((r) => proc.once('exit', r));
      proc.kill('SIGTERM');
      const timer = setTimeout(() => proc.kill('SIGKILL'), 15_000);
      await exited;
      clearTimeout(timer);
    },
  };
  return server;
}

import { existsSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

/** Everything the server can be told; `loadConfig` fills it from the environment and flags. */
export interface Config {
  port: number;
  host: string;
  /** Where the database and the generated token live. */
  dataDir: string;
  /** The access token; undefined: read or generate it in the data directory. */
  token: string | undefined;
  /** The built editor to serve at `/`, if it exists. */
  webDir: string;
  /** Largest request body, in bytes. */
  bodyLimit: number;
  runs: RunConfig;
}

export interface RunConfig {
  /** Milliseconds between telemetry frames (10 per second by default). */
  tickMs: number;
  /** A host that sends nothing for longer than this (ms) is killed and its run failed. */
  watchdogMs: number;
  /** How long a host may take to load and compile before it is killed (ms). */
  startTimeoutMs: number;
  /** How long a host may take to stop gracefully before it is killed (ms). */
  stopTimeoutMs: number;
  /** The heap cap of each run's process (`--max-old-space-size`, MB). */
  heapMb: number;
  /** The host's entry point (the built `runs/host.js`). */
  hostEntry: string;
  /** Directories the host must be able to read to load its own code. */
  codeDirs: string[];
  /** Relative paths in a graph's parameters are resolved against this directory. */
  cwd: string;
}

/** apps/server, whether this file runs from src/ (tests) or dist/. */
export const SERVER_ROOT = fileURLToPath(new URL('..', import.meta.url));
/** The repository root (the workspace). */
const REPO_ROOT = resolve(SERVER_ROOT, '../..');

export const DEFAULT_PORT = 4100;
export const DEFAULT_HOST = '127.0.0.1';

export function serverVersion(): string {
  try {
    return (JSON.parse(readFileSync(resolve(SERVER_ROOT, 'package.json'), 'utf8')) as { version: string }).version;
  } catch {
    return '0.0.0';
  }
}

/** The directories a run's host reads its code from: the server's build, the engine, node_modules. */
export function defaultCodeDirs(): string[] {
  const dirs = [resolve(SERVER_ROOT, 'dist'), resolve(SERVER_ROOT, 'package.json')];
  // The workspace's packages are reached through symlinks in node_modules; both paths are read.
  for (const nm of [resolve(SERVER_ROOT, 'node_modules'), resolve(REPO_ROOT, 'node_modules')]) {
    if (existsSync(nm)) dirs.push(nm);
  }
  const engine = resolve(REPO_ROOT, 'packages/engine');
  if (existsSync(engine)) dirs.push(resolve(engine, 'dist'), resolve(engine, 'package.json'));
  dirs.push(resolve(REPO_ROOT, 'package.json'));
  return dirs;
}

function int(value: string | undefined, fallback: number, name: string): number {
  if (value === undefined || value === '') return fallback;
  const n = Number(value);
  if (!Number.isInteger(n) || n < 0) throw new Error(`${name} must be a whole number, got "${value}"`);
  return n;
}

/** The configuration from the environment, with explicit overrides (command-line flags) on top. */
export function loadConfig(
  env: NodeJS.ProcessEnv = process.env,
  overrides: Partial<Omit<Config, 'runs'>> & { runs?: Partial<RunConfig> } = {},
): Config {
  const cwd = process.cwd();
  const runs: RunConfig = {
    tickMs: int(env.STREAMLOOM_TICK_MS, 100, 'STREAMLOOM_TICK_MS'),
    watchdogMs: int(env.STREAMLOOM_WATCHDOG_MS, 2000, 'STREAMLOOM_WATCHDOG_MS'),
    startTimeoutMs: int(env.STREAMLOOM_START_TIMEOUT_MS, 15_000, 'STREAMLOOM_START_TIMEOUT_MS'),
    stopTimeoutMs: int(env.STREAMLOOM_STOP_TIMEOUT_MS, 3000, 'STREAMLOOM_STOP_TIMEOUT_MS'),
    heapMb: int(env.STREAMLOOM_HEAP_MB, 256, 'STREAMLOOM_HEAP_MB'),
    hostEntry: resolve(SERVER_ROOT, 'dist/runs/host.js'),
    codeDirs: defaultCodeDirs(),
    cwd,
    ...overrides.runs,
  };
  const { runs: _runs, ...rest } = overrides;
  return {
    port: int(env.PORT, DEFAULT_PORT, 'PORT'),
    host: env.HOST || DEFAULT_HOST,
    dataDir: resolve(cwd, env.STREAMLOOM_DATA_DIR || 'data'),
    token: env.STREAMLOOM_TOKEN || undefined,
    webDir: resolve(REPO_ROOT, 'apps/web/dist'),
    bodyLimit: int(env.STREAMLOOM_BODY_LIMIT, 1024 * 1024, 'STREAMLOOM_BODY_LIMIT'),
    ...rest,
    runs,
  };
}

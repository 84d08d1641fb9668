import { statSync } from 'node:fs';
import { isAbsolute, resolve, sep } from 'node:path';
import type { CatalogData, Graph } from '@streamloom/engine/protocol';

/** What a run's process is allowed beyond loading its own code. */
export interface Grants {
  fsRead: string[];
  fsWrite: string[];
  childProcess: boolean;
  /** Nodes that use the network (not restricted by Node 20's permission model; reported only). */
  network: string[];
}

/**
 * Collects what the graph's nodes declare they need (`HostNeeds`): a file source gets read access
 * to its path, a file sink write access to its path, a process source child processes. Nothing
 * else is granted. Relative paths are resolved against `cwd`.
 */
export function grantsFor(graph: Graph, catalog: CatalogData, cwd: string): Grants {
  const byType = new Map(catalog.map((d) => [d.type, d]));
  const grants: Grants = { fsRead: [], fsWrite: [], childProcess: false, network: [] };
  for (const node of graph.nodes) {
    const needs = byType.get(node.type)?.needs;
    if (needs === undefined) continue;
    const path = (param: string | undefined): string | undefined => {
      if (param === undefined) return undefined;
      const value = node.params[param] ?? byType.get(node.type)?.params.find((p) => p.name === param)?.default;
      if (typeof value !== 'string' || value === '') return undefined;
      return globBase(isAbsolute(value) ? value : resolve(cwd, value));
    };
    const read = path(needs.fileRead);
    if (read !== undefined) grants.fsRead.push(read);
    const write = path(needs.fileWrite);
    if (write !== undefined) grants.fsWrite.push(write);
    if (needs.childProcess) grants.childProcess = true;
    if (needs.network) grants.network.push(node.id);
  }
  return grants;
}

/**
 * Node's flags for a run's process: a heap cap, the permission model with only the grants (plus
 * reading the host's own code, and worker threads for the host's busy reporter), no code
 * generation from strings outside the sandbox either, and no experimental-feature warnings.
 */
export function hostExecArgv(grants: Grants, opts: { heapMb: number; codeDirs: readonly string[] }): string[] {
  const argv = [
    `--max-old-space-size=${opts.heapMb}`,
    PERMISSION_FLAG,
    '--allow-worker',
    '--disallow-code-generation-from-strings',
    '--disable-warning=ExperimentalWarning',
    '--disable-warning=SecurityWarning',
  ];
  // One flag per path (Node 20.19+ reads a comma as part of the path).
  for (const p of unique([...opts.codeDirs, ...grants.fsRead].map(asGrant))) argv.push(`--allow-fs-read=${p}`);
  for (const p of unique(grants.fsWrite.map(asGrant))) argv.push(`--allow-fs-write=${p}`);
  if (grants.childProcess) argv.push('--allow-child-process');
  return argv;
}

/** A glob pattern (`/data/*.csv`, `logs/**`) is granted as the directory its matches live under. */
function globBase(path: string): string {
  if (!/[*?[\]{}]/.test(path)) return path;
  const parts = path.split(sep);
  const i = parts.findIndex((p) => /[*?[\]{}]/.test(p));
  return parts.slice(0, i).join(sep) + sep;
}

/** A directory is granted with everything under it (Node 20 wants the trailing separator). */
function asGrant(path: string): string {
  try {
    if (statSync(path).isDirectory() && !path.endsWith(sep)) return path + sep;
  } catch {
    // a file that does not exist yet (a sink's output) is granted as it is
  }
  return path;
}

/** `--experimental-permission` on Node 20 and 22; `--permission` once it is stable. */
const PERMISSION_FLAG = process.allowedNodeEnvironmentFlags.has('--permission') ? '--permission' : '--experimental-permission';

function unique(xs: readonly string[]): string[] {
  return [...new Set(xs)];
}

/** The example graphs shipped in the repository's `examples/` directory. */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { byType } from '../../src/catalog/index.js';

export const EXAMPLES_DIR = fileURLToPath(new URL('../../../../examples/', import.meta.url));

export interface Example {
  file: string;
  graph: any;
}

export function loadExamples(): Example[] {
  if (!existsSync(EXAMPLES_DIR)) return [];
  return readdirSync(EXAMPLES_DIR)
    .filter((f) => f.endsWith('.json'))
    .sort()
    .map((file) => ({ file, graph: JSON.parse(readFileSync(join(EXAMPLES_DIR, file), 'utf8')) as unknown }));
}

/** A node of the browser-safe catalog (the examples may use Node-only sources too). */
export function usesOnlyBrowserCatalog(graph: any): boolean {
  return (graph.nodes as { type: string }[]).every((n) => byType.has(n.type));
}

/**
 * A graph whose output does not depend on a clock: no node that delivers later than it receives,
 * and sources that emit everything at once and end (from_iterable, counter or random_walk with
 * interval 0 and a limit).
 */
export function isClockFree(graph: any): boolean {
  if (!usesOnlyBrowserCatalog(graph)) return false;
  return (graph.nodes as { type: string; params?: Record<string, unknown> }[]).every((n) => {
    const d = byType.get(n.type)!;
    if (d.async) return false;
    if (!d.source) return true;
    const p = n.params ?? {};
    if (n.type === 'from_iterable') return !p.interval;
    if (n.type === 'counter' || n.type === 'random_walk') return p.interval === 0 && p.limit != null;
    return false;
  });
}

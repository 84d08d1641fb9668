// The engine's example graphs, bundled at build time (the gallery works without a server route).
import type { Graph } from '@streamloom/engine/protocol';

const files = import.meta.glob<unknown>('../../../../examples/*.json', { eager: true, import: 'default' });

export interface Example {
  file: string;
  name: string;
  description: string;
  graph: unknown;
  nodeCount: number;
  types: string[];
}

function describe(file: string, doc: unknown): Example {
  const g = (doc ?? {}) as Partial<Graph> & { description?: unknown };
  const base = file.split('/').pop()!.replace(/\.json$/, '');
  const nodes = Array.isArray(g.nodes) ? g.nodes : [];
  return {
    file: base,
    name: typeof g.name === 'string' && g.name ? g.name : base.replace(/[-_]+/g, ' '),
    description: typeof g.description === 'string' ? g.description : '',
    graph: doc,
    nodeCount: nodes.length,
    types: [...new Set(nodes.map((n) => (n as { type?: unknown }).type).filter((t): t is string => typeof t === 'string'))],
  };
}

export const EXAMPLES: readonly Example[] = Object.entries(files)
  .map(([file, doc]) => describe(file, doc))
  .sort((a, b) => a.name.localeCompare(b.name));

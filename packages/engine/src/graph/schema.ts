import { z } from 'zod';

/** The graph JSON version this engine writes. Older versions are migrated on load (migrate.ts). */
export const GRAPH_VERSION = 1;

/** Limits that keep a graph (and everything that handles it) bounded. */
export const GRAPH_LIMITS = {
  nodes: 2_000,
  edges: 10_000,
  /** Bytes of one node's params, serialised as JSON. */
  paramBytes: 64 * 1024,
  idLength: 64,
  nameLength: 200,
} as const;

export const PositionSchema = z.object({ x: z.number().finite(), y: z.number().finite() });

export const GraphNodeSchema = z.object({
  id: z.string().min(1).max(GRAPH_LIMITS.idLength),
  /** The operator's type id in the catalog: streamz's own name, e.g. `sliding_window`. */
  type: z.string().min(1).max(100),
  params: z.record(z.string(), z.unknown()).default({}),
  position: PositionSchema.default({ x: 0, y: 0 }),
  /** What a throwing element does: dropped and counted (default), or the run stops with it. */
  onError: z.enum(['drop', 'stop']).optional(),
});

export const GraphEdgeSchema = z.object({
  id: z.string().min(1).max(GRAPH_LIMITS.idLength),
  source: z.string().min(1),
  target: z.string().min(1),
  /** Input position on the target: 0 is the first upstream (zip's receiver). */
  targetPort: z.number().int().min(0).default(0),
});

/**
 * A graph as saved, sent and exported. Edge order is delivery order: a node delivers to its
 * downstreams in the order their edges appear.
 */
export const GraphSchema = z.object({
  version: z.literal(GRAPH_VERSION),
  name: z.string().max(GRAPH_LIMITS.nameLength).default('Untitled'),
  /** A short text for people (what the graph does), shown by the examples gallery. */
  description: z.string().max(2_000).optional(),
  nodes: z.array(GraphNodeSchema),
  edges: z.array(GraphEdgeSchema),
});

export type GraphNode = z.infer<typeof GraphNodeSchema>;
export type GraphEdge = z.infer<typeof GraphEdgeSchema>;
export type Graph = z.infer<typeof GraphSchema>;
/** The shape accepted as input (defaults not yet applied). */
export type GraphInput = z.input<typeof GraphSchema>;

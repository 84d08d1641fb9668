// The wire protocol shared by server and browser: types only, browser-safe.
export type * from './api.js';
export type * from './events.js';
export type * from './telemetry.js';
export type * from './preview.js';
export type * from './log.js';
export type { Graph, GraphNode, GraphEdge, GraphInput } from '../graph/schema.js';
export type { GraphIssue, GraphIssueCode } from '../graph/issues.js';
export type * from '../catalog/types.js';

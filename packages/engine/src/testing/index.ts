// Test helpers: a plain run host and runGraph (compile on a virtual clock, push, advance, collect).
// Not for production: plainHost compiles user functions without a sandbox.
export { plainHost } from './plainHost.js';
export type { PlainHost, PlainHostOptions } from './plainHost.js';
export { runGraph, GraphIssuesError } from './runGraph.js';
export type { RunGraphInput, RunGraphOptions, RunGraphResult } from './runGraph.js';
export { VirtualScheduler, flushMicrotasks } from '../core/virtualScheduler.js';

// The graph document: its schema, migrations, validation and parsing. Browser-safe.
export * from './schema.js';
export type * from './issues.js';
export * from './types.js';
export { validate, checkGraph, MAX_ISSUES } from './validate.js';
export type { GraphCheck } from './validate.js';
export { parseGraph } from './parse.js';
export type { ParseGraphOptions, ParseGraphResult } from './parse.js';
export { migrate, MIGRATIONS } from './migrate.js';
export type { Migration, MigrateResult } from './migrate.js';
export { applyDefaults, nodeParamIssues, paramIssues, paramsBytes } from './params.js';
export type { ParamContext } from './params.js';
export { checkFunctionSource } from './functionSource.js';
export type { FunctionSourceProblem } from './functionSource.js';
export { findSyncCycles } from './cycles.js';
export { parseJsonText } from './parseJson.js';
export { compile } from './compile.js';
export type { CompileOptions, CompiledRun, CompileResult, GuardMode } from './compile.js';
export { wireEdges } from './wire.js';

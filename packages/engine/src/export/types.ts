/** The formats a graph exports to. */
export type ExportFormat = 'ts' | 'py' | 'json';

export const EXPORT_FORMATS: readonly ExportFormat[] = ['ts', 'py', 'json'];

/** Something the export could not carry over exactly, attached to the node it concerns. */
export interface ExportWarning {
  nodeId: string;
  message: string;
}

export interface ExportResult {
  code: string;
  warnings: ExportWarning[];
}

export interface ExportOptions {
  /** The graph's saved revision, named in the program's header. */
  revision?: number | string;
  /**
   * The module the TypeScript program imports the engine from (default `@streamloom/engine`); a
   * path lets a program run against the engine's sources (tests use `…/src/index.ts`).
   */
  engineImport?: string;
  /** The module that registers the Node-only sources and sinks (default `<engineImport>/node`). */
  engineNodeImport?: string;
}

// The operator catalog, browser-safe: what the palette, the parameter forms, validation,
// compilation and export are generated from. The full catalog with the Node-only sources is
// `fullCatalog` in ../node/index.ts.
import { catalog } from './catalog.js';
import { indexByType } from './define.js';
import type { OperatorDescriptor } from './types.js';

export { catalog };
export {
  buildContext,
  catalogData,
  defineCatalog,
  defineOperator,
  descriptorData,
  indexByType,
  onHost,
  withDefaults,
} from './define.js';
export { CATEGORIES } from './types.js';
export type {
  BuildContext,
  CatalogData,
  Category,
  DescriptorData,
  ExportContext,
  HostNeeds,
  InputSpec,
  OperatorDescriptor,
  ParamKind,
  ParamSpec,
  RunHost,
} from './types.js';

/** The browser-safe descriptors by type id. */
export const byType: ReadonlyMap<string, OperatorDescriptor> = indexByType(catalog);

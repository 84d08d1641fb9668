// The Node-only part of the engine: sources and sinks on files, sockets and processes, and the full
// catalog the server validates, compiles and exports with. Nothing outside src/node uses Node APIs.
import { indexByType } from '../catalog/define.js';
import type { OperatorDescriptor } from '../catalog/types.js';
import { fullCatalog } from './catalog.js';

export { fullCatalog, nodeDescriptors } from './catalog.js';

/** Every descriptor, browser-safe and Node-only, by type id. */
export const fullByType: ReadonlyMap<string, OperatorDescriptor> = indexByType(fullCatalog);

export { PushSource, Splitter } from './pushSource.js';
export { FromTextfileSource, fromTextfile } from './fromTextfile.js';
export type { FromTextfileOptions } from './fromTextfile.js';
export { FilenamesSource, filenames } from './filenames.js';
export type { FilenamesOptions } from './filenames.js';
export { glob } from './glob.js';
export { FromTcpSource, fromTcp } from './fromTcp.js';
export type { FromTcpOptions } from './fromTcp.js';
export { FromHttpServerSource, fromHttpServer } from './fromHttpServer.js';
export type { FromHttpServerOptions } from './fromHttpServer.js';
export { FromProcessSource, fromProcess } from './fromProcess.js';
export type { FromProcessOptions } from './fromProcess.js';
export { shlexSplit } from './shlex.js';
export { SinkToTextfileNode } from './sinkToTextfile.js';
export type { SinkToTextfileOptions } from './sinkToTextfile.js';
export { filenamesDescriptor } from './filenames.descriptor.js';
export { fromHttpServerDescriptor } from './fromHttpServer.descriptor.js';
export { fromProcessDescriptor } from './fromProcess.descriptor.js';
export { fromTcpDescriptor } from './fromTcp.descriptor.js';
export { fromTextfileDescriptor } from './fromTextfile.descriptor.js';
export { sinkToTextfileDescriptor } from './sinkToTextfile.descriptor.js';

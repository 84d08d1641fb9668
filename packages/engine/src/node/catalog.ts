// The full catalog the server uses: every browser-safe descriptor plus the Node-only sources and
// sinks (files, sockets, processes), each category in palette order.
import { catalog } from '../catalog/catalog.js';
import { defineCatalog } from '../catalog/define.js';
import type { OperatorDescriptor } from '../catalog/types.js';
import { CATEGORIES } from '../catalog/types.js';
import { filenamesDescriptor } from './filenames.descriptor.js';
import { fromHttpServerDescriptor } from './fromHttpServer.descriptor.js';
import { fromProcessDescriptor } from './fromProcess.descriptor.js';
import { fromTcpDescriptor } from './fromTcp.descriptor.js';
import { fromTextfileDescriptor } from './fromTextfile.descriptor.js';
import { sinkToTextfileDescriptor } from './sinkToTextfile.descriptor.js';

/** The Node-only descriptors, in palette order. */
export const nodeDescriptors: readonly OperatorDescriptor[] = [
  fromTextfileDescriptor,
  filenamesDescriptor,
  fromTcpDescriptor,
  fromHttpServerDescriptor,
  fromProcessDescriptor,
  sinkToTextfileDescriptor,
];

const rank = (d: OperatorDescriptor): number => CATEGORIES.indexOf(d.category);

/** Every descriptor: the browser-safe catalog with the Node-only ones placed in their categories. */
export const fullCatalog: readonly OperatorDescriptor[] = defineCatalog(
  // A stable sort keeps each list's own order within a category.
  [...catalog, ...nodeDescriptors].sort((a, b) => rank(a) - rank(b)),
);

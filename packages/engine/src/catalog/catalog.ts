// Every browser-safe operator, source and sink, in palette order within each category. Adding an
// operator means adding its descriptor file and one line here; nothing else knows its name.
// Node-only sources and sinks (files, sockets, processes) are added in ../node/catalog.ts.
import { accumulateDescriptor } from '../operators/accumulate.descriptor.js';
import { bufferDescriptor } from '../operators/buffer.descriptor.js';
import { collectDescriptor } from '../operators/collect.descriptor.js';
import { combineLatestDescriptor } from '../operators/combineLatest.descriptor.js';
import { delayDescriptor } from '../operators/delay.descriptor.js';
import { filterDescriptor } from '../operators/filter.descriptor.js';
import { flattenDescriptor } from '../operators/flatten.descriptor.js';
import { frequenciesDescriptor } from '../operators/frequencies.descriptor.js';
import { latestDescriptor } from '../operators/latest.descriptor.js';
import { mapDescriptor } from '../operators/map.descriptor.js';
import { partitionDescriptor } from '../operators/partition.descriptor.js';
import { partitionUniqueDescriptor } from '../operators/partitionUnique.descriptor.js';
import { pluckDescriptor } from '../operators/pluck.descriptor.js';
import { rateLimitDescriptor } from '../operators/rateLimit.descriptor.js';
import { removeDescriptor } from '../operators/remove.descriptor.js';
import { sinkDescriptor } from '../operators/sink.descriptor.js';
import { sliceDescriptor } from '../operators/slice.descriptor.js';
import { slidingWindowDescriptor } from '../operators/slidingWindow.descriptor.js';
import { starmapDescriptor } from '../operators/starmap.descriptor.js';
import { timedWindowDescriptor } from '../operators/timedWindow.descriptor.js';
import { unionDescriptor } from '../operators/union.descriptor.js';
import { uniqueDescriptor } from '../operators/unique.descriptor.js';
import { zipDescriptor } from '../operators/zip.descriptor.js';
import { zipLatestDescriptor } from '../operators/zipLatest.descriptor.js';
import { logDescriptor } from '../sinks/log.descriptor.js';
import { sinkToListDescriptor } from '../sinks/sinkToList.descriptor.js';
import { counterDescriptor } from '../sources/counter.descriptor.js';
import { fromIterableDescriptor } from '../sources/fromIterable.descriptor.js';
import { fromPeriodicDescriptor } from '../sources/fromPeriodic.descriptor.js';
import { randomWalkDescriptor } from '../sources/randomWalk.descriptor.js';
import { defineCatalog } from './define.js';
import type { OperatorDescriptor } from './types.js';

export const catalog: readonly OperatorDescriptor[] = defineCatalog([
  // source
  fromIterableDescriptor,
  counterDescriptor,
  randomWalkDescriptor,
  fromPeriodicDescriptor,
  // transform
  mapDescriptor,
  starmapDescriptor,
  pluckDescriptor,
  flattenDescriptor,
  // filter
  filterDescriptor,
  removeDescriptor,
  uniqueDescriptor,
  sliceDescriptor,
  // aggregate
  accumulateDescriptor,
  frequenciesDescriptor,
  collectDescriptor,
  // window
  slidingWindowDescriptor,
  partitionDescriptor,
  partitionUniqueDescriptor,
  timedWindowDescriptor,
  // join
  zipDescriptor,
  combineLatestDescriptor,
  zipLatestDescriptor,
  unionDescriptor,
  // time
  bufferDescriptor,
  delayDescriptor,
  rateLimitDescriptor,
  latestDescriptor,
  // sink
  sinkDescriptor,
  sinkToListDescriptor,
  logDescriptor,
]);

// The public API of @streamloom/engine. Importing it registers every operator on Stream.
export { Stream, registerApi, registerSource } from './core/stream.js';
export type { StreamOptions } from './core/stream.js';
export type { Pending, Scheduler, TimerHandle } from './core/types.js';
export { RealScheduler, getDefaultScheduler, setDefaultScheduler } from './core/scheduler.js';
export { VirtualScheduler, flushMicrotasks } from './core/virtualScheduler.js';
export { isThenable, joinPending, sleep } from './core/pending.js';
export { truthy, pyEquals, hashKey, pyIndex, pythonError } from './core/python.js';

// Operators: element by element.
export { MapNode } from './operators/map.js';
export { FilterNode } from './operators/filter.js';
export { AccumulateNode } from './operators/accumulate.js';
export type { AccumulateOptions } from './operators/accumulate.js';
export { SinkNode } from './operators/sink.js';
// -- deterministic operators (starmap … zipLatest) --
export { RingBuffer } from './operators/ringBuffer.js';
export { ZipNode, splitZipArgs } from './operators/zip.js';
export type { ZipOptions } from './operators/zip.js';
export { SlidingWindowNode } from './operators/slidingWindow.js';
export type { SlidingWindowOptions } from './operators/slidingWindow.js';
export { StarmapNode } from './operators/starmap.js';
export { FrequenciesNode } from './operators/frequencies.js';
export { PartitionUniqueNode } from './operators/partitionUnique.js';
export type { PartitionUniqueOptions } from './operators/partitionUnique.js';
export { SliceNode } from './operators/slice.js';
export { PluckNode } from './operators/pluck.js';
export { FlattenNode } from './operators/flatten.js';
export { UniqueNode } from './operators/unique.js';
export type { UniqueOptions } from './operators/unique.js';
export { CollectNode } from './operators/collect.js';
export { UnionNode } from './operators/union.js';
export { CombineLatestNode } from './operators/combineLatest.js';
export type { CombineLatestOptions, EmitOnItem } from './operators/combineLatest.js';
export { ZipLatestNode } from './operators/zipLatest.js';

// -- time-based operators and sources (buffer, delay, rateLimit, timedWindow, latest, partition, sources) --
export { Fifo } from './core/fifo.js';
export { BufferNode } from './operators/buffer.js';
export { DelayNode, DEFAULT_DELAY_LIMIT } from './operators/delay.js';
export type { DelayOptions } from './operators/delay.js';
export { RateLimitNode } from './operators/rateLimit.js';
export { TimedWindowNode } from './operators/timedWindow.js';
export { LatestNode } from './operators/latest.js';
export { PartitionNode } from './operators/partition.js';
export type { PartitionOptions } from './operators/partition.js';
export { Source, SOURCE_YIELD_EVERY } from './sources/source.js';
export type { SourceOptions } from './sources/source.js';
export { FromIterableSource, fromIterable } from './sources/fromIterable.js';
export type { FromIterableOptions } from './sources/fromIterable.js';
export { FromPeriodicSource, fromPeriodic, DEFAULT_POLL_INTERVAL } from './sources/fromPeriodic.js';

// -- sources and sinks of Streamloom's own (not in streamz's core) --
export { CounterSource, counter } from './sources/counter.js';
export type { CounterOptions } from './sources/counter.js';
export { RandomWalkSource, randomWalk, mulberry32 } from './sources/randomWalk.js';
export type { RandomWalkOptions } from './sources/randomWalk.js';
export { SinkToListNode, LogNode, jsonLine } from './sinks/index.js';

// The sinks that are not operators of streamz's core: bounded sink_to_list and log.
export { SinkToListNode } from './sinkToList.js';
export { LogNode, jsonLine } from './log.js';

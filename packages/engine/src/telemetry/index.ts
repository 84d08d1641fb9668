// Telemetry: value previews (and the per-node probes). Browser-safe.
export { preview, previewSize, previewToText, PREVIEW_LIMITS } from './preview.js';
export type { PreviewLimits } from './preview.js';
export type { Preview, PreviewTagged } from '../protocol/preview.js';
export { Probe, probeOf, ERRORS_KEPT, VALUES_KEPT } from './probe.js';
export { armLatency, disarmLatency, LATENCY_DELIVERIES, LATENCY_SAMPLES } from './latency.js';
export { errorText, FRAME_PREVIEW, SAMPLE_PREVIEW } from './snapshot.js';
export { functionUrl, culpritFromStack } from './attribution.js';

// Telemetry: value previews (and the per-node probes). Browser-safe.
export { preview, previewSize, previewToText, PREVIEW_LIMITS } from './preview.js';
export type { PreviewLimits } from './preview.js';
export type { Preview, PreviewTagged } from '../protocol/preview.js';
export {
  Probe,
  probeOf,
  armLatency,
  disarmLatency,
  ERRORS_KEPT,
  VALUES_KEPT,
  STAMP_EVERY,
} from './probe.js';
export { LATENCY_DELIVERIES, LATENCY_SAMPLES } from './latency.js';
export { errorText, FRAME_PREVIEW, SAMPLE_PREVIEW } from './snapshot.js';
export { functionUrl, culpritFromStack } from './attribution.js';

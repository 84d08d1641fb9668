// Telemetry: value previews (and the per-node probes). Browser-safe.
export { preview, previewSize, previewToText, PREVIEW_LIMITS } from './preview.js';
export type { PreviewLimits } from './preview.js';
export type { Preview, PreviewTagged } from '../protocol/preview.js';

export {
  createMetrics,
  type Metrics,
  type MetricsOptions,
  type RequestObservation,
  type TokenCount,
  type UpstreamObservation,
} from './metrics.js';
export { breakerStateValue, type MetricsSources } from './collected.js';

/** CloudWatch namespace of the functions' own metrics when `POWERTOOLS_METRICS_NAMESPACE` is not set (the stack sets `partnerdesk/<stage>`). */
export const DEFAULT_METRICS_NAMESPACE = 'partnerdesk';

/** The namespace this function's metrics go to. */
export function metricsNamespace(env = process.env): string {
  return env.POWERTOOLS_METRICS_NAMESPACE ?? DEFAULT_METRICS_NAMESPACE;
}

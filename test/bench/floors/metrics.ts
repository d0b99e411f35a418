/** Powertools Metrics created when the module loads, publishing one EMF metric per run, as the jobs do. */
import { Metrics, MetricUnit } from '@aws-lambda-powertools/metrics';
import type { FloorUse } from './FloorUse';

const metrics = new Metrics({ namespace: 'floor', serviceName: 'floor', defaultDimensions: { job: 'floor' } });

export const floorUse: FloorUse = {
  run: async () => {
    metrics.addMetric('processed', MetricUnit.Count, 1);
    metrics.publishStoredMetrics();
  },
};

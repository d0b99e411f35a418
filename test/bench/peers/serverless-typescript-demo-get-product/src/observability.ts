/**
 * The peer's Powertools instances, one each per container: a logger and metrics that carry the
 * account and region on every entry, and a tracer.
 */
import { Logger } from '@aws-lambda-powertools/logger';
import { Metrics } from '@aws-lambda-powertools/metrics';
import { Tracer } from '@aws-lambda-powertools/tracer';

const where = {
  aws_account_id: process.env.AWS_ACCOUNT_ID || 'N/A',
  aws_region: process.env.AWS_REGION || 'N/A',
};

export const logger = new Logger({ persistentLogAttributes: where });
export const metrics = new Metrics({ defaultDimensions: where });
export const tracer = new Tracer();

import type { ScheduledEvent } from 'aws-lambda';
import { approvalDeps } from '../shared/adapters/runtime';
import { escalateOverdueApplications } from '../shared/domain/applications/escalateOverdueApplications';
import { logger } from '../shared/observability/logger';

/** Scheduled (EventBridge): escalates applications nobody contacted within 48 h and sends due notices. */
export async function handler(_event: ScheduledEvent): Promise<{ escalated: number; delivered: number; failed: number }> {
  const result = await escalateOverdueApplications(approvalDeps());
  logger.info('escalation run', result);
  return result;
}

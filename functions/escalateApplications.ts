import type { ScheduledEvent } from 'aws-lambda';
import { approvalDeps } from '../shared/adapters/runtime';
import { escalateOverdueApplications } from '../shared/domain/applications/escalateOverdueApplications';
import { logger } from '../shared/observability/logger';

/** Scheduled (EventBridge): escalates applications nobody contacted within 48 h and sends due notices. */
export async function handler(_event: ScheduledEvent): Promise<{ escalated: number; delivered: number; failed: number; abandoned: number }> {
  const { abandoned, ...counts } = await escalateOverdueApplications(approvalDeps());
  const result = { ...counts, abandoned: abandoned.length };
  logger.info('escalation run', result);
  // An error line per run that gave notices up: the metric filter / alarm on "notices abandoned" counts them.
  if (abandoned.length > 0) logger.error('notices abandoned', { abandonedNotices: abandoned.length, applications: abandoned });
  return result;
}

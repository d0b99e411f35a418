import { approvalDeps, clock } from '../shared/adapters/compositionRoot';
import { escalateOverdueApplications } from '../shared/domain/applications/escalateOverdueApplications';
import { logger } from '../shared/observability/logger';
import { scheduledJob } from '../shared/observability/scheduledJob';

/** Scheduled (EventBridge): escalates applications nobody contacted within 48 h and sends due notices. */
export const handler = scheduledJob({
  job: 'escalateApplications',
  clock,
  run: async (budget) => {
    const { abandoned, ...counts } = await escalateOverdueApplications(approvalDeps(), budget);
    // An error line per run that gave notices up: the metric filter / alarm on "notices abandoned" counts them.
    if (abandoned.length > 0) logger.error('notices abandoned', { abandonedNotices: abandoned.length, applications: abandoned });
    // A notice given up failed once more this run: it counts among the failed attempts, never as progress.
    return { ...counts, abandoned: abandoned.length, processed: counts.escalated + counts.delivered, failed: counts.failed + abandoned.length };
  },
});

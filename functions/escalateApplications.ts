import { approvalDeps, clock } from '../shared/adapters/runtime';
import { escalateOverdueApplications } from '../shared/domain/applications/escalateOverdueApplications';
import { scheduledJob } from '../shared/observability/scheduledJob';

/** Scheduled (EventBridge): escalates applications nobody contacted within 48 h and sends due notices. */
export const handler = scheduledJob({
  job: 'escalateApplications',
  clock,
  run: async () => {
    const result = await escalateOverdueApplications(approvalDeps());
    return { ...result, processed: result.escalated + result.delivered };
  },
});

import { clock, followUpDeps } from '../shared/adapters/compositionRoot';
import { deliverDueFollowUps } from '../shared/domain/clients/clientFollowUps';
import { scheduledJob } from '../shared/observability/scheduledJob';

/** Scheduled (EventBridge): publishes the events and sets the console logins that block / unblock / delete requests left undone. */
export const handler = scheduledJob({
  job: 'deliverClientFollowUps',
  clock,
  run: async (budget) => {
    const result = await deliverDueFollowUps(followUpDeps(), budget);
    return { ...result, processed: result.delivered, failed: result.failures };
  },
});

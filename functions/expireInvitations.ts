import { clock, invitationExpiryDeps } from '../shared/adapters/compositionRoot';
import { expireInvitations } from '../shared/domain/clients/expireInvitations';
import { scheduledJob } from '../shared/observability/scheduledJob';

/** Scheduled (EventBridge): expires overdue invitations, tells their partners by mail and publishes `ClientInvitationExpired`. */
export const handler = scheduledJob({
  job: 'expireInvitations',
  clock,
  run: async (budget) => {
    const result = await expireInvitations(invitationExpiryDeps(), budget);
    return { ...result, processed: result.expired + result.notified };
  },
});

import type { ScheduledEvent } from 'aws-lambda';
import { invitationExpiryDeps } from '../shared/adapters/runtime';
import { expireInvitations } from '../shared/domain/clients/expireInvitations';
import { logger } from '../shared/observability/logger';

/** Scheduled (EventBridge): expires overdue invitations, tells their partners by mail and publishes `ClientInvitationExpired`. */
export async function handler(_event: ScheduledEvent): Promise<{ expired: number; notified: number; failed: number }> {
  const result = await expireInvitations(invitationExpiryDeps());
  logger.info('invitation expiry run', result);
  return result;
}

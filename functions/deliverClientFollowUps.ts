import type { ScheduledEvent } from 'aws-lambda';
import { followUpDeps } from '../shared/adapters/runtime';
import { deliverDueFollowUps } from '../shared/domain/clients/clientFollowUps';
import { logger } from '../shared/observability/logger';

/** Scheduled (EventBridge): publishes the events and sets the console logins that block / unblock / delete requests left undone. */
export async function handler(_event: ScheduledEvent): Promise<{ delivered: number; failures: number }> {
  const result = await deliverDueFollowUps(followUpDeps());
  logger.info('client follow-ups run', result);
  return result;
}

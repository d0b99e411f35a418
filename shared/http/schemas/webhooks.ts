import * as z from 'zod/mini';
import { WEBHOOK_EVENT_TYPES } from '../../domain/webhooks/WebhookEvent';

/** Body of `POST /webhooks`: the receiver's URL (https) and the event types it wants. */
export const createWebhookBody = z.strictObject({
  url: z.string().check(z.minLength(1), z.maxLength(2048)),
  events: z.array(z.enum(WEBHOOK_EVENT_TYPES)).check(z.minLength(1), z.maxLength(WEBHOOK_EVENT_TYPES.length)),
});

/** Path of `/webhooks/{id}/deliveries/{deliveryId}/replay`: the endpoint and one entry of its log. */
export const deliveryParams = z.object({ id: z.string().check(z.minLength(1), z.maxLength(128)), deliveryId: z.string().check(z.minLength(1), z.maxLength(128)) });

import * as z from 'zod/mini';
import { API_KEY_SCOPES } from '../../domain/apiKeys/ApiKey';
import { text } from './freeText';
import { isoInstant } from './isoInstant';

/** Body of `POST /api-keys`: a name the partner recognises, one or more scopes, an expiry (at most two years ahead). */
export const createApiKeyBody = z.strictObject({
  name: text(100),
  scopes: z.array(z.enum(API_KEY_SCOPES)).check(z.minLength(1), z.maxLength(API_KEY_SCOPES.length)),
  expiresAt: isoInstant,
});

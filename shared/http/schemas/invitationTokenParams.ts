import * as z from 'zod/mini';
import { SECRET_TOKEN_PATTERN } from '../../domain/clients/secretToken';

/** Path of the public invitation routes: the token from the link. */
export const invitationTokenParams = z.object({
  token: z.string().check(z.regex(SECRET_TOKEN_PATTERN, 'Not an invitation link token')),
});

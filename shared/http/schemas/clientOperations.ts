import * as z from 'zod/mini';
import { CONFIRMATION_TOKEN_PATTERN } from '../../domain/clients/operationConfirmation';

/** The token of a preview, sent back to confirm it. */
export const confirm = z.optional(z.string().check(z.regex(CONFIRMATION_TOKEN_PATTERN, 'Not a confirmation token from a preview')));

/** Body of `POST /clients/{id}/block`, `/unblock` and `DELETE /clients/{id}`: none for the preview, `{confirm}` to run it. */
export const singleOperationBody = z.optional(z.strictObject({ confirm }));

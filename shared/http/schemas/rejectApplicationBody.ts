import * as z from 'zod/mini';
import { multilineText } from './freeText';

/** Body of `POST /partner-applications/{id}/reject` (apart from the application form, which the route does not construct). */
export const rejectBody = z.strictObject({ reason: multilineText(1000) });

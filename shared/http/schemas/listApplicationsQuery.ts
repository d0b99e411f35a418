import * as z from 'zod/mini';
import { cursor, limit } from './paging';

/** An application's status, as the API names it. */
export const applicationStatus = z.enum(['new', 'escalated', 'contacted', 'approved', 'rejected']);

/** Query of `GET /partner-applications`. */
export const listApplicationsQuery = z.strictObject({ status: z.optional(applicationStatus), limit, cursor });

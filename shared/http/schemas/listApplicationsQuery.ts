import * as z from 'zod/mini';
import { isSearchable, MIN_SEARCH_LENGTH } from '../../domain/clients/clientSearch';
import { text } from './freeText';
import { cursor, limit } from './paging';

/** An application's status, as the API names it. */
export const applicationStatus = z.enum(['new', 'escalated', 'contacted', 'approved', 'rejected']);

/** Query of `GET /partner-applications`. */
export const listApplicationsQuery = z.strictObject({
  status: z.optional(applicationStatus),
  /** `true`: only the applications the calling manager holds. */
  mine: z.optional(z.enum(['true', 'false'])),
  /** The start of a word of the company name or of the e-mail; case- and accent-insensitive, one word of at least 2 characters. */
  search: z.optional(text(100).check(z.refine(isSearchable, { message: `Type at least ${MIN_SEARCH_LENGTH} characters of a word to search` }))),
  limit,
  cursor,
});

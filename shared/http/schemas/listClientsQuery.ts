import * as z from 'zod/mini';
import { VISIBLE_CLIENT_STATUSES } from '../../domain/clients/Client';
import { isSearchable, MIN_SEARCH_LENGTH } from '../../domain/clients/clientSearch';
import { text } from './freeText';
import { cursor, limit } from './paging';

/** Query of `GET /clients`. */
export const listClientsQuery = z.strictObject({
  /** `detached` is not among them: a deleted client is not listed (400). */
  status: z.optional(z.enum(VISIBLE_CLIENT_STATUSES)),
  /** The start of the e-mail, of a word of the name or of the account id; case- and accent-insensitive, with one word of at least 2 characters. */
  search: z.optional(text(100).check(z.refine(isSearchable, {
    message: `Type at least ${MIN_SEARCH_LENGTH} characters of a word to search`,
  }))),
  limit,
  cursor,
});

import * as z from 'zod/mini';
import { VISIBLE_CLIENT_STATUSES } from '../../domain/clients/Client';
import { MIN_SEARCH_LENGTH, normalizeSearch } from '../../domain/clients/clientSearch';
import { text } from './common';
import { cursor, limit } from './paging';

/** Query of `GET /clients`. */
export const listClientsQuery = z.strictObject({
  /** `detached` is not among them: a deleted client is not listed (400). */
  status: z.optional(z.enum(VISIBLE_CLIENT_STATUSES)),
  /** The start of the e-mail, of a word of the name or of the account id; case- and accent-insensitive, at least 2 characters. */
  search: z.optional(text(100).check(z.refine((value) => [...normalizeSearch(value)].length >= MIN_SEARCH_LENGTH, {
    message: `Type at least ${MIN_SEARCH_LENGTH} characters to search`,
  }))),
  limit,
  cursor,
});

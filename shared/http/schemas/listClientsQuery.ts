import * as z from 'zod/mini';
import { VISIBLE_CLIENT_STATUSES, type VisibleClientStatus } from '../../domain/clients/Client';
import { isSearchable, MIN_SEARCH_LENGTH } from '../../domain/clients/clientSearch';
import { text } from './freeText';
import { cursor, limit } from './paging';

/**
 * One status or several, comma-separated (`invited,expired`); a repeated `status` is the same, as
 * API Gateway joins repeated query parameters with commas. `detached` is not among them: a deleted
 * client is not listed (400).
 */
const statuses = z.string().check(z.regex(
  new RegExp(`^(${VISIBLE_CLIENT_STATUSES.join('|')})(,(${VISIBLE_CLIENT_STATUSES.join('|')}))*$`),
  `Expected one or more of ${VISIBLE_CLIENT_STATUSES.join(', ')}, comma-separated`,
));

/** The statuses a `status` query value names, each once. */
export function statusesOf(value: string | undefined): VisibleClientStatus[] | undefined {
  if (value === undefined) return undefined;
  return VISIBLE_CLIENT_STATUSES.filter((status) => value.split(',').includes(status));
}

/** Query of `GET /clients`. */
export const listClientsQuery = z.strictObject({
  status: z.optional(statuses),
  /** The start of the e-mail, of a word of the name or of the account id; case- and accent-insensitive, with one word of at least 2 characters. */
  search: z.optional(text(100).check(z.refine(isSearchable, {
    message: `Type at least ${MIN_SEARCH_LENGTH} characters of a word to search`,
  }))),
  limit,
  cursor,
});

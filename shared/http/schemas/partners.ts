import * as z from 'zod/mini';
import { isSearchable, MIN_SEARCH_LENGTH } from '../../domain/clients/clientSearch';
import { PARTNER_STATES } from '../../domain/partners/PartnerStanding';
import { confirm } from './clientOperations';
import { multilineText, text } from './freeText';
import { cursor, limit } from './paging';

/** A partner's state, as the API names it. */
export const partnerState = z.enum(PARTNER_STATES);

/** Query of `GET /partners`: state filter, search by the start of the company name (a word of it) or of the e-mail, paging. */
export const listPartnersQuery = z.strictObject({
  state: z.optional(partnerState),
  /** Case- and accent-insensitive, with one word of at least 2 characters. */
  search: z.optional(text(100).check(z.refine(isSearchable, { message: `Type at least ${MIN_SEARCH_LENGTH} characters of a word to search` }))),
  limit,
  cursor,
});

/**
 * Body of `POST /partners/{id}/suspend`, `/resume`, `/end`: the reason (required: the partner is
 * mailed it and the audit keeps it) and, to run it, the preview's token.
 */
export const partnerStateBody = z.strictObject({ reason: multilineText(1000), confirm });

/** Query of `GET /partners/{id}`: paging of what managers did to the partner. */
export const partnerPageQuery = z.strictObject({ limit, cursor });

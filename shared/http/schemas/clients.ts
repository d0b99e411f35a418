import * as z from 'zod/mini';
import { VISIBLE_CLIENT_STATUSES } from '../../domain/clients/Client';
import { CLOUD_ACCOUNT_ID_PATTERN } from '../../domain/clients/cloudAccountId';
import { MIN_SEARCH_LENGTH, normalizeSearch } from '../../domain/clients/clientSearch';
import { SECRET_TOKEN_PATTERN } from '../../domain/clients/secretToken';
import { cursor, email, isoInstant, limit, phone, text } from './common';

/** A cloud account id (`acc-` + 20 lower-case letters or digits). */
const accountId = z.string().check(z.regex(CLOUD_ACCOUNT_ID_PATTERN, 'Expected a cloud account id like acc-7f3k9q2m4x8b1n5c6v0z'));

/** Body of `POST /clients`. */
export const addClientBody = z.strictObject({
  email,
  name: z.optional(text(200)),
  phone: z.optional(phone),
  /** Only when the client is already registered in the cloud; otherwise its owner's account is bound on acceptance. */
  accountId: z.optional(accountId),
});

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

/** Path of the public invitation routes: the token from the link. */
export const invitationTokenParams = z.object({
  token: z.string().check(z.regex(SECRET_TOKEN_PATTERN, 'Not an invitation link token')),
});

const instant = z.pipe(isoInstant, z.transform((value: string) => new Date(value)));

/** Query of `GET /audit`: optional client, optional period `[from, to)` in ISO-8601 with offset. */
export const auditQuery = z
  .strictObject({
    clientId: z.optional(z.string().check(z.minLength(1), z.maxLength(128))),
    from: z.optional(instant),
    to: z.optional(instant),
    limit,
    cursor,
  })
  .check(z.refine((query) => !query.from || !query.to || query.from < query.to, { message: '`from` must be before `to`', path: ['from'] }));

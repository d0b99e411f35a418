import * as z from 'zod/mini';
import { CLOUD_ACCOUNT_ID_PATTERN } from '../../domain/clients/cloudAccountId';
import { email, phone } from './contactDetails';
import { language } from './language';
import { text } from './freeText';

/** A cloud account id (`acc-` + 20 lower-case letters or digits). */
const accountId = z.string().check(z.regex(CLOUD_ACCOUNT_ID_PATTERN, 'Expected a cloud account id like acc-7f3k9q2m4x8b1n5c6v0z'));

/** A client's name: the same rule when adding and when editing. */
const clientName = text(200);

/** Body of `POST /clients`. */
export const addClientBody = z.strictObject({
  email,
  name: z.optional(clientName),
  phone: z.optional(phone),
  /** Only when the client is already registered in the cloud; otherwise its owner's account is bound on acceptance. */
  accountId: z.optional(accountId),
  /** The language of the invitation mail (and of its resends); default: the partner's language. */
  language: z.optional(language),
});

/**
 * Body of `PATCH /clients/{id}`: the fields given are set with the same rules as when adding,
 * `null` clears one, a field left out stays (an empty body changes nothing).
 */
export const editClientBody = z.strictObject({
  name: z.optional(z.nullable(clientName)),
  phone: z.optional(z.nullable(phone)),
});

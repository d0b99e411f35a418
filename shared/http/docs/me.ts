/** Response schemas and OpenAPI docs of the signed-in staff's own routes (build time only). */
import * as z from 'zod/mini';
import type { OperationDocs } from '../openapi';
import { language } from '../schemas/language';
import { chooseLanguageBody } from '../schemas/me';

/** Who is signed in: a partner's user (with the partner and its company) or a manager, and the language they chose. */
export const meView = z.object({
  kind: z.enum(['partner', 'manager']),
  email: z.string(),
  /** Partners only. */
  partnerId: z.optional(z.string()),
  /** Partners only: the company from the partner record. */
  company: z.optional(z.string()),
  /** The language of the console and of the person's mails (`ru` until chosen otherwise, or a partner's application's). */
  language,
});

const partnerExample = { kind: 'partner', email: 'ann@lee-it.example', partnerId: 'ptn_9d8c7b6a5f4e4d3c2b1a0f9e8d7c6b5a', company: 'Lee IT', language: 'ru' };

/** OpenAPI docs of `/me`. */
export const meOperations: OperationDocs = {
  'GET /me': {
    summary: 'Who is signed in',
    description: 'The signed-in partner or manager: e-mail, the partner and its company (partners), and the chosen language of the console and mails',
    tag: 'Me', response: meView,
    success: { 200: 'The signed-in person' },
    examples: { response: partnerExample },
    errors: ['not_found'],
  },
  'PUT /me/language': {
    summary: 'Choose the language',
    description: 'Choose the language (`ru`, `en`) of the console and of your mails: a partner\'s is kept with the partner (every mail to the partner follows it), a manager\'s with the manager',
    tag: 'Me', body: chooseLanguageBody, response: meView,
    success: { 200: 'The signed-in person with the language chosen' },
    examples: { body: { language: 'en' }, response: { ...partnerExample, language: 'en' } },
    errors: ['not_found'],
  },
};

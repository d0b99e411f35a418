/** Response schemas and OpenAPI docs of the clients, invitation and audit routes (build time only: no route bundles them). */
import * as z from 'zod/mini';
import { ACTOR_KINDS, AUDIT_ACTIONS, EDITABLE_CLIENT_FIELDS } from '../../domain/audit/AuditEntry';
import { CLIENT_STATUSES, VISIBLE_CLIENT_STATUSES } from '../../domain/clients/Client';
import { ACCEPTING_MEANS } from '../../domain/clients/clientMails';
import { ATTENTION_REASONS } from '../../domain/clients/clientAttention';
import { INVITATION_STATUSES } from '../../domain/clients/Invitation';
import type { OperationDoc, OperationDocs } from '../openapi';
import { auditQuery } from '../schemas/auditQuery';
import { addClientBody, editClientBody } from '../schemas/clients';
import { invitationTokenParams } from '../schemas/invitationTokenParams';
import { listClientsQuery } from '../schemas/listClientsQuery';
import { idParams } from '../schemas/idParams';
import { money, namedClient, pageOf } from './common';

/** A client as its partner sees it (times in ISO-8601 UTC). */
export const clientView = z.object({
  id: z.string(),
  /** `null` until an invitation sent without an account is accepted. */
  accountId: z.nullable(z.string()),
  email: z.string(),
  name: z.optional(z.string()),
  phone: z.optional(z.string()),
  status: z.enum(VISIBLE_CLIENT_STATUSES),
  createdAt: z.iso.datetime(),
  updatedAt: z.iso.datetime(),
  invitation: z.object({
    id: z.string(),
    status: z.enum(INVITATION_STATUSES),
    expiresAt: z.iso.datetime(),
    /** Whether the invitation mail reached the mail provider (`failed`: resend it). */
    mail: z.enum(['pending', 'sent', 'failed']),
  }),
});

/** One item of `GET /clients`: the client and its current balance, `null` unless it is active or blocked. */
export const listedClientView = z.extend(clientView, { balance: z.nullable(money) });

/** The clients that need the partner's attention, each with why; `truncated` when there were more than the view reads. */
export const clientAttentionView = z.object({
  items: z.array(z.extend(listedClientView, { reasons: z.array(z.enum(ATTENTION_REASONS)) })),
  truncated: z.boolean(),
});

/** How many of the partner's clients are in each status it can see, and all of them. */
export const clientSummaryView = z.object({
  counts: z.object({
    invited: z.number(), active: z.number(), blocked: z.number(), declined: z.number(), cancelled: z.number(), expired: z.number(),
  }),
  total: z.number(),
});

/** What the public invitation routes show the invitee. */
export const invitationView = z.object({
  partnerName: z.string(),
  /** The invited account; `null` when the partner did not name one (the accepting owner's account is bound). */
  accountId: z.nullable(z.string()),
  status: z.enum(INVITATION_STATUSES),
  expiresAt: z.iso.datetime(),
  acceptingMeans: z.string(),
});

/** An audit entry as the partner sees it. */
export const auditEntryView = z.object({
  id: z.string(),
  /** `null` on an entry about the partner's own settings (`set_default_budget`, `remove_default_budget`). */
  clientId: z.nullable(z.string()),
  at: z.iso.datetime(),
  /** `id` is the member id for a partner's member (older entries: the login's user id); `email` the member's e-mail at the time, `null` for others and older entries. */
  actor: z.object({ kind: z.enum(ACTOR_KINDS), id: z.string(), email: z.nullable(z.string()) }),
  action: z.enum(AUDIT_ACTIONS),
  before: z.nullable(z.enum(CLIENT_STATUSES)),
  /** The client's status after the change; `null` when the entry is about no client. */
  after: z.nullable(z.enum(CLIENT_STATUSES)),
  /** Only on `edit`: each contact detail that changed, before and after (`null`: not set). */
  changes: z.optional(z.array(z.object({ field: z.enum(EDITABLE_CLIENT_FIELDS), before: z.nullable(z.string()), after: z.nullable(z.string()) }))),
  /** The client's name and e-mail as stored now (also after it was deleted: it is your history); `null` on an entry about no client. */
  client: namedClient,
});

const clientPage = pageOf(listedClientView);
const auditPage = pageOf(auditEntryView);

const clientExample = {
  id: 'cli_0b7e3c9a5d1f4e2a8c6b4d2f0e9a7c5b',
  accountId: 'acc-7f3k9q2m4x8b1n5c6v0z',
  email: 'ivan@petrov-bakery.example',
  name: 'Ivan Petrov',
  phone: '+74951234567',
  status: 'invited',
  createdAt: '2026-12-01T09:30:00.000Z',
  updatedAt: '2026-12-01T09:30:00.000Z',
  invitation: { id: 'inv_5c1e9a7b3d2f4e6a8b0c2d4e6f8a0b1c', status: 'pending', expiresAt: '2026-12-08T09:30:00.000Z', mail: 'sent' },
};

const invitationExample = {
  partnerName: 'Volkova Cloud Integration',
  accountId: clientExample.accountId,
  status: 'pending',
  expiresAt: clientExample.invitation.expiresAt,
  acceptingMeans: ACCEPTING_MEANS,
};

/** What the public invitation routes answer about the link itself. */
const LINK_ERRORS = ['not_found', 'invitation_superseded'] as const;

/** What answering an invitation can meet: the link, the invitation's state, another account's owner, a race. */
const ANSWER_ERRORS = [...LINK_ERRORS, 'invitation_expired', 'invitation_closed', 'wrong_account', 'concurrent_change'] as const;

/** The doc of answering an invitation through its link: accepting or declining. */
function answerOperation(status: 'accepted' | 'declined', summary: string, description: string): OperationDoc {
  return {
    params: invitationTokenParams, summary, description, tag: 'Invitations', response: invitationView,
    success: { 200: `The invitation, now \`${status}\`` }, examples: { response: { ...invitationExample, status } },
    errors: ANSWER_ERRORS,
  };
}

/** OpenAPI docs of the clients, invitation and audit routes. */
export const clientOperations: OperationDocs = {
  'POST /clients': {
    summary: 'Add a client',
    description: 'Add a client: e-mail required; name, phone; the cloud account id only if the client is already registered. ' +
      'Stores it as `invited` and mails a link valid 7 days that only the account\'s owner, signed in to the cloud console, can answer ' +
      '(201; 200 when an account whose invitation closed is invited again). 409 `invitation_pending` (with the pending client\'s ' +
      '`clientId`: resend that one) while your last invitation to the same e-mail address is open; 429 `rate_limited` over ' +
      '200 new invitations a day (configurable)',
    tag: 'Clients', body: addClientBody, response: clientView, location: true,
    success: {
      201: 'A new client, invited',
      200: 'A client of yours whose last invitation was declined, cancelled or expired, invited again',
    },
    examples: { body: { email: clientExample.email, name: clientExample.name, phone: '+7 (495) 123-45-67', accountId: clientExample.accountId }, response: clientExample },
    errors: ['unknown_account', 'not_found', 'client_exists', 'invitation_pending', 'concurrent_change'],
  },
  'GET /clients': {
    summary: 'List your clients',
    description: 'List your clients, newest first; filter by one status or several (`status=invited,expired`, or `status` repeated; ' +
      'one query per status, merged, so every page is exact); search by the start of the e-mail, of a word of the name or of ' +
      'the account id (a word of at least 2 characters, case- and accent-insensitive; one query of a prefix index whatever your size). Each item carries the ' +
      'current balance of an active or blocked client (`null` for the others)',
    tag: 'Clients', query: listClientsQuery, response: clientPage,
    success: { 200: 'A page of clients; `nextCursor` fetches the next one' },
    examples: {
      response: {
        items: [
          { ...clientExample, status: 'active', invitation: { ...clientExample.invitation, status: 'accepted' }, balance: { amount: 1_250_000, currency: 'RUB' } },
          { ...clientExample, id: 'cli_7a5c3e1b9d8f4a2c6e0b8d6f4a2c0e9d', accountId: null, email: 'olga@example.org', name: undefined, phone: undefined, balance: null },
        ],
        nextCursor: null,
      },
    },
  },
  'GET /clients/summary': {
    summary: 'Count your clients per status',
    description: 'How many of your clients are in each status, and in all: kept as clients change (it follows them within seconds), ' +
      'never counted by reading the list',
    tag: 'Clients', response: clientSummaryView, success: { 200: 'Your clients per status' },
    examples: { response: { counts: { invited: 12, active: 240, blocked: 3, declined: 4, cancelled: 1, expired: 6 }, total: 266 } },
    errors: [],
  },
  'GET /clients/attention': {
    summary: 'Clients that need attention',
    description: 'Your clients that need attention now: a negative balance (`negative_balance`), an invitation expiring within ' +
      '48 hours (`invitation_expiring`), an invitation mail that failed (`mail_failed`: resend it). Read from two indexes, never by ' +
      'reading the list: up to 100 pending invitations and 100 negative balances; `truncated` when there were more. Most reasons first, ' +
      'then the soonest expiry, then the lowest balance',
    tag: 'Clients', response: clientAttentionView, success: { 200: 'The clients that need attention, each with its reasons' },
    examples: {
      response: {
        items: [
          { ...clientExample, invitation: { ...clientExample.invitation, mail: 'failed' }, balance: null, reasons: ['invitation_expiring', 'mail_failed'] },
          {
            ...clientExample, id: 'cli_7a5c3e1b9d8f4a2c6e0b8d6f4a2c0e9d', status: 'active', invitation: { ...clientExample.invitation, status: 'accepted' },
            balance: { amount: -4_085_660, currency: 'RUB' }, reasons: ['negative_balance'],
          },
        ],
        truncated: false,
      },
    },
    errors: [],
  },
  'GET /clients/{id}': {
    params: idParams,
    summary: 'Get a client',
    description: 'One of your clients',
    tag: 'Clients', response: clientView, success: { 200: 'The client' }, examples: { response: clientExample }, errors: ['not_found'],
  },
  'PATCH /clients/{id}': {
    params: idParams,
    summary: 'Edit a client',
    description: 'Change your client\'s name or phone with the same rules as when adding it; `null` clears a field, a field left ' +
      'out stays (the e-mail and the cloud account belong to the invitation and cannot be edited). Audited as `edit` with each ' +
      'changed field before and after; sending values equal to the stored ones changes and records nothing (200 with the client ' +
      'as it is). Send an `Idempotency-Key` to repeat a request safely. Search follows a new name within seconds',
    tag: 'Clients', body: editClientBody, response: clientView,
    success: { 200: 'The client as it is now' },
    examples: { body: { name: 'Ivan Petrov-Vodkin', phone: '+7 (495) 765-43-21' }, response: { ...clientExample, name: 'Ivan Petrov-Vodkin', phone: '+74957654321', updatedAt: '2026-12-02T11:00:00.000Z' } },
    errors: ['not_found', 'concurrent_change'],
  },
  'POST /clients/{id}/invitation/resend': {
    params: idParams,
    summary: 'Resend the invitation',
    description: 'Mail a new link for a pending invitation (the old link stops working; 3 per client per hour). The link is valid ' +
      '7 days from the resend, but an invitation never lives beyond 30 days from its first mail: after that, add the client again',
    tag: 'Clients', response: clientView,
    success: { 200: 'The client with its renewed invitation (a new 7-day expiry, at most 30 days after the first mail)' }, examples: { response: clientExample },
    errors: ['not_found', 'invitation_closed', 'invitation_expired', 'concurrent_change'],
  },
  'POST /clients/{id}/invitation/cancel': {
    params: idParams,
    summary: 'Cancel the invitation',
    description: 'Withdraw a pending invitation (the account may be invited again); 409 `invitation_closed` once it was answered, cancelled or expired',
    tag: 'Clients', response: clientView,
    success: { 200: 'The client, now `cancelled`' },
    examples: { response: { ...clientExample, status: 'cancelled', invitation: { ...clientExample.invitation, status: 'cancelled' } } },
    errors: ['not_found', 'invitation_closed', 'concurrent_change'],
  },
  'GET /invitations/{token}': {
    params: invitationTokenParams,
    summary: 'See an invitation',
    description: 'The invitation behind a link (public): who invites and what accepting means; `Accept: text/html` gets a page ' +
      'that sends the owner to the cloud console to answer',
    tag: 'Invitations', response: invitationView, html: true,
    success: { 200: 'Who invites, the account, the status and what accepting means' }, examples: { response: invitationExample },
    errors: LINK_ERRORS,
  },
  'POST /invitations/{token}/accept': {
    ...answerOperation('accepted', 'Accept an invitation', 'Accept an invitation with the cloud account owner\'s console ID token: the client ' +
      'becomes active, bound to the owner\'s account if the partner named none (then only a token whose verified e-mail is the invited ' +
      'address answers it); 403 `wrong_account` for another account or address (the message names the address that must sign in), 409 ' +
      '`account_served` while another partner serves the account'),
    errors: [...ANSWER_ERRORS, 'already_client', 'account_served'],
  },
  'POST /invitations/{token}/decline': answerOperation('declined', 'Decline an invitation',
    'Decline an invitation with the cloud account owner\'s console ID token (403 `wrong_account` for another account, or for an ' +
    'invitation sent without an account, a token without the invited address as its verified e-mail)'),
  'GET /audit': {
    summary: 'Your audit trail',
    description: 'Your audit trail, newest first; filter by client or by the member who acted (`memberId`), and by period [from, to). ' +
      'Each entry names the acting member (id and e-mail at the time) and its client as stored now (`client`: one batched read for the page, so a console never asks per client).',
    tag: 'Audit', query: auditQuery, response: auditPage,
    success: { 200: 'A page of audit entries; `nextCursor` fetches the next one' },
    examples: {
      response: {
        items: [{
          id: 'aud_3e1c9a7b5d4f4e2a8c0b6d4f2e0a8c6b', clientId: clientExample.id, at: '2026-12-01T09:30:00.000Z',
          actor: { kind: 'partner', id: 'mbr_4d2b0f8e6c4a4b2d9f7e5c3a1b0d8f6e', email: 'anna@volkova-it.example' }, action: 'invite', before: null, after: 'invited',
          client: { name: clientExample.name, email: clientExample.email },
        }],
        nextCursor: null,
      },
    },
  },
};

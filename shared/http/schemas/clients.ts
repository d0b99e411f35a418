import * as z from 'zod/mini';
import { ACTOR_KINDS, type AuditEntry } from '../../domain/audit/AuditEntry';
import { CLIENT_ACTIONS, CLIENT_STATUSES, type Client, isAttached, VISIBLE_CLIENT_STATUSES } from '../../domain/clients/Client';
import { CLOUD_ACCOUNT_ID_PATTERN } from '../../domain/clients/cloudAccountId';
import type { WithBalance } from '../../domain/balances/withBalances';
import { ACCEPTING_MEANS } from '../../domain/clients/clientMails';
import { MIN_SEARCH_LENGTH, normalizeSearch } from '../../domain/clients/clientSearch';
import type { InvitationView } from '../../domain/clients/answerInvitation';
import { INVITATION_STATUSES } from '../../domain/clients/Invitation';
import { INVITATION_TOKEN_PATTERN } from '../../domain/clients/invitationToken';
import type { OperationDocs } from '../openapi';
import { cursor, email, limit, money, phone, text } from './common';

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
  token: z.string().check(z.regex(INVITATION_TOKEN_PATTERN, 'Not an invitation link token')),
});

const instant = z.pipe(z.iso.datetime({ offset: true }), z.transform((value: string) => new Date(value)));

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

/** Renders a client for its partner (never a detached one: the use cases answer 404 for it). */
export function toClientView(client: Client): z.infer<typeof clientView> {
  const { status } = client;
  if (!isAttached(status)) throw new Error(`client ${client.id} is detached and must not be shown to its partner`);
  return {
    id: client.id,
    accountId: client.accountId ?? null,
    email: client.email,
    name: client.name,
    phone: client.phone,
    status,
    createdAt: client.createdAt.toISOString(),
    updatedAt: client.updatedAt.toISOString(),
    invitation: {
      id: client.invitation.id,
      status: client.invitation.status,
      expiresAt: client.invitation.expiresAt.toISOString(),
      mail: client.invitation.mail,
    },
  };
}

/** One item of `GET /clients`: the client and its current balance, `null` unless it is active or blocked. */
export const listedClientView = z.extend(clientView, { balance: z.nullable(money) });

/** Renders a listed client with its balance. */
export function toListedClientView({ client, balance }: WithBalance<Client>): z.infer<typeof listedClientView> {
  return { ...toClientView(client), balance };
}

/** What the public invitation routes show the invitee. */
export const invitationView = z.object({
  partnerName: z.string(),
  /** The invited account; `null` when the partner did not name one (the accepting owner's account is bound). */
  accountId: z.nullable(z.string()),
  status: z.enum(INVITATION_STATUSES),
  expiresAt: z.iso.datetime(),
  acceptingMeans: z.string(),
});

/** Renders an invitation for the invitee. */
export function toInvitationView(view: InvitationView): z.infer<typeof invitationView> {
  return {
    partnerName: view.partnerName,
    accountId: view.accountId ?? null,
    status: view.status,
    expiresAt: view.expiresAt.toISOString(),
    acceptingMeans: ACCEPTING_MEANS,
  };
}

/** An audit entry as the partner sees it. */
export const auditEntryView = z.object({
  id: z.string(),
  clientId: z.string(),
  at: z.iso.datetime(),
  actor: z.object({ kind: z.enum(ACTOR_KINDS), id: z.string() }),
  action: z.enum(CLIENT_ACTIONS),
  before: z.nullable(z.enum(CLIENT_STATUSES)),
  after: z.enum(CLIENT_STATUSES),
});

/** Renders an audit entry. */
export function toAuditEntryView(entry: AuditEntry): z.infer<typeof auditEntryView> {
  return {
    id: entry.id,
    clientId: entry.clientId,
    at: entry.at.toISOString(),
    actor: { kind: entry.actor.kind, id: entry.actor.id },
    action: entry.action,
    before: entry.before,
    after: entry.after,
  };
}

const clientPage = z.object({ items: z.array(listedClientView), nextCursor: z.nullable(z.string()) });
const auditPage = z.object({ items: z.array(auditEntryView), nextCursor: z.nullable(z.string()) });

/** OpenAPI docs of the clients, invitation and audit routes. */
export const clientOperations: OperationDocs = {
  'POST /clients': {
    summary: 'Add a client: e-mail required; name, phone; the cloud account id only if the client is already registered. ' +
      'Stores it as `invited` and mails a link valid 7 days that only the account\'s owner, signed in to the cloud console, can answer ' +
      '(201; 200 when an account whose invitation closed is invited again)',
    tag: 'Clients', body: addClientBody, status: 201, response: clientView,
  },
  'GET /clients': {
    summary: 'List your clients, newest first; filter by status; search by the start of the e-mail, of a word of the name or of ' +
      'the account id (at least 2 characters, case- and accent-insensitive). Each item carries the ' +
      'current balance of an active or blocked client (`null` for the others)', tag: 'Clients',
    query: listClientsQuery, status: 200, response: clientPage,
  },
  'GET /clients/{id}': { summary: 'One of your clients', tag: 'Clients', status: 200, response: clientView },
  'POST /clients/{id}/invitation/resend': {
    summary: 'Mail a new link for a pending invitation (the old link stops working; 3 per client per hour)',
    tag: 'Clients', status: 200, response: clientView,
  },
  'POST /clients/{id}/invitation/cancel': {
    summary: 'Withdraw a pending invitation (the account may be invited again)', tag: 'Clients', status: 200, response: clientView,
  },
  'GET /invitations/{token}': {
    summary: 'The invitation behind a link (public): who invites and what accepting means; `Accept: text/html` gets a page ' +
      'that sends the owner to the cloud console to answer',
    tag: 'Invitations', status: 200, response: invitationView,
  },
  'POST /invitations/{token}/accept': {
    summary: 'Accept an invitation (the cloud account owner\'s console ID token): the client becomes active, bound to the ' +
      'owner\'s account if the partner named none; 403 `wrong_account` for another account, 409 `account_served` while ' +
      'another partner serves the account', tag: 'Invitations', status: 200, response: invitationView,
  },
  'POST /invitations/{token}/decline': {
    summary: 'Decline an invitation (the cloud account owner\'s console ID token; 403 `wrong_account` for another account)',
    tag: 'Invitations', status: 200, response: invitationView,
  },
  'GET /audit': {
    summary: 'Your audit trail, newest first; filter by client and period [from, to)', tag: 'Audit',
    query: auditQuery, status: 200, response: auditPage,
  },
};

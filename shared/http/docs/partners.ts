/** Response schemas and OpenAPI docs of the partner department's partner routes (build time only: no route bundles them). */
import * as z from 'zod/mini';
import { CLIENT_STATUSES } from '../../domain/clients/Client';
import { PARTNER_EFFECTS } from '../../domain/partners/changePartnerState';
import { PARTNER_ACTIONS, PARTNER_STATES } from '../../domain/partners/PartnerStanding';
import type { OperationDocs } from '../openapi';
import { idParams } from '../schemas/idParams';
import { listPartnersQuery, partnerPageQuery, partnerStateBody } from '../schemas/partners';
import { applicationView } from './applications';
import { pageOf } from './common';
import { memberView } from './team';

const state = z.enum(PARTNER_STATES);

/** A partner's clients by status (all seven statuses, zero included). */
const clientCountsView = z.object(Object.fromEntries(CLIENT_STATUSES.map((status) => [status, z.number()])) as Record<(typeof CLIENT_STATUSES)[number], z.ZodMiniNumber>);

/** A partner as the managers' list shows it. */
export const partnerSummaryView = z.object({
  id: z.string(),
  company: z.string(),
  email: z.string(),
  state,
  /** When it entered its state. */
  since: z.iso.datetime(),
  createdAt: z.iso.datetime(),
  /** Clients still attached (every status but detached). */
  clients: z.number(),
  activeClients: z.number(),
});

/** What a manager did to a partner. */
export const partnerAuditEntryView = z.object({
  id: z.string(),
  at: z.iso.datetime(),
  managerId: z.string(),
  action: z.enum(PARTNER_ACTIONS),
  before: state,
  after: state,
  reason: z.string(),
});

/** A partner's page: its record, the application it came from, its members, its clients by status and what managers did to it. */
export const partnerPageView = z.object({
  partner: partnerSummaryView,
  stateReason: z.nullable(z.string()),
  /** The application the partner was approved from, with who contacted and approved it, and when. */
  application: applicationView,
  /** The partner's team: the owner the approval created and the members it invited. */
  members: z.array(memberView),
  clientsByStatus: clientCountsView,
  audit: pageOf(partnerAuditEntryView),
});

/** A preview of suspending, resuming or ending a partner. */
export const partnerStatePreviewView = z.object({
  confirmationRequired: z.boolean(),
  action: z.enum(PARTNER_ACTIONS),
  partner: partnerSummaryView,
  to: state,
  clientsByStatus: clientCountsView,
  effects: z.array(z.object({ effect: z.enum(PARTNER_EFFECTS), count: z.optional(z.number()) })),
  confirmation: z.object({ token: z.string(), expiresAt: z.iso.datetime() }),
});

/** The result of a confirmed suspend, resume or end. */
export const partnerStateResultView = z.object({
  action: z.enum(PARTNER_ACTIONS),
  partner: partnerSummaryView,
  /** Ending only: whether every client is detached and the logins closed already (otherwise the job finishes it within minutes). */
  endingFinished: z.optional(z.boolean()),
});

const PARTNER_ID = 'ptn_9d8c7b6a5f4e4d3c2b1a0f9e8d7c6b5a';
const TOKEN = 'pQ3v8Zr1YkT0bN6wXe2LcJ5uHs9AaFd4GmK7iOy_E-c';

const partnerExample = {
  id: PARTNER_ID, company: 'Lee IT', email: 'ann@lee-it.example', state: 'active', since: '2026-12-02T08:00:00.000Z',
  createdAt: '2026-12-02T08:00:00.000Z', clients: 12, activeClients: 9,
};

const countsExample = { invited: 2, active: 9, blocked: 1, declined: 0, cancelled: 0, expired: 0, detached: 3 };

const TWO_STEPS =
  'Without `confirm`: a preview of what would happen and a confirmation token, valid 5 minutes, single use, bound to this partner and action. ' +
  'With `{"reason", "confirm": token}`: does it, audited with the manager and the reason, and mails the partner. A reason is required in both steps. ' +
  'Token errors: 422 `confirmation_invalid` / `confirmation_mismatch` / `confirmation_expired`, 409 `confirmation_used`; ' +
  'a state that does not allow the action: 409 `invalid_transition`. The same confirmation sent again (its answer was lost) answers the partner ' +
  'while it still stands in the state it took it to (an end goes on closing); once it moved on, 409 `confirmation_used`.';

const CONFIRMATION_ERRORS = ['confirmation_invalid', 'confirmation_mismatch', 'confirmation_expired', 'confirmation_used'] as const;

const previewOrResult = z.union([partnerStatePreviewView, partnerStateResultView]);

function stateOperation(action: 'suspend' | 'resume' | 'end', summary: string, what: string, to: string): OperationDocs[string] {
  return {
    params: idParams,
    summary,
    description: `${what} ${TWO_STEPS}`,
    tag: 'Partners', body: partnerStateBody, response: previewOrResult,
    success: { 200: 'Without `confirm`: the preview and its token; with it: the partner as it now stands' },
    examples: {
      body: { reason: 'Unpaid invoices for October and November.', confirm: TOKEN },
      response: { action, partner: { ...partnerExample, state: to, since: '2026-12-06T09:00:00.000Z' }, ...(action === 'end' && { endingFinished: true }) },
    },
    errors: ['not_found', 'invalid_transition', 'concurrent_change', ...CONFIRMATION_ERRORS],
  };
}

/** OpenAPI docs of the partner routes (managers). */
export const partnerOperations: OperationDocs = {
  'GET /partners': {
    summary: 'List partners',
    description: 'List partners, newest first (managers): company, contact e-mail, state (active, suspended, ended) and since when, ' +
      'clients and active clients (counts kept as clients change). Filter by state; search by the start of a word of the company name or ' +
      'of the e-mail (one word of at least 2 characters, case- and accent-insensitive). `Accept: text/csv` gets the page as CSV ' +
      '(the next page\'s cursor in the `x-next-cursor` header).',
    tag: 'Partners', query: listPartnersQuery, response: pageOf(partnerSummaryView), csv: true,
    success: { 200: 'A page of partners; `nextCursor` fetches the next one' },
    examples: { response: { items: [partnerExample], nextCursor: null } },
  },
  'GET /partners/{id}': {
    params: idParams,
    summary: 'Get a partner',
    description: 'A partner\'s page (managers): its record, the application it was approved from (with who contacted and approved it, ' +
      'and when), its clients by status, and what managers did to it, newest first (`limit`, `cursor` page it).',
    tag: 'Partners', query: partnerPageQuery, response: partnerPageView,
    success: { 200: 'The partner' },
    examples: { response: { partner: partnerExample, stateReason: null, application: { id: 'app_4f9c2b7e1d0a4c3b8e6f5a2d1c0b9e8f', status: 'approved', name: 'Ann Lee', email: 'ann@lee-it.example', phone: '+74950000000', company: 'Lee IT', message: 'We resell cloud.', language: 'ru', createdAt: '2026-12-01T09:15:00.000Z', updatedAt: '2026-12-02T08:00:00.000Z', contactDueAt: '2026-12-03T09:15:00.000Z', contactedAt: '2026-12-01T11:02:00.000Z', decidedAt: '2026-12-02T08:00:00.000Z', partnerId: PARTNER_ID, contactAttempts: [] }, members: [{ memberId: `mbr_${PARTNER_ID}`, email: 'ann@lee-it.example', role: 'owner', status: 'active', invitedAt: '2026-12-02T08:00:00.000Z', invitedBy: null, lastSignInAt: '2026-12-05T07:30:00.000Z' }], clientsByStatus: countsExample, audit: { items: [], nextCursor: null } } },
    errors: ['not_found'],
  },
  'POST /partners/{id}/suspend': stateOperation('suspend', 'Suspend a partner',
    'Suspend a partner: within a minute its people are refused on every partner route (403 `partner_suspended`); its clients are untouched ' +
    '(their accounts, sign-in and resources keep working, invitations already sent stay answerable).', 'suspended'),
  'POST /partners/{id}/resume': stateOperation('resume', 'Resume a partner', 'Resume a suspended partner: its people may use the partner routes again.', 'active'),
  'POST /partners/{id}/end': stateOperation('end', 'End a partnership',
    'End a partnership: every client of the partner is detached (resumably, client by client; the job finishes what the request could not), ' +
    'pending invitations are cancelled, the logins of the partner and its members are closed; its people are refused with 403 `partner_ended`. The record and its ' +
    'audit stay, read-only, and its e-mail cannot be approved again without the manager\'s explicit `reapproveEndedPartner`.', 'ended'),
};

/** OpenAPI docs of the team routes (build time only). */
import * as z from 'zod/mini';
import { MEMBER_ROLES } from '../../domain/team/Member';
import type { OperationDocs } from '../openapi';
import { assignClientsBody, changeRoleBody, inviteMemberBody, memberParams } from '../schemas/team';

/** A member of a partner's team as the owner and admins see it. */
export const memberView = z.object({
  memberId: z.string(),
  email: z.string(),
  role: z.enum(MEMBER_ROLES),
  /** `invited` until the member's first sign-in. */
  status: z.enum(['invited', 'active']),
  invitedAt: z.iso.datetime(),
  /** The member who invited this one; `null` for the owner the approval created. */
  invitedBy: z.nullable(z.string()),
  lastSignInAt: z.nullable(z.iso.datetime()),
});

/** The whole team (at most `maxMembers`, so never paged). */
export const teamView = z.object({ items: z.array(memberView), maxMembers: z.number().check(z.int()) });

/** The caller's own membership: which partner, and what the role allows (the console hides the rest). */
export const myMembershipView = z.object({ partnerId: z.string(), member: memberView });

/** What an assignment did. */
export const assignmentView = z.object({ assigned: z.array(z.string()), notFound: z.array(z.string()) });

const memberExample = {
  memberId: 'mbr_6a1f0c3e9b7d4a2c8e5f1b3d7a9c0e2f', email: 'olga@volkova-it.example', role: 'finance', status: 'active',
  invitedAt: '2026-12-01T09:30:00.000Z', invitedBy: 'mbr_ptn_2b9d7f5e3c1a4e6b8d0f2a4c6e8b0d1f', lastSignInAt: '2026-12-02T07:12:00.000Z',
} as const;

const invitedExample = { ...memberExample, status: 'invited', lastSignInAt: null } as const;

/** Docs of the team routes. */
export const teamOperations: OperationDocs = {
  'GET /team/me': {
    summary: 'Your membership',
    description: 'Your membership of your partner\'s team: your member id and role (the console shows only what the role may do). ' +
      'Records your sign-in as the team\'s "last sign-in".',
    tag: 'Team', response: myMembershipView, success: { 200: 'Your membership' },
    examples: { response: { partnerId: 'ptn_2b9d7f5e3c1a4e6b8d0f2a4c6e8b0d1f', member: memberExample } },
  },
  'GET /team/members': {
    summary: 'Your team',
    description: 'Every member of your team with role, status and last sign-in (owner and admins)',
    tag: 'Team', response: teamView, success: { 200: 'The team' },
    examples: { response: { items: [memberExample], maxMembers: 50 } },
  },
  'POST /team/members': {
    summary: 'Invite a colleague',
    description: 'Invite a colleague by e-mail with a role (owner and admins): a staff login bound to your partner is created and its ' +
      'temporary password mailed. The same e-mail and role again answers the member (a retry); 409 `email_already_partner` when the ' +
      'e-mail already belongs to a partner or team, 422 `team_full` past the team\'s size.',
    tag: 'Team', body: inviteMemberBody, response: memberView, success: { 201: 'The invited member' },
    examples: { body: { email: 'olga@volkova-it.example', role: 'finance' }, response: invitedExample },
    errors: ['email_already_partner', 'staff_login_exists', 'team_full', 'concurrent_change'],
  },
  'PATCH /team/members/{memberId}': {
    summary: 'Change a member\'s role',
    description: 'Give a member another role (owner and admins); takes effect within a minute. Role `owner` hands ownership to ' +
      'that admin, and the owner becomes an admin (the owner only: 422 `ownership_needs_admin` otherwise). The owner\'s own role ' +
      'changes only by handing ownership over (422 `owner_protected`).',
    tag: 'Team', params: memberParams, body: changeRoleBody, response: memberView, success: { 200: 'The member' },
    examples: { body: { role: 'sales' }, response: { ...memberExample, role: 'sales' } },
    errors: ['not_found', 'owner_protected', 'ownership_needs_admin', 'concurrent_change'],
  },
  'DELETE /team/members/{memberId}': {
    summary: 'Remove a member',
    description: 'Remove a member from the team (owner and admins; never the owner: 422 `owner_protected`): the login is deleted, ' +
      'and the member\'s requests are refused within a minute even with a token that is still valid.',
    tag: 'Team', params: memberParams, success: { 204: 'Removed' },
    examples: {},
    errors: ['not_found', 'owner_protected', 'concurrent_change'],
  },
  'POST /clients/assignments': {
    summary: 'Assign clients to a sales member',
    description: 'Assign a selection of your clients to a sales member of your team (owner and admins), or to nobody with ' +
      '`memberId: null`: a sales member sees and acts only on the clients it added and those assigned to it. Clients you do ' +
      'not have are listed in `notFound`; 422 `assignee_not_sales` for a member who is not in sales.',
    tag: 'Team', body: assignClientsBody, response: assignmentView, success: { 200: 'What was assigned' },
    examples: {
      body: { clientIds: ['cli_0b7e3c9a5d1f4e2a8c6b4d2f0e9a7c5b'], memberId: memberExample.memberId },
      response: { assigned: ['cli_0b7e3c9a5d1f4e2a8c6b4d2f0e9a7c5b'], notFound: [] },
    },
    errors: ['assignee_not_sales'],
  },
};

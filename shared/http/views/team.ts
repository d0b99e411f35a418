/** How the API shows a team's members (times in ISO-8601 UTC). */
import type * as z from 'zod/mini';
import { type Member, memberStatus } from '../../domain/team/Member';
import type { memberView } from '../docs/team';

/** Renders a member for the team. */
export function toMemberView(member: Member): z.infer<typeof memberView> {
  return {
    memberId: member.memberId,
    email: member.email,
    role: member.role,
    status: memberStatus(member),
    invitedAt: member.invitedAt.toISOString(),
    invitedBy: member.invitedBy ?? null,
    lastSignInAt: member.lastSignInAt?.toISOString() ?? null,
  };
}

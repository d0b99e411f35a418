import { teamStore } from '../shared/adapters/compositionRoot';
import { changeMemberRole, transferOwnership } from '../shared/domain/team/manageTeam';
import { partnerRoute } from '../shared/http/httpRoute';
import { forgetTeam } from '../shared/http/partnerMembership';
import { partnerRateLimit } from '../shared/http/partnerRateLimit';
import { changeRoleBody, memberParams } from '../shared/http/schemas/team';
import { toMemberView } from '../shared/http/views/team';

/** PATCH /team/members/{memberId} — an owner or admin gives a member (not the owner) another role; role `owner`: the owner hands ownership to an admin. */
export const handler = partnerRoute({ params: memberParams, body: changeRoleBody, middlewares: [partnerRateLimit()] },
  async ({ principal, params, body }) => {
    const deps = { team: teamStore() };
    const member = body.role === 'owner'
      ? await transferOwnership(deps, principal.partnerId, principal.memberId ?? '', params.memberId)
      : await changeMemberRole(deps, principal.partnerId, params.memberId, body.role);
    forgetTeam(principal.partnerId);
    return { status: 200, body: toMemberView(member) };
  },
);

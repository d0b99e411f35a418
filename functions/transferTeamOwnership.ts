import { maxTeamMembers, teamStore } from '../shared/adapters/compositionRoot';
import { transferOwnership } from '../shared/domain/team/manageTeam';
import { partnerRoute } from '../shared/http/httpRoute';
import { forgetTeam } from '../shared/http/partnerMembership';
import { partnerRateLimit } from '../shared/http/partnerRateLimit';
import { ownershipBody } from '../shared/http/schemas/team';
import { toMemberView } from '../shared/http/views/team';

/** POST /team/ownership — the owner hands ownership to an admin and becomes an admin. */
export const handler = partnerRoute({ body: ownershipBody, middlewares: [partnerRateLimit()] }, async ({ principal, body }) => {
  const members = await transferOwnership({ team: teamStore() }, principal.partnerId, principal.memberId ?? '', body.memberId);
  forgetTeam(principal.partnerId);
  return { status: 200, body: { items: members.map(toMemberView), maxMembers: maxTeamMembers() } };
});

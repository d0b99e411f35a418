import { maxTeamMembers, teamStore } from '../shared/adapters/compositionRoot';
import { teamOf } from '../shared/domain/team/manageTeam';
import { partnerRoute } from '../shared/http/httpRoute';
import { partnerRateLimit } from '../shared/http/partnerRateLimit';
import { toMemberView } from '../shared/http/views/team';

/** GET /team/members — the whole team with role, status and last sign-in (owner and admins). */
export const handler = partnerRoute({ middlewares: [partnerRateLimit()] }, async ({ principal }) => {
  const team = await teamOf({ team: teamStore() }, principal.partnerId);
  return { status: 200, body: { items: team.members.map(toMemberView), maxMembers: maxTeamMembers() } };
});

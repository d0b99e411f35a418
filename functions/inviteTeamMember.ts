import { teamDeps } from '../shared/adapters/compositionRoot';
import { inviteMember } from '../shared/domain/team/manageTeam';
import { partnerRoute } from '../shared/http/httpRoute';
import { forgetTeam } from '../shared/http/partnerMembership';
import { partnerRateLimit } from '../shared/http/partnerRateLimit';
import { inviteMemberBody } from '../shared/http/schemas/team';
import { toMemberView } from '../shared/http/views/team';

/** POST /team/members — an owner or admin invites a colleague; the colleague gets a staff login bound to the partner. */
export const handler = partnerRoute({ body: inviteMemberBody, middlewares: [partnerRateLimit()] }, async ({ principal, body }) => {
  const member = await inviteMember(teamDeps(), principal.partnerId, principal.memberId ?? '', body);
  forgetTeam(principal.partnerId);
  return { status: 201, body: toMemberView(member) };
});

import { accountDirectory, teamStore } from '../shared/adapters/compositionRoot';
import { removeMember } from '../shared/domain/team/manageTeam';
import { partnerRoute } from '../shared/http/httpRoute';
import { forgetTeam } from '../shared/http/partnerMembership';
import { partnerRateLimit } from '../shared/http/partnerRateLimit';
import { memberParams } from '../shared/http/schemas/team';

/** DELETE /team/members/{memberId} — an owner or admin removes a member (not the owner); its login is deleted. */
export const handler = partnerRoute({ params: memberParams, middlewares: [partnerRateLimit()] }, async ({ principal, params }) => {
  await removeMember({ team: teamStore(), directory: accountDirectory() }, principal.partnerId, params.memberId);
  forgetTeam(principal.partnerId);
  return { status: 204 };
});

import { teamStore } from '../shared/adapters/compositionRoot';
import { NotPermittedError } from '../shared/domain/errors';
import { recordSignIn, teamOf } from '../shared/domain/team/manageTeam';
import { partnerRoute } from '../shared/http/httpRoute';
import { partnerRateLimit } from '../shared/http/partnerRateLimit';
import { signInTimeOf } from '../shared/http/Principal';
import { toMemberView } from '../shared/http/views/team';

/** GET /team/me — the caller's membership (member id, role); records its sign-in as the team's "last sign-in". */
export const handler = partnerRoute({ middlewares: [partnerRateLimit()] }, async ({ principal, event }) => {
  const deps = { team: teamStore() };
  const found = (await teamOf(deps, principal.partnerId)).members.find((m) => m.memberId === principal.memberId);
  if (!found) throw new NotPermittedError('not_a_member', 'You are not a member of this partner\'s team', {});
  const member = await recordSignIn(deps, principal.partnerId, found, signInTimeOf(event));
  return { status: 200, body: { partnerId: principal.partnerId, member: toMemberView(member) } };
});

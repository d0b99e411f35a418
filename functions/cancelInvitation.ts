import { invitationDeps } from '../shared/adapters/compositionRoot';
import { cancelInvitation } from '../shared/domain/clients/cancelInvitation';
import { partnerRoute } from '../shared/http/httpRoute';
import { memberActor } from '../shared/http/Principal';
import { idempotentRequests } from '../shared/http/idempotentRequests';
import { partnerRateLimit } from '../shared/http/partnerRateLimit';
import { requireAssigned } from '../shared/http/salesScope';
import { idParams } from '../shared/http/schemas/idParams';
import { toClientView } from '../shared/http/views/clients';

/** POST /clients/{id}/invitation/cancel — the partner withdraws a pending invitation. */
export const handler = partnerRoute({ params: idParams, middlewares: [partnerRateLimit(), ...idempotentRequests()] },
  async ({ principal, params }) => {
    await requireAssigned(principal, params.id);
    const actor = memberActor(principal);
    const client = await cancelInvitation(invitationDeps(), principal.partnerId, params.id, actor);
    return { status: 200, body: toClientView(client) };
  },
);

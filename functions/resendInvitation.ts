import { clientDeps } from '../shared/adapters/compositionRoot';
import { resendInvitation } from '../shared/domain/clients/resendInvitation';
import { partnerRoute } from '../shared/http/httpRoute';
import { memberActor } from '../shared/http/Principal';
import { idempotentRequests } from '../shared/http/idempotentRequests';
import { partnerRateLimit } from '../shared/http/partnerRateLimit';
import { requireAssigned } from '../shared/http/salesScope';
import { publicBaseUrl } from '../shared/http/publicBaseUrl';
import { idParams } from '../shared/http/schemas/idParams';
import { toClientView } from '../shared/http/views/clients';

/** POST /clients/{id}/invitation/resend — a new link for a pending invitation; the old link stops working. */
export const handler = partnerRoute({ params: idParams, middlewares: [partnerRateLimit(), ...idempotentRequests()] },
  async ({ principal, params }) => {
    await requireAssigned(principal, params.id);
    const actor = memberActor(principal);
    const client = await resendInvitation(clientDeps(publicBaseUrl()), principal.partnerId, params.id, actor);
    return { status: 200, body: toClientView(client) };
  },
);

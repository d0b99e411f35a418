import { invitationDeps } from '../shared/adapters/compositionRoot';
import { editClient } from '../shared/domain/clients/editClient';
import { partnerRoute } from '../shared/http/httpRoute';
import { memberActor } from '../shared/http/Principal';
import { idempotentRequests } from '../shared/http/idempotentRequests';
import { partnerRateLimit } from '../shared/http/partnerRateLimit';
import { requireAssigned } from '../shared/http/salesScope';
import { editClientBody } from '../shared/http/schemas/clients';
import { idParams } from '../shared/http/schemas/idParams';
import { toClientView } from '../shared/http/views/clients';

/** PATCH /clients/{id} — the partner changes its client's name or phone (audited; equal values change nothing). */
export const handler = partnerRoute({ params: idParams, body: editClientBody, middlewares: [partnerRateLimit(), ...idempotentRequests()] },
  async ({ principal, params, body }) => {
    await requireAssigned(principal, params.id);
    const client = await editClient(invitationDeps(), principal.partnerId, params.id, memberActor(principal), body);
    return { status: 200, body: toClientView(client) };
  },
);

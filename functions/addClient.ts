import { clientDeps } from '../shared/adapters/compositionRoot';
import { addClient } from '../shared/domain/clients/addClient';
import { assignedOnly } from '../shared/domain/team/clientAssignment';
import { partnerRoute } from '../shared/http/httpRoute';
import { memberActor } from '../shared/http/Principal';
import { idempotentRequests } from '../shared/http/idempotentRequests';
import { partnerRateLimit } from '../shared/http/partnerRateLimit';
import { publicBaseUrl } from '../shared/http/publicBaseUrl';
import { addClientBody } from '../shared/http/schemas/clients';
import { toClientView } from '../shared/http/views/clients';

/** POST /clients — a partner adds a client by its cloud account; the client is mailed an invitation link. A sales member's client is assigned to it. */
export const handler = partnerRoute({ body: addClientBody, middlewares: [partnerRateLimit(), ...idempotentRequests()] },
  async ({ principal, body }) => {
    const actor = memberActor(principal);
    const assignee = assignedOnly(principal);
    const { client, created } = await addClient(clientDeps(publicBaseUrl()), principal.partnerId, actor, { ...body, ...(assignee && { assignee }) });
    return { status: created ? 201 : 200, headers: { location: `/clients/${client.id}` }, body: toClientView(client) };
  },
);

import { clientAssignments, teamStore } from '../shared/adapters/compositionRoot';
import { assignClients } from '../shared/domain/team/clientAssignment';
import { partnerRoute } from '../shared/http/httpRoute';
import { partnerRateLimit } from '../shared/http/partnerRateLimit';
import { assignClientsBody } from '../shared/http/schemas/team';

/** POST /clients/assignments — an owner or admin assigns a selection of clients to a sales member (or to nobody). */
export const handler = partnerRoute({ body: assignClientsBody, middlewares: [partnerRateLimit()] }, async ({ principal, body }) => ({
  status: 200,
  body: await assignClients({ clients: clientAssignments(), team: teamStore() }, principal.partnerId, body.clientIds, body.memberId),
}));

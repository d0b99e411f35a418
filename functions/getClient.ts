import { clientQueries } from '../shared/adapters/compositionRoot';
import { NotFoundError } from '../shared/domain/errors';
import { seesClient } from '../shared/domain/team/clientAssignment';
import { partnerRoute } from '../shared/http/httpRoute';
import { partnerRateLimit } from '../shared/http/partnerRateLimit';
import { idParams } from '../shared/http/schemas/idParams';
import { toClientView } from '../shared/http/views/clients';

/** GET /clients/{id} — one of the partner's clients (another partner's id answers 404, and so does a client not assigned to a sales member). */
export const handler = partnerRoute({ params: idParams, middlewares: [partnerRateLimit()] },
  async ({ principal, params }) => {
    const client = await clientQueries().get(principal.partnerId, params.id);
    if (!client || !seesClient(principal, client)) throw new NotFoundError('Client', { clientId: params.id });
    return { status: 200, body: toClientView(client) };
  },
);

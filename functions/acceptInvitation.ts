import { invitationDeps } from '../shared/adapters/runtime';
import { acceptInvitation } from '../shared/domain/clients/answerInvitation';
import { htmlOrJson } from '../shared/http/htmlPages';
import { publicRoute } from '../shared/http/httpRoute';
import { idempotentRequests } from '../shared/http/idempotentRequests';
import { answeredPage } from '../shared/http/invitationPages';
import { invitationTokenParams, toInvitationView } from '../shared/http/schemas/clients';
import { parseWith } from '../shared/http/validation';

/** POST /invitations/{token}/accept — public: the invitee accepts; the client becomes active. */
export const handler = htmlOrJson(
  publicRoute({ params: invitationTokenParams, middlewares: idempotentRequests() }, async ({ params }) => ({
    status: 200,
    body: toInvitationView(await acceptInvitation(invitationDeps(), params.token)),
  })),
  async (event) => answeredPage(await acceptInvitation(invitationDeps(), parseWith(invitationTokenParams, event.pathParameters ?? {}, 'path').token)),
);

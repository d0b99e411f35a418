import { invitationDeps } from '../shared/adapters/runtime';
import { declineInvitation } from '../shared/domain/clients/answerInvitation';
import { htmlOrJson } from '../shared/http/htmlPages';
import { publicRoute } from '../shared/http/httpRoute';
import { idempotentRequests } from '../shared/http/idempotentRequests';
import { answeredPage } from '../shared/http/invitationPages';
import { invitationTokenParams, toInvitationView } from '../shared/http/schemas/clients';
import { parseWith } from '../shared/http/validation';

/** POST /invitations/{token}/decline — public: the invitee declines; the partner may invite the account again. */
export const handler = htmlOrJson(
  publicRoute({ params: invitationTokenParams, middlewares: idempotentRequests() }, async ({ params }) => ({
    status: 200,
    body: toInvitationView(await declineInvitation(invitationDeps(), params.token)),
  })),
  async (event) => answeredPage(await declineInvitation(invitationDeps(), parseWith(invitationTokenParams, event.pathParameters ?? {}, 'path').token)),
);

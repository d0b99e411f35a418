import { invitationDeps } from '../shared/adapters/runtime';
import { viewInvitation } from '../shared/domain/clients/answerInvitation';
import { htmlOrJson } from '../shared/http/htmlPages';
import { publicRoute } from '../shared/http/httpRoute';
import { invitationPage } from '../shared/http/invitationPages';
import { invitationTokenParams, toInvitationView } from '../shared/http/schemas/clients';
import { parseWith } from '../shared/http/validation';

/** GET /invitations/{token} — public: who invites and what accepting means; a page with buttons for browsers. */
export const handler = htmlOrJson(
  publicRoute({ params: invitationTokenParams }, async ({ params }) => ({
    status: 200,
    body: toInvitationView(await viewInvitation(invitationDeps(), params.token)),
  })),
  async (event) => {
    const { token } = parseWith(invitationTokenParams, event.pathParameters ?? {}, 'path');
    return invitationPage(await viewInvitation(invitationDeps(), token), token);
  },
);

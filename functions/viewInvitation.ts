import { invitationViewDeps } from '../shared/adapters/compositionRoot';
import { viewInvitation } from '../shared/domain/clients/answerInvitation';
import { invitationLink } from '../shared/domain/clients/clientMails';
import { htmlOrJson } from '../shared/http/htmlPages';
import { publicRoute } from '../shared/http/httpRoute';
import { invitationPage } from '../shared/http/invitationPages';
import { publicBaseUrl } from '../shared/http/publicBaseUrl';
import { invitationTokenParams } from '../shared/http/schemas/invitationTokenParams';
import { toInvitationView } from '../shared/http/views/clients';
import { parseWith } from '../shared/http/validation';

/** GET /invitations/{token} — public: who invites and what accepting means; for browsers, a page that leads to the console. */
export const handler = htmlOrJson(
  publicRoute({ params: invitationTokenParams }, async ({ params }) => ({
    status: 200,
    body: toInvitationView(await viewInvitation(invitationViewDeps(), params.token)),
  })),
  async (event) => {
    const { token } = parseWith(invitationTokenParams, event.pathParameters ?? {}, 'path');
    return invitationPage(await viewInvitation(invitationViewDeps(), token), invitationLink(publicBaseUrl(), token));
  },
);

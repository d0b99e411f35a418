import { invitationDeps } from '../shared/adapters/compositionRoot';
import { acceptInvitation } from '../shared/domain/clients/answerInvitation';
import { httpRoute } from '../shared/http/httpRoute';
import { idempotentRequests } from '../shared/http/idempotentRequests';
import { invitationTokenParams } from '../shared/http/schemas/invitationTokenParams';
import { toInvitationView } from '../shared/http/views/clients';

/** POST /invitations/{token}/accept — the cloud account's owner, signed in to the cloud console, accepts. */
export const handler = httpRoute(
  { auth: 'console', params: invitationTokenParams, middlewares: idempotentRequests() },
  async ({ principal, params }) => ({
    status: 200,
    body: toInvitationView(await acceptInvitation(invitationDeps(), params.token, { accountId: principal.accountId, verifiedEmail: principal.verifiedEmail })),
  }),
);

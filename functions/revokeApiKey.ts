import { apiKeyDeps } from '../shared/adapters/compositionRoot';
import { revokeApiKey } from '../shared/domain/apiKeys/manageApiKeys';
import { forgetApiKey } from '../shared/http/apiKeyAuthentication';
import { partnerRoute } from '../shared/http/httpRoute';
import { partnerRateLimit } from '../shared/http/partnerRateLimit';
import { idParams } from '../shared/http/schemas/idParams';
import { toApiKeyView } from '../shared/http/views/apiKeys';

/** DELETE /api-keys/{id} — an owner or admin revokes a key: refused everywhere within a minute (at once in this container). */
export const handler = partnerRoute({ params: idParams, middlewares: [partnerRateLimit()] }, async ({ principal, params }) => {
  const deps = apiKeyDeps();
  const key = await revokeApiKey(deps, principal.partnerId, params.id);
  forgetApiKey(key.keyId);
  return { status: 200, body: toApiKeyView(key, deps.clock.now()) };
});

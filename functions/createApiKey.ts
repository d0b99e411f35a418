import { apiKeyDeps } from '../shared/adapters/compositionRoot';
import { createApiKey } from '../shared/domain/apiKeys/manageApiKeys';
import { partnerRoute } from '../shared/http/httpRoute';
import { partnerRateLimit } from '../shared/http/partnerRateLimit';
import { createApiKeyBody } from '../shared/http/schemas/apiKeys';
import { toApiKeyView } from '../shared/http/views/apiKeys';

/** POST /api-keys — an owner or admin creates an API key; its value is in this answer only. */
export const handler = partnerRoute({ body: createApiKeyBody, middlewares: [partnerRateLimit()] }, async ({ principal, body }) => {
  const deps = apiKeyDeps();
  const { key, value } = await createApiKey(deps, principal.partnerId, principal.memberId ?? principal.userId, { ...body, expiresAt: new Date(body.expiresAt) });
  return { status: 201, body: { ...toApiKeyView(key, deps.clock.now()), key: value } };
});

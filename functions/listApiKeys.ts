import { apiKeyDeps } from '../shared/adapters/compositionRoot';
import { MAX_LIVE_API_KEYS } from '../shared/domain/apiKeys/ApiKey';
import { listApiKeys } from '../shared/domain/apiKeys/manageApiKeys';
import { partnerRoute } from '../shared/http/httpRoute';
import { partnerRateLimit } from '../shared/http/partnerRateLimit';
import { toApiKeyView } from '../shared/http/views/apiKeys';

/** GET /api-keys — the partner's keys, newest first, never a secret (owner and admins). */
export const handler = partnerRoute({ middlewares: [partnerRateLimit()] }, async ({ principal }) => {
  const deps = apiKeyDeps();
  const now = deps.clock.now();
  const keys = await listApiKeys(deps, principal.partnerId);
  return { status: 200, body: { items: keys.map((key) => toApiKeyView(key, now)), maxLive: MAX_LIVE_API_KEYS } };
});

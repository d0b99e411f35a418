/** OpenAPI docs of the API-keys routes (build time only). */
import * as z from 'zod/mini';
import { API_KEY_SCOPES, MAX_API_KEY_LIFETIME_DAYS, MAX_LIVE_API_KEYS } from '../../domain/apiKeys/ApiKey';
import type { OperationDocs } from '../openapi';
import { createApiKeyBody } from '../schemas/apiKeys';
import { idParams } from '../schemas/idParams';

/** A key as the owner and admins see it: never its secret. */
export const apiKeyView = z.object({
  id: z.string(),
  /** `pdk_<id>`: how the key's value starts, to recognise it. */
  prefix: z.string(),
  name: z.string(),
  scopes: z.array(z.enum(API_KEY_SCOPES)),
  status: z.enum(['active', 'expired', 'revoked']),
  createdAt: z.iso.datetime(),
  /** The member who created it. */
  createdBy: z.string(),
  expiresAt: z.iso.datetime(),
  revokedAt: z.nullable(z.iso.datetime()),
  /** The last request it made (recorded at most once a minute). */
  lastUsedAt: z.nullable(z.iso.datetime()),
});

/** The partner's keys, newest first. */
export const apiKeyListView = z.object({ items: z.array(apiKeyView), maxLive: z.number().check(z.int()) });

/** A new key with its whole value, shown this once. */
export const createdApiKeyView = z.object({ ...apiKeyView.shape, key: z.string() });

const keyExample = {
  id: 'key_6a1f0c3e9b7d4a2c8e5f1b3d7a9c0e2f', prefix: 'pdk_key_6a1f0c3e9b7d4a2c8e5f1b3d7a9c0e2f', name: 'CRM sync',
  scopes: ['clients:read', 'finance:read'], status: 'active', createdAt: '2026-12-06T09:30:00.000Z',
  createdBy: 'mbr_ptn_2b9d7f5e3c1a4e6b8d0f2a4c6e8b0d1f', expiresAt: '2027-12-06T09:30:00.000Z', revokedAt: null, lastUsedAt: null,
} as const;

/** Docs of the API-keys routes. */
export const apiKeyOperations: OperationDocs = {
  'POST /api-keys': {
    summary: 'Create an API key',
    description: `Create a key for your own systems (owner and admins): a name, scopes and an expiry at most ${MAX_API_KEY_LIFETIME_DAYS} days ahead. ` +
      'The answer holds the key\'s whole value (`key`) this once; only its hash is kept. Send it as `Authorization: Bearer <key>`. ' +
      `422 \`api_keys_full\` past ${MAX_LIVE_API_KEYS} live keys. Rotate by creating a new key, then revoking the old one.`,
    tag: 'API keys', body: createApiKeyBody, response: createdApiKeyView, success: { 201: 'The key, with its value shown once' },
    examples: {
      body: { name: 'CRM sync', scopes: ['clients:read', 'finance:read'], expiresAt: '2027-12-06T09:30:00.000Z' },
      response: { ...keyExample, key: `${keyExample.prefix}_Xq9vK2mW7tRb4nYc8LpZ1sFd6HgJ3kAe5uQo0iNwT-E` },
    },
    errors: ['api_keys_full'],
  },
  'GET /api-keys': {
    summary: 'Your API keys',
    description: 'Every key of your partner, newest first, with its prefix, scopes, status, creation, expiry and last use (owner and admins); never a secret.',
    tag: 'API keys', response: apiKeyListView, success: { 200: 'The keys' },
    examples: { response: { items: [keyExample], maxLive: MAX_LIVE_API_KEYS } },
  },
  'DELETE /api-keys/{id}': {
    summary: 'Revoke an API key',
    description: 'Revoke a key at once (owner and admins): it is refused with 401 `api_key_revoked` everywhere within a minute. ' +
      'Revoking it again changes nothing; another partner\'s key answers 404.',
    tag: 'API keys', params: idParams, response: apiKeyView, success: { 200: 'The revoked key' },
    examples: { response: { ...keyExample, status: 'revoked', revokedAt: '2026-12-06T10:00:00.000Z' } },
    errors: ['not_found'],
  },
};

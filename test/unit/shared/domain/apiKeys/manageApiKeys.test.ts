import { FixedClock } from '../../../../../shared/domain/Clock';
import { API_KEY_PREFIX, apiKeyStatus, hashApiKeySecret, MAX_LIVE_API_KEYS, parseApiKey } from '../../../../../shared/domain/apiKeys/ApiKey';
import { createApiKey, listApiKeys, revokeApiKey, verifyApiKey } from '../../../../../shared/domain/apiKeys/manageApiKeys';
import { NotFoundError, RuleViolationError, ValidationError } from '../../../../../shared/domain/errors';
import { InMemoryApiKeyStore } from '../../../../support/fakes/InMemoryApiKeyStore';
import { SequentialIds } from '../../../../support/fakes/SequentialIds';

const DAY = 86_400_000;

function world() {
  const clock = new FixedClock('2026-12-06T09:00:00.000Z');
  const keys = new InMemoryApiKeyStore();
  return { deps: { keys, clock, ids: new SequentialIds() }, clock, keys };
}

const inDays = (clock: FixedClock, days: number) => new Date(clock.now().getTime() + days * DAY);

describe('createApiKey', () => {
  it('shows the whole key once and stores only the hash of its secret', async () => {
    const { deps, clock, keys } = world();
    const { key, value } = await createApiKey(deps, 'ptn_1', 'mbr_1', { name: 'CRM', scopes: ['clients:read', 'clients:read'], expiresAt: inDays(clock, 30) });

    expect(value.startsWith(`${API_KEY_PREFIX}key_1_`)).toBe(true);
    expect(key.scopes).toEqual(['clients:read']);
    const stored = await keys.get('key_1');
    expect(JSON.stringify(stored)).not.toContain(parseApiKey(value)!.secret);
    expect(stored?.secretHash).toBe(hashApiKeySecret(parseApiKey(value)!.secret));
  });

  it('refuses an expiry in the past or more than two years ahead', async () => {
    const { deps, clock } = world();
    const create = (days: number) => createApiKey(deps, 'ptn_1', 'mbr_1', { name: 'CRM', scopes: ['clients:read'], expiresAt: inDays(clock, days) });

    await expect(create(0)).rejects.toBeInstanceOf(ValidationError);
    await expect(create(731)).rejects.toBeInstanceOf(ValidationError);
    await expect(create(730)).resolves.toBeDefined();
  });

  it('refuses a key past the live keys a partner may hold; revoked ones do not count', async () => {
    const { deps, clock } = world();
    const create = () => createApiKey(deps, 'ptn_1', 'mbr_1', { name: 'CRM', scopes: ['clients:read'], expiresAt: inDays(clock, 30) });
    for (let i = 0; i < MAX_LIVE_API_KEYS; i += 1) await create();

    await expect(create()).rejects.toMatchObject({ code: 'api_keys_full' });
    await revokeApiKey(deps, 'ptn_1', 'key_1');
    await expect(create()).resolves.toBeDefined();
    await expect(create()).rejects.toBeInstanceOf(RuleViolationError);
  });
});

describe('revokeApiKey', () => {
  it('revokes the partner\'s own key once, and answers another partner\'s key as unknown', async () => {
    const { deps, clock } = world();
    await createApiKey(deps, 'ptn_1', 'mbr_1', { name: 'CRM', scopes: ['clients:read'], expiresAt: inDays(clock, 30) });

    await expect(revokeApiKey(deps, 'ptn_2', 'key_1')).rejects.toBeInstanceOf(NotFoundError);
    const first = await revokeApiKey(deps, 'ptn_1', 'key_1');
    clock.advance(60_000);
    const again = await revokeApiKey(deps, 'ptn_1', 'key_1');

    expect(again.revokedAt).toEqual(first.revokedAt);
    expect((await listApiKeys(deps, 'ptn_1')).map((key) => apiKeyStatus(key, clock.now()))).toEqual(['revoked']);
  });
});

describe('verifyApiKey', () => {
  it('tells a working key from an expired, a revoked and a wrong one', async () => {
    const { deps, clock, keys } = world();
    const lookUp = (keyId: string) => keys.get(keyId);
    const { value } = await createApiKey(deps, 'ptn_1', 'mbr_1', { name: 'CRM', scopes: ['clients:read'], expiresAt: inDays(clock, 1) });
    const { value: other } = await createApiKey(deps, 'ptn_1', 'mbr_1', { name: 'ERP', scopes: ['clients:read'], expiresAt: inDays(clock, 30) });

    expect((await verifyApiKey(value, lookUp, clock.now())).outcome).toBe('active');
    expect((await verifyApiKey(`${value.slice(0, -1)}${value.endsWith('A') ? 'B' : 'A'}`, lookUp, clock.now())).outcome).toBe('invalid');
    expect((await verifyApiKey('pdk_key_9_whatever', lookUp, clock.now())).outcome).toBe('invalid');
    expect((await verifyApiKey('eyJhbGciOiJFUzI1NiJ9.e30.sig', lookUp, clock.now())).outcome).toBe('invalid');
    expect((await verifyApiKey(value, lookUp, inDays(clock, 2))).outcome).toBe('expired');
    await revokeApiKey(deps, 'ptn_1', 'key_2');
    expect((await verifyApiKey(other, lookUp, clock.now())).outcome).toBe('revoked');
  });
});

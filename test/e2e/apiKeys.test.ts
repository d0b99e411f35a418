import { UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { partnerKey } from '../../shared/adapters/dynamodb/partnerKeys';
import { physicalTableName } from '../../shared/adapters/dynamodb/tables';
import { registerCloudAccount, uniqueClientEmail } from '../support/clientFixtures';
import { call, errorWithCode } from '../support/http';
import { useLocalStack } from '../support/localStackFixture';

/**
 * A partner's own systems over HTTP on the local stack (issue 33): the owner creates a key with
 * `clients:read`, which lists the clients but may not add one; a key with `clients:write` adds a
 * client and the audit trail names the key; a revoked key, an expired key and a made-up one are each
 * refused with their own code; a key never works on a manager's route or on the team.
 */

const local = useLocalStack();

const DAY_MS = 86_400_000;

it('lets a partner\'s key do what its scopes allow, and refuses it when revoked, expired, forged or out of place', async () => {
  const api = local.stack.apiUrl;
  const { token: owner } = await local.partnerWithToken();
  const expiresAt = new Date(local.stack.clockNow().getTime() + 30 * DAY_MS).toISOString();
  const reader = await call(api, 'POST', '/api-keys', { token: owner, body: { name: 'CRM read', scopes: ['clients:read'], expiresAt } });
  const writer = await call(api, 'POST', '/api-keys', { token: owner, body: { name: 'CRM write', scopes: ['clients:write'], expiresAt } });
  expect(reader.status).toBe(201);
  expect(reader.body).toMatchObject({ name: 'CRM read', scopes: ['clients:read'], status: 'active', lastUsedAt: null });
  const readKey = reader.body.key as string;
  expect(readKey.startsWith(`${reader.body.prefix as string}_`)).toBe(true);

  const accountId = await registerCloudAccount(local.db);
  const added = await call(api, 'POST', '/clients', { token: writer.body.key as string, body: { email: uniqueClientEmail(), accountId } });
  expect(added.status).toBe(201);
  const listed = await call(api, 'GET', '/clients', { token: readKey });
  expect(listed.status).toBe(200);
  expect(listed.body.items.map((client: { id: string }) => client.id)).toEqual([added.body.id]);
  const audit = await call(api, 'GET', '/audit', { token: owner });
  expect(audit.body.items[0].actor).toEqual({ kind: 'partner', id: `apiKey:${writer.body.id as string}`, email: null });

  expect(await call(api, 'POST', '/clients', { token: readKey, body: { email: uniqueClientEmail(), accountId: await registerCloudAccount(local.db) } }))
    .toMatchObject({ status: 403, body: errorWithCode('api_key_scope_missing') });
  expect(await call(api, 'GET', '/team/members', { token: readKey })).toMatchObject({ status: 403, body: errorWithCode('api_key_not_accepted') });
  expect(await call(api, 'GET', '/api-keys', { token: readKey })).toMatchObject({ status: 403, body: errorWithCode('api_key_not_accepted') });
  expect(await call(api, 'GET', '/partner-applications', { token: readKey })).toMatchObject({ status: 401, body: errorWithCode('unauthorized') });
  expect(await call(api, 'GET', '/clients', { token: `${readKey.slice(0, -3)}xyz` })).toMatchObject({ status: 401, body: errorWithCode('api_key_invalid') });
  expect(await call(api, 'GET', '/clients', { token: 'pdk_garbage' })).toMatchObject({ status: 401, body: errorWithCode('api_key_invalid') });

  const keys = await call(api, 'GET', '/api-keys', { token: owner });
  expect(keys.body.items.find((key: { id: string }) => key.id === reader.body.id).lastUsedAt).not.toBeNull();
  expect(JSON.stringify(keys.body)).not.toContain(readKey.slice(-43));

  const revoked = await call(api, 'DELETE', `/api-keys/${reader.body.id as string}`, { token: owner });
  expect(revoked.body).toMatchObject({ status: 'revoked' });
  expect(await call(api, 'GET', '/clients', { token: readKey })).toMatchObject({ status: 401, body: errorWithCode('api_key_revoked') });

  local.stack.advanceClock(31 * DAY_MS);
  expect(await call(api, 'GET', '/clients', { token: writer.body.key as string })).toMatchObject({ status: 401, body: errorWithCode('api_key_expired') });
});

it('refuses the keys of a suspended partner, as it refuses its people (the standing step reads the key\'s partner)', async () => {
  const api = local.stack.apiUrl;
  process.env.PARTNER_STANDING_CACHE_SECONDS = '0';
  try {
    const { partner, token: owner } = await local.partnerWithToken();
    const expiresAt = new Date(local.stack.clockNow().getTime() + 30 * DAY_MS).toISOString();
    const key = (await call(api, 'POST', '/api-keys', { token: owner, body: { name: 'CRM', scopes: ['clients:read'], expiresAt } })).body.key as string;
    expect((await call(api, 'GET', '/clients', { token: key })).status).toBe(200);

    await local.db.send(new UpdateCommand({
      TableName: physicalTableName('partners'), Key: partnerKey(partner.partnerId),
      UpdateExpression: 'SET #state = :state', ExpressionAttributeNames: { '#state': 'state' }, ExpressionAttributeValues: { ':state': 'suspended' },
    }));

    expect(await call(api, 'GET', '/clients', { token: key })).toMatchObject({ status: 403, body: errorWithCode('partner_suspended') });
  } finally {
    delete process.env.PARTNER_STANDING_CACHE_SECONDS;
  }
});

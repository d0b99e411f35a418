import { randomUUID } from 'node:crypto';
import { preAuthenticationEvent, preTokenGenerationEvent } from '../../infra/local/consoleSignIn';
import { DynamoCloudAccountRegistry } from '../../shared/adapters/dynamodb/DynamoCloudAccountRegistry';
import { FixedClock } from '../../shared/domain/Clock';
import { confirmClientOperation, previewClientOperation } from '../../shared/domain/clients/runClientOperation';
import { handler as signInGate } from '../../functions/consoleSignInGate';
import { handler as tokenClaims } from '../../functions/consoleTokenClaims';
import { clientOperationTestDeps, storedClient } from '../support/clientOperationFixtures';
import { createPartner } from '../support/clientFixtures';
import { useLocalTables } from '../support/localTables';

const tables = useLocalTables();
const db = () => tables.documentClient();

/** A console user who owns `accountId` (registered for it, as sign-up or the account service would). */
async function ownerOf(accountId: string) {
  const user = { userId: `user-${randomUUID()}`, email: `${randomUUID()}@example.com` };
  await new DynamoCloudAccountRegistry(db()).register(accountId, new Date(), user.userId);
  return user;
}

async function operate(partnerId: string, operation: 'block' | 'unblock' | 'delete', clientId: string) {
  const deps = clientOperationTestDeps(db(), new FixedClock(new Date()));
  const actor = { kind: 'partner', id: 'usr_test' } as const;
  const request = { operation, clientIds: [clientId] };
  const preview = await previewClientOperation(deps, partnerId, actor, request);
  return confirmClientOperation(deps, partnerId, actor, request, preview.confirmation?.token ?? '');
}

describe('the console sign-in gate (Cognito triggers, with Cognito\'s event shapes)', () => {
  it('registers a new cloud account at a new user\'s first token and names it in the ID token; later tokens name the same one', async () => {
    const user = { userId: `user-${randomUUID()}`, email: 'new.person@example.com' };

    await expect(signInGate(preAuthenticationEvent(user))).resolves.toMatchObject({ userName: user.userId });
    const first = await tokenClaims(preTokenGenerationEvent(user));
    const accountId = first.response.claimsOverrideDetails.claimsToAddOrOverride?.['custom:accountId'] ?? '';
    const refreshed = await tokenClaims(preTokenGenerationEvent(user, true));

    expect(accountId).toMatch(/^acc-[0-9a-z]{20}$/);
    expect(refreshed.response.claimsOverrideDetails.claimsToAddOrOverride).toEqual({ 'custom:accountId': accountId });
    expect(await new DynamoCloudAccountRegistry(db()).exists(accountId)).toBe(true);
    expect(await new DynamoCloudAccountRegistry(db()).ownerOf(accountId)).toBe(user.userId);
  });

  it('refuses sign-in and token refresh while the partner blocks the account, and allows them again after unblocking', async () => {
    const partner = await createPartner(db());
    const { client } = await storedClient(db(), new FixedClock(new Date()), partner.partnerId, 'active');
    const user = await ownerOf(client.accountId ?? '');
    await expect(tokenClaims(preTokenGenerationEvent(user))).resolves.toBeDefined();

    expect(await operate(partner.partnerId, 'block', client.id)).toEqual([{ clientId: client.id, result: 'done', status: 'blocked', signIn: 'refused' }]);

    await expect(signInGate(preAuthenticationEvent(user))).rejects.toMatchObject({ code: 'login_disabled' });
    await expect(tokenClaims(preTokenGenerationEvent(user, true))).rejects.toThrow('blocked by its partner');

    expect(await operate(partner.partnerId, 'unblock', client.id)).toEqual([{ clientId: client.id, result: 'done', status: 'active', signIn: 'allowed' }]);

    await expect(signInGate(preAuthenticationEvent(user))).resolves.toBeDefined();
    const refreshed = await tokenClaims(preTokenGenerationEvent(user, true));
    expect(refreshed.response.claimsOverrideDetails.claimsToAddOrOverride).toEqual({ 'custom:accountId': client.accountId });
  });

  it('lets the owner in again once the blocking partner deletes (detaches) the client', async () => {
    const partner = await createPartner(db());
    const { client } = await storedClient(db(), new FixedClock(new Date()), partner.partnerId, 'blocked');
    const user = await ownerOf(client.accountId ?? '');
    await expect(signInGate(preAuthenticationEvent(user))).rejects.toMatchObject({ code: 'login_disabled' });

    await operate(partner.partnerId, 'delete', client.id);

    await expect(signInGate(preAuthenticationEvent(user))).resolves.toBeDefined();
  });

  it('refuses an event that names no user, instead of letting it through', async () => {
    const event = preTokenGenerationEvent({ userId: '', email: 'x@example.com' });
    event.request.userAttributes = {};

    await expect(tokenClaims(event)).rejects.toMatchObject({ code: 'unknown_user' });
  });
});

import { UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { partnerKey } from '../../shared/adapters/dynamodb/partnerKeys';
import { physicalTableName } from '../../shared/adapters/dynamodb/tables';
import { MAX_STANDING_CACHE_SECONDS } from '../../shared/http/partnerStanding';
import { routes } from '../../shared/routeTable';
import { invokeRoute } from '../support/apiGatewayEvent';
import { createPartner } from '../support/clientFixtures';
import { useLocalIssuer } from '../support/localIssuer';
import { useLocalTables } from '../support/localTables';

const tables = useLocalTables();
const issued = useLocalIssuer();

/** Moves the functions' clock (the composition root's, as `POST /__local/clock` does) past the standing cache. */
function pastStandingCache(): void {
  process.env.CLOCK_OFFSET_MS = String(Number(process.env.CLOCK_OFFSET_MS ?? 0) + (MAX_STANDING_CACHE_SECONDS + 1) * 1000);
}

afterAll(() => {
  delete process.env.CLOCK_OFFSET_MS;
});

async function setState(partnerId: string, state: string): Promise<void> {
  await tables.documentClient().send(new UpdateCommand({
    TableName: physicalTableName('partners'), Key: partnerKey(partnerId), UpdateExpression: 'SET #state = :state', ExpressionAttributeNames: { '#state': 'state' }, ExpressionAttributeValues: { ':state': state },
  }));
}

const partnerRoutes = routes.filter((route) => route.auth === 'partner');

describe('the partner-standing step', () => {
  it('refuses a suspended partner on every partner route within the cache bound, and lets it in again once resumed', async () => {
    const partner = await createPartner(tables.documentClient());
    const token = await issued().partner(partner.partnerId);
    const listClients = partnerRoutes.find((route) => route.handler === 'listClients')!;
    expect((await invokeRoute(listClients, { token })).statusCode).toBe(200);

    await setState(partner.partnerId, 'suspended');
    // Within the bound, a container may still answer from the state it read.
    expect((await invokeRoute(listClients, { token })).statusCode).toBe(200);
    pastStandingCache();
    for (const route of partnerRoutes) {
      const answer = await invokeRoute(route, { token, pathParameters: { id: 'cli_any' }, ...(route.method !== 'GET' && { body: '{}', headers: { 'content-type': 'application/json' } }) });
      expect([route.handler, answer.statusCode, JSON.parse(answer.body ?? '{}').error?.code]).toEqual([route.handler, 403, 'partner_suspended']);
    }

    await setState(partner.partnerId, 'active');
    pastStandingCache();
    expect((await invokeRoute(listClients, { token })).statusCode).toBe(200);
    await setState(partner.partnerId, 'ended');
    pastStandingCache();
    expect(JSON.parse((await invokeRoute(listClients, { token })).body ?? '{}').error.code).toBe('partner_ended');
  });

  it('never asks about managers', async () => {
    const listPartners = routes.find((route) => route.handler === 'listPartners')!;
    expect((await invokeRoute(listPartners, { token: await issued().manager() })).statusCode).toBe(200);
  });
});

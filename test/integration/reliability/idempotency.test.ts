import { randomBytes } from 'node:crypto';
import { routes } from '../../../shared/routeTable';
import { type ApiRequest, invokeRoute, jsonBody, routeOf } from '../../support/apiGatewayEvent';
import { createPartner, registerCloudAccount, uniqueClientEmail } from '../../support/clientFixtures';
import { useLocalIssuer } from '../../support/localIssuer';
import { useLocalTables } from '../../support/localTables';

/** Idempotency-Key edge cases found by the route fuzzer, through the real handlers on DynamoDB Local. */

const tables = useLocalTables();
const issued = useLocalIssuer();

const addClient = routeOf(routes, 'POST', '/clients');
const resend = routeOf(routes, 'POST', '/clients/{id}/invitation/resend');

async function partnerToken(): Promise<string> {
  return issued().partner((await createPartner(tables.documentClient())).partnerId);
}

async function newClientBody(): Promise<{ email: string; accountId: string }> {
  return { email: uniqueClientEmail(), accountId: await registerCloudAccount(tables.documentClient()) };
}

function withKey(request: ApiRequest, key: string): ApiRequest {
  return { ...request, headers: { ...request.headers, 'idempotency-key': key } };
}

describe('Idempotency-Key', () => {
  it('treats an empty key as no key, so one caller never receives the response stored for another', async () => {
    const [first, second] = [await partnerToken(), await partnerToken()];
    const added = await invokeRoute(addClient, { ...jsonBody(await newClientBody()), token: first });
    const clientId = JSON.parse(added.body ?? '{}').id as string;

    const own = await invokeRoute(resend, withKey({ token: first, pathParameters: { id: clientId } }, ''));
    const other = await invokeRoute(resend, withKey({ token: second, pathParameters: { id: 'cli_of_nobody' } }, ''));

    expect(own.statusCode).toBe(200);
    expect(other.statusCode).toBe(404);
    expect(other.body).not.toContain(clientId);
  });

  it('refuses a key reused with another body (422) and still replays the first response afterwards', async () => {
    const token = await partnerToken();
    const key = randomBytes(8).toString('hex');
    const body = await newClientBody();

    const first = await invokeRoute(addClient, withKey({ ...jsonBody(body), token }, key));
    const reused = await invokeRoute(addClient, withKey({ ...jsonBody(await newClientBody()), token }, key));
    const retry = await invokeRoute(addClient, withKey({ ...jsonBody(body), token }, key));

    expect(first.statusCode).toBe(201);
    expect(reused.statusCode).toBe(422);
    expect(JSON.parse(reused.body ?? '{}').error.code).toBe('idempotency_key_reused');
    expect(retry.statusCode).toBe(201);
    expect(retry.body).toBe(first.body);
  });

  it('refuses a key reused on another path instead of replaying the response of the first', async () => {
    const token = await partnerToken();
    const ids: string[] = [];
    for (let i = 0; i < 2; i += 1) {
      ids.push(JSON.parse((await invokeRoute(addClient, { ...jsonBody(await newClientBody()), token })).body ?? '{}').id as string);
    }
    const key = randomBytes(8).toString('hex');

    const first = await invokeRoute(resend, withKey({ token, pathParameters: { id: ids[0] ?? '' } }, key));
    const elsewhere = await invokeRoute(resend, withKey({ token, pathParameters: { id: ids[1] ?? '' } }, key));

    expect(first.statusCode).toBe(200);
    expect(elsewhere.statusCode).toBe(422);
    expect(elsewhere.body).not.toContain(ids[0]);
  });
});

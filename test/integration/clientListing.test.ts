import type { ClientListQuery } from '../../shared/ports/ClientRepository';
import { DynamoClientListing } from '../../shared/adapters/dynamodb/DynamoClientListing';
import { DynamoClientSearchBackfill } from '../../shared/adapters/dynamodb/DynamoClientSearchBackfill';
import { DynamoAuditTrail } from '../../shared/adapters/dynamodb/DynamoAuditTrail';
import { DynamoRateLimiter } from '../../shared/adapters/dynamodb/DynamoRateLimiter';
import { physicalTableName } from '../../shared/adapters/dynamodb/tables';
import { confirmClientOperation, previewClientOperation } from '../../shared/domain/clients/runClientOperation';
import { clientOperationTestDeps } from '../support/clientOperationFixtures';
import { DeleteCommand, ScanCommand } from '@aws-sdk/lib-dynamodb';
import { backfillClientSearch } from '../../shared/domain/clients/backfillClientSearch';
import { FixedClock } from '../../shared/domain/Clock';
import { acceptInvitation, declineInvitation } from '../../shared/domain/clients/answerInvitation';
import { addClient } from '../../shared/domain/clients/addClient';
import type { Client } from '../../shared/domain/clients/Client';
import { RateLimitedError, ValidationError } from '../../shared/domain/errors';
import type { Partner } from '../../shared/domain/partners/Partner';
import { clientTestDeps, createPartner, registerCloudAccount, tokenFromMail, uniqueClientEmail, ownerOf } from '../support/clientFixtures';
import { useLocalTables } from '../support/localTables';
import { useStreamConsumers } from '../support/streamConsumers';
import { mailsTo } from '../support/sesInbox';

const tables = useLocalTables();
const stream = useStreamConsumers();
const owner = (token: string) => ownerOf(tables.documentClient(), token);
const MINUTE = 60 * 1000;
const clock = new FixedClock('2026-03-01T10:00:00Z');
const deps = () => clientTestDeps(tables.documentClient(), clock);
const listing = () => new DynamoClientListing(tables.documentClient());

let partner: Partner;
let other: Partner;
/** Seven clients of `partner`, one minute apart: names Client 0..6, statuses active, declined, invited... */
const added: Array<{ client: Client; email: string }> = [];

beforeAll(async () => {
  partner = await createPartner(tables.documentClient());
  other = await createPartner(tables.documentClient());
  for (let i = 0; i < 7; i += 1) {
    clock.advance(MINUTE);
    const email = uniqueClientEmail();
    const accountId = await registerCloudAccount(tables.documentClient());
    const { client } = await addClient(deps(), partner.partnerId, { kind: 'partner', id: 'usr_1' }, {
      email, accountId, name: i === 3 ? 'Zhanna Ёлкина-Orlova' : i === 5 ? 'José Álvarez' : `Client ${i}`,
    });
    const token = tokenFromMail((await mailsTo(email)).at(-1)!);
    clock.advance(1000);
    if (i % 3 === 0) await acceptInvitation(deps(), token, await owner(token));
    if (i % 3 === 1) await declineInvitation(deps(), token, await owner(token));
    added.push({ client, email });
  }
  await addClient(deps(), other.partnerId, { kind: 'partner', id: 'usr_2' }, {
    email: uniqueClientEmail(), accountId: await registerCloudAccount(tables.documentClient()), name: 'Client of another partner',
  });
  await stream.drain();
});

async function allPages(query: { statuses?: ClientListQuery['statuses']; search?: string; limit: number }): Promise<string[]> {
  const ids: string[] = [];
  let cursor: string | undefined;
  do {
    const page = await listing().list(partner.partnerId, { ...query, cursor });
    expect(page.items.length).toBeLessThanOrEqual(query.limit);
    ids.push(...page.items.map((client) => client.id));
    cursor = page.nextCursor;
  } while (cursor);
  return ids;
}

describe('DynamoClientRepository.list', () => {
  it('pages through all of the partner\'s clients, newest first, each exactly once', async () => {
    const expected = added.map(({ client }) => client.id).reverse();
    expect(await allPages({ limit: 2 })).toEqual(expected);
    expect(await allPages({ limit: 7 })).toEqual(expected);
    const single = await listing().list(partner.partnerId, { limit: 7 });
    expect(single.nextCursor).toBeUndefined();
  });

  it('filters by status', async () => {
    const active = added.filter((_, i) => i % 3 === 0).map(({ client }) => client.id).reverse();
    const declined = added.filter((_, i) => i % 3 === 1).map(({ client }) => client.id).reverse();
    expect(await allPages({ statuses: ['active'], limit: 2 })).toEqual(active);
    expect(await allPages({ statuses: ['declined'], limit: 1 })).toEqual(declined);
  });

  it('filters by several statuses at once: one query per status merged newest first, every page exact, each client once', async () => {
    const activeOrInvited = added.filter((_, i) => i % 3 !== 1).map(({ client }) => client.id).reverse();
    for (const limit of [1, 2, 3, 5, 20]) {
      expect(await allPages({ statuses: ['active', 'invited'], limit })).toEqual(activeOrInvited);
    }
    expect(await allPages({ statuses: ['active', 'invited', 'declined', 'blocked'], limit: 3 })).toEqual(added.map(({ client }) => client.id).reverse());
    expect(await allPages({ statuses: ['blocked', 'expired'], limit: 3 })).toEqual([]);
    const first = await listing().list(partner.partnerId, { statuses: ['active', 'invited'], limit: 2 });
    expect(first.items).toHaveLength(2);
    // A cursor is bound to its set of statuses (in any order) and its partner.
    await expect(listing().list(partner.partnerId, { statuses: ['invited', 'active'], limit: 2, cursor: first.nextCursor })).resolves.toBeDefined();
    await expect(listing().list(partner.partnerId, { statuses: ['active', 'declined'], limit: 2, cursor: first.nextCursor })).rejects.toBeInstanceOf(ValidationError);
    await expect(listing().list(other.partnerId, { statuses: ['active', 'invited'], limit: 2, cursor: first.nextCursor })).rejects.toBeInstanceOf(ValidationError);
  });

  it('searches by the start of the e-mail, of any word of the name or of the account id, case- and accent-insensitively', async () => {
    const target = added[5]!;
    expect(await allPages({ search: target.email.slice(0, 12).toUpperCase(), limit: 5 })).toEqual([target.client.id]);
    expect(await allPages({ search: target.email, limit: 5 })).toEqual([target.client.id]);
    expect(await allPages({ search: 'alvar', limit: 5 })).toEqual([target.client.id]);
    expect(await allPages({ search: 'JOSE alv', limit: 5 })).toEqual([target.client.id]);
    expect(await allPages({ search: 'zhanna', limit: 5 })).toEqual([added[3]!.client.id]);
    expect(await allPages({ search: 'елкина-orl', limit: 5 })).toEqual([added[3]!.client.id]);
    expect(await allPages({ search: target.client.accountId!.slice(0, 10), limit: 5 })).toEqual([target.client.id]);
    // Every test e-mail starts with `client-`: all seven, newest first, paged.
    expect(await allPages({ search: 'client', limit: 2 })).toEqual(added.map(({ client }) => client.id).reverse());
    expect(await allPages({ search: 'example.com', limit: 5 })).toEqual([]);
    expect(await allPages({ search: 'another', limit: 5 })).toEqual([]);
  });

  it('combines a search with the status filter', async () => {
    const active = added.filter((_, i) => i % 3 === 0).map(({ client }) => client.id).reverse();
    expect(await allPages({ search: 'client', statuses: ['active'], limit: 3 })).toEqual(active);
    expect(await allPages({ search: 'zhanna', statuses: ['active'], limit: 3 })).toEqual([added[3]!.client.id]);
    expect(await allPages({ search: 'zhanna', statuses: ['invited'], limit: 3 })).toEqual([]);
  });

  it('refuses a cursor from another partner\'s listing or from another filter', async () => {
    const foreign = await listing().list(other.partnerId, { limit: 1 });
    const otherPage = await listing().list(partner.partnerId, { limit: 1 });
    const ownActive = await listing().list(partner.partnerId, { statuses: ['active'], limit: 1 });
    expect(otherPage.nextCursor).toBeDefined();
    expect(ownActive.nextCursor).toBeDefined();

    const forged = Buffer.from(JSON.stringify({ pk: `PARTNER#${other.partnerId}`, sk: 'CLIENT#x', listKey: 'x', clientsOf: other.partnerId })).toString('base64url');
    await expect(listing().list(partner.partnerId, { limit: 1, cursor: forged })).rejects.toBeInstanceOf(ValidationError);
    await expect(listing().list(partner.partnerId, { statuses: ['declined'], limit: 1, cursor: ownActive.nextCursor })).rejects.toBeInstanceOf(ValidationError);
    const searched = await listing().list(partner.partnerId, { search: 'client', limit: 1 });
    expect(searched.nextCursor).toBeDefined();
    await expect(listing().list(partner.partnerId, { search: 'zhanna', limit: 1, cursor: searched.nextCursor })).rejects.toBeInstanceOf(ValidationError);
    await expect(listing().list(other.partnerId, { search: 'client', limit: 1, cursor: searched.nextCursor })).rejects.toBeInstanceOf(ValidationError);
    expect(foreign.items.every((client) => client.partnerId === other.partnerId)).toBe(true);
  });
});

describe('the search index', () => {
  const searchEntries = async (partnerId: string) => (await tables.documentClient().send(new ScanCommand({
    TableName: physicalTableName('clients'), FilterExpression: 'begins_with(pk, :search)', ExpressionAttributeValues: { ':search': `SEARCH#${partnerId}#` },
  }))).Items ?? [];
  const byKey = (a: Record<string, unknown>, b: Record<string, unknown>) => `${String(a.pk)}${String(a.sk)}`.localeCompare(`${String(b.pk)}${String(b.sk)}`);
  const found = async (partnerId: string, search: string) => {
    await stream.drain();
    return (await listing().list(partnerId, { search, limit: 10 })).items.map((client) => client.id);
  };

  it('follows every change through the clients\' change stream: a new name on re-invitation, the account bound on acceptance, gone on delete', async () => {
    const own = await createPartner(tables.documentClient());
    const email = uniqueClientEmail();
    const { client } = await addClient(deps(), own.partnerId, { kind: 'partner', id: 'usr_1' }, { email, name: 'Pavel Kuznetsov' });
    expect(await found(own.partnerId, 'kuzne')).toEqual([client.id]);

    const accountId = await registerCloudAccount(tables.documentClient());
    const token = tokenFromMail((await mailsTo(email)).at(-1)!);
    expect(await found(own.partnerId, accountId)).toEqual([]);
    await acceptInvitation(deps(), token, { accountId, verifiedEmail: email });
    expect(await found(own.partnerId, accountId)).toEqual([client.id]);

    const operations = clientOperationTestDeps(tables.documentClient(), clock);
    const actor = { kind: 'partner', id: 'usr_1' } as const;
    const request = { operation: 'delete' as const, clientIds: [client.id] };
    const preview = await previewClientOperation(operations, own.partnerId, actor, request);
    await confirmClientOperation(operations, own.partnerId, actor, request, preview.confirmation!.token);
    expect(await found(own.partnerId, 'kuzne')).toEqual([]);
    expect(await searchEntries(own.partnerId)).toEqual([]);

    await addClient(deps(), own.partnerId, actor, { email: uniqueClientEmail(), name: 'Pavel Smirnov', accountId });
    expect(await found(own.partnerId, 'smirn')).toEqual([client.id]);
    expect(await found(own.partnerId, 'kuzne')).toEqual([]);
  });

  it('backfills the entries of clients stored before the index, resumably and idempotently', async () => {
    const own = await createPartner(tables.documentClient());
    for (const name of ['Olga Fedorova', 'Oleg Fedotov']) {
      await addClient(deps(), own.partnerId, { kind: 'partner', id: 'usr_1' }, { email: uniqueClientEmail(), name });
    }
    await stream.drain();
    const entries = await searchEntries(own.partnerId);
    // As stored before the index existed: no entries.
    for (const entry of entries) await tables.documentClient().send(new DeleteCommand({ TableName: physicalTableName('clients'), Key: { pk: entry.pk, sk: entry.sk } }));
    expect(await found(own.partnerId, 'fedo')).toEqual([]);

    const repository = new DynamoClientSearchBackfill(tables.documentClient());
    const first = await backfillClientSearch(repository, { timeLeftMs: () => 0, reserveMs: 1 });
    let cursor = first.cursor;
    while (cursor) cursor = (await backfillClientSearch(repository, { cursor, timeLeftMs: () => 0, reserveMs: 1 })).cursor;

    expect((await found(own.partnerId, 'fedo')).sort()).toHaveLength(2);
    const again = await backfillClientSearch(repository, { timeLeftMs: () => Number.POSITIVE_INFINITY, reserveMs: 0 });
    expect(again.done).toBe(true);
    expect((await searchEntries(own.partnerId)).sort(byKey)).toEqual(entries.sort(byKey));
  });

  it('answers a search that matches nothing from one empty partition', async () => {
    expect(await listing().list(partner.partnerId, { search: 'qqqqqqqqqqqq', limit: 20 })).toEqual({ items: [] });
  });
});

describe('DynamoAuditTrail.list', () => {
  const trail = () => new DynamoAuditTrail(tables.documentClient());

  it('lists the partner\'s own entries newest first, in pages, each written with its change', async () => {
    const entries = [];
    let cursor: string | undefined;
    do {
      const page = await trail().list(partner.partnerId, { limit: 3, cursor });
      entries.push(...page.items);
      cursor = page.nextCursor;
    } while (cursor);

    // 7 invitations, 3 accepts, 2 declines.
    expect(entries.map((entry) => entry.action).sort()).toEqual([...Array(7).fill('invite'), ...Array(3).fill('accept'), ...Array(2).fill('decline')].sort());
    expect(entries.map((entry) => entry.at.getTime())).toEqual([...entries.map((entry) => entry.at.getTime())].sort((a, b) => b - a));
    expect(entries.every((entry) => entry.partnerId === partner.partnerId)).toBe(true);
  });

  it('filters by client and by period [from, to)', async () => {
    const accepted = added[0]!.client;
    const byClient = await trail().list(partner.partnerId, { clientId: accepted.id, limit: 10 });
    expect(byClient.items.map((entry) => [entry.action, entry.before, entry.after])).toEqual([
      ['accept', 'invited', 'active'],
      ['invite', null, 'invited'],
    ]);

    const from = added[2]!.client.createdAt;
    const to = added[4]!.client.createdAt;
    const inPeriod = await trail().list(partner.partnerId, { from, to, limit: 100 });
    expect(inPeriod.items.every((entry) => entry.at >= from && entry.at < to)).toBe(true);
    expect(inPeriod.items.map((entry) => entry.clientId).sort()).toEqual(
      [added[2]!.client.id, added[3]!.client.id, added[3]!.client.id].sort(),
    );
    expect((await trail().list(partner.partnerId, { clientId: added[0]!.client.id, limit: 10 })).items).not.toHaveLength(0);
    expect((await trail().list(other.partnerId, { clientId: added[0]!.client.id, limit: 10 })).items).toEqual([]);
  });
});

describe('DynamoRateLimiter', () => {
  /**
   * A minute of the next hour: counters carry a TTL from their window, and DynamoDB Local really
   * deletes items whose TTL has passed, so windows in the past could lose their counts mid-test.
   */
  const nextHour = Math.ceil(Date.now() / 3_600_000) * 3_600_000 + 3_600_000;
  const minuteAt = (seconds: number) => new Date(nextHour + seconds * 1000);

  it('counts hits per key and window, refuses the one over the limit with the seconds left, and starts again next window', async () => {
    const limiter = new DynamoRateLimiter(tables.documentClient());
    const rule = { limit: 3, windowMs: MINUTE };
    const at = minuteAt(15);
    await Promise.all([limiter.take('k1', rule, at), limiter.take('k1', rule, at), limiter.take('k1', rule, at)]);

    await expect(limiter.take('k1', rule, at)).rejects.toMatchObject({ constructor: RateLimitedError, retryAfterSeconds: 45 });
    await expect(limiter.take('k2', rule, at)).resolves.toBeUndefined();
    await expect(limiter.take('k1', rule, minuteAt(60))).resolves.toBeUndefined();
  });

  it('lets exactly `limit` of many concurrent hits through', async () => {
    const limiter = new DynamoRateLimiter(tables.documentClient());
    const results = await Promise.allSettled(Array.from({ length: 20 }, () => limiter.take('burst', { limit: 5, windowMs: MINUTE }, minuteAt(0))));
    expect(results.filter((result) => result.status === 'fulfilled')).toHaveLength(5);
  });
});

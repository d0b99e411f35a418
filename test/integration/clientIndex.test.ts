import { DeleteCommand, QueryCommand } from '@aws-sdk/lib-dynamodb';
import { startStreamPollers } from '../../infra/local/streamPoller';
import { DynamoClientCounts } from '../../shared/adapters/dynamodb/DynamoClientCounts';
import { DynamoClientIndex } from '../../shared/adapters/dynamodb/DynamoClientIndex';
import { DynamoClientListing } from '../../shared/adapters/dynamodb/DynamoClientListing';
import { DynamoClientRepository } from '../../shared/adapters/dynamodb/DynamoClientRepository';
import { DynamoClientSearchBackfill } from '../../shared/adapters/dynamodb/DynamoClientSearchBackfill';
import { physicalTableName } from '../../shared/adapters/dynamodb/tables';
import { backfillClientSearch } from '../../shared/domain/clients/backfillClientSearch';
import { clientOperationChange } from '../../shared/domain/clients/decideClientOperation';
import { editClient } from '../../shared/domain/clients/editClient';
import { indexClientChanges } from '../../shared/domain/clients/indexClients';
import { inviteNewClient, reinviteClient } from '../../shared/domain/clients/invitationChanges';
import { FixedClock } from '../../shared/domain/Clock';
import { randomIds } from '../../shared/domain/IdGenerator';
import { streams } from '../../shared/routeTable';
import { createPartner, uniqueClientEmail } from '../support/clientFixtures';
import { storedClient } from '../support/clientOperationFixtures';
import { useLocalTables } from '../support/localTables';
import { useStreamConsumers } from '../support/streamConsumers';

const tables = useLocalTables();
const stream = useStreamConsumers();
const clock = new FixedClock('2026-03-01T10:00:00Z');
const actor = { kind: 'partner', id: 'usr_1' } as const;
const context = () => ({ at: clock.now(), actor, auditId: randomIds.next('aud') });

/** Everything derived from a partner's clients: its search entries, its counted records and its counts, in key order. */
async function derivedItems(partnerId: string): Promise<Array<Record<string, unknown>>> {
  const query = async (pk: string) => (await tables.documentClient().send(new QueryCommand({
    TableName: physicalTableName('clients'), KeyConditionExpression: 'pk = :pk', ExpressionAttributeValues: { ':pk': pk },
  }))).Items ?? [];
  const own = (await query(`PARTNER#${partnerId}`)).filter((item) => !String(item.sk).startsWith('CLIENT#') && !String(item.sk).startsWith('ACCOUNT#'));
  const prefixes = ['an', 'ann', 'anna', 'ol', 'olg', 'olga', 'pe', 'pet', 'petr', 'petro', 'petrov', 'iv', 'iva', 'ivan'];
  const entries = (await Promise.all(prefixes.map((prefix) => query(`SEARCH#${partnerId}#${prefix}`)))).flat();
  return [...own, ...entries].sort((a, b) => `${String(a.pk)}|${String(a.sk)}`.localeCompare(`${String(b.pk)}|${String(b.sk)}`));
}

const counts = async (partnerId: string) => (await new DynamoClientCounts(tables.documentClient()).countsOf([partnerId])).get(partnerId);

describe('indexClients, the consumer of the clients\' change stream', () => {
  it('keeps each partner\'s counts per status as clients are added, accept, are blocked and deleted', async () => {
    const partner = await createPartner(tables.documentClient());
    const repository = new DynamoClientRepository(tables.documentClient());
    await storedClient(tables.documentClient(), clock, partner.partnerId, 'invited');
    await storedClient(tables.documentClient(), clock, partner.partnerId, 'active');
    const blocked = await storedClient(tables.documentClient(), clock, partner.partnerId, 'blocked');
    await stream.drain();
    expect(await counts(partner.partnerId)).toMatchObject({ invited: 1, active: 1, blocked: 1, detached: 0 });

    await repository.save(clientOperationChange('delete', blocked.client, undefined, context()));
    await stream.drain();
    expect(await counts(partner.partnerId)).toMatchObject({ invited: 1, active: 1, blocked: 0, detached: 1 });
    expect(await counts('ptn_without_clients')).toMatchObject({ invited: 0, active: 0 });
  });

  it('removes every entry a client no longer has: renamed on re-invitation, and all of them once deleted', async () => {
    const partner = await createPartner(tables.documentClient());
    const repository = new DynamoClientRepository(tables.documentClient());
    const issued = () => ({ id: randomIds.next('inv'), tokenHash: randomIds.next('hash'), partnerName: 'Volkova IT' });
    const added = inviteNewClient(partner.partnerId, randomIds.next('cli'), { email: uniqueClientEmail(), name: 'Anna Petrova' }, issued(), context());
    await repository.save(added);
    await stream.drain();
    expect((await derivedItems(partner.partnerId)).some((item) => String(item.pk).endsWith('#anna'))).toBe(true);

    const deleted = clientOperationChange('delete', added.after, added.invitation?.after, context());
    await repository.save(deleted);
    const renamed = reinviteClient(deleted.after, { email: deleted.after.email, name: 'Olga Ivanova' }, issued(), context());
    await repository.save(renamed);
    await stream.drain();
    const after = await derivedItems(partner.partnerId);
    expect(after.filter((item) => /#(anna|petrov)$/.test(String(item.pk)))).toEqual([]);
    expect(after.some((item) => String(item.pk).endsWith('#olga'))).toBe(true);

    await repository.save(clientOperationChange('delete', renamed.after, renamed.invitation?.after, context()));
    await stream.drain();
    expect((await derivedItems(partner.partnerId)).filter((item) => String(item.pk).startsWith('SEARCH#'))).toEqual([]);
  });

  it('follows an edit of the name: the old prefixes go, the new ones come, and search finds the client by its new name only', async () => {
    const partner = await createPartner(tables.documentClient());
    const repository = new DynamoClientRepository(tables.documentClient());
    const issued = { id: randomIds.next('inv'), tokenHash: randomIds.next('hash'), partnerName: 'Volkova IT' };
    const added = inviteNewClient(partner.partnerId, randomIds.next('cli'), { email: uniqueClientEmail(), name: 'Anna Petrova' }, issued, context());
    await repository.save(added);
    await stream.drain();

    const edited = await editClient({ clients: repository, clock, ids: randomIds }, partner.partnerId, added.after.id, actor, { name: 'Olga Ivanova' });
    await stream.drain();

    const pks = (await derivedItems(partner.partnerId)).map((item) => String(item.pk)).filter((pk) => pk.startsWith('SEARCH#'));
    expect(pks.filter((pk) => /#(an|ann|anna|pe|pet|petr|petro|petrov)$/.test(pk))).toEqual([]);
    expect(pks.filter((pk) => /#(ol|olg|olga|iv|iva|ivan)$/.test(pk)).length).toBe(6);
    const listing = new DynamoClientListing(tables.documentClient());
    const found = async (search: string) => (await listing.list(partner.partnerId, { search, limit: 20 })).items.map((client) => client.id);
    expect(await found('ivan')).toEqual([edited.id]);
    expect(await found('petrov')).toEqual([]);
    expect(await counts(partner.partnerId)).toMatchObject({ invited: 1 });
  });

  it('changes nothing when a shard is replayed from its start, or an older change arrives after a newer one', async () => {
    const partner = await createPartner(tables.documentClient());
    const repository = new DynamoClientRepository(tables.documentClient());
    const { client } = await storedClient(tables.documentClient(), clock, partner.partnerId, 'active');
    const blocked = clientOperationChange('block', client, undefined, context());
    await repository.save(blocked);
    await stream.drain();
    const settled = await derivedItems(partner.partnerId);
    const settledCounts = await counts(partner.partnerId);

    const replay = startStreamPollers(streams, { endpoint: process.env.DYNAMODB_ENDPOINT ?? '' });
    await replay.drain();
    await replay.stop();
    await indexClientChanges(new DynamoClientIndex(tables.documentClient()), [{ partnerId: partner.partnerId, clientId: client.id, after: client }]);

    expect(await derivedItems(partner.partnerId)).toEqual(settled);
    expect(await counts(partner.partnerId)).toEqual(settledCounts);
    expect(settledCounts).toMatchObject({ active: 0, blocked: 1 });
  });

  it('backfills entries and counts of clients stored before the stream, idempotently and alongside the stream', async () => {
    const partner = await createPartner(tables.documentClient());
    await storedClient(tables.documentClient(), clock, partner.partnerId, 'active');
    await storedClient(tables.documentClient(), clock, partner.partnerId, 'invited');
    await stream.drain();
    const settled = await derivedItems(partner.partnerId);
    // As stored before the stream existed: nothing derived.
    for (const item of settled) {
      await tables.documentClient().send(new DeleteCommand({ TableName: physicalTableName('clients'), Key: { pk: item.pk, sk: item.sk } }));
    }
    expect(await counts(partner.partnerId)).toMatchObject({ active: 0, invited: 0 });

    const backfill = new DynamoClientSearchBackfill(tables.documentClient());
    await backfillClientSearch(backfill, { timeLeftMs: () => Number.POSITIVE_INFINITY, reserveMs: 0 });
    await backfillClientSearch(backfill, { timeLeftMs: () => Number.POSITIVE_INFINITY, reserveMs: 0 });
    await stream.drain();
    expect(await counts(partner.partnerId)).toMatchObject({ active: 1, invited: 1 });
    expect((await derivedItems(partner.partnerId)).map(({ pk, sk }) => `${String(pk)}|${String(sk)}`))
      .toEqual(settled.map(({ pk, sk }) => `${String(pk)}|${String(sk)}`));
  });
});

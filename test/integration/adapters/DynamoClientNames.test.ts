import { DynamoClientNames } from '../../../shared/adapters/dynamodb/DynamoClientNames';
import { FixedClock } from '../../../shared/domain/Clock';
import { addClient } from '../../../shared/domain/clients/addClient';
import { clientTestDeps, createPartner, uniqueClientEmail } from '../../support/clientFixtures';
import { useLocalTables } from '../../support/localTables';

const tables = useLocalTables();

describe('DynamoClientNames', () => {
  it('names a partner\'s own clients by id in one batch, and finds nothing for another partner\'s or an unknown id', async () => {
    const db = tables.documentClient();
    const deps = clientTestDeps(db, new FixedClock(new Date('2026-12-06T10:00:00Z')));
    const own = await createPartner(db);
    const other = await createPartner(db);
    const actor = { kind: 'partner', id: 'usr_1' } as const;
    const named = await addClient(deps, own.partnerId, actor, { email: uniqueClientEmail(), name: 'Pavel Kuznetsov' });
    const unnamed = await addClient(deps, own.partnerId, actor, { email: uniqueClientEmail() });
    const foreign = await addClient(deps, other.partnerId, actor, { email: uniqueClientEmail(), name: 'Not Yours' });

    const names = await new DynamoClientNames(db).namesOf(own.partnerId, [named.client.id, unnamed.client.id, foreign.client.id, 'cli_unknown']);

    expect(names).toEqual(new Map([
      [named.client.id, { name: 'Pavel Kuznetsov', email: named.client.email }],
      [unnamed.client.id, { email: unnamed.client.email }],
    ]));
  });
});

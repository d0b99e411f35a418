import { DynamoClientAttention } from '../../shared/adapters/dynamodb/DynamoClientAttention';
import { DynamoClientRepository } from '../../shared/adapters/dynamodb/DynamoClientRepository';
import { DynamoLedger } from '../../shared/adapters/dynamodb/DynamoLedger';
import { recordBillingEvents } from '../../shared/domain/balances/recordBillingEvents';
import { clientsNeedingAttention, EXPIRING_WITHIN_MS } from '../../shared/domain/clients/clientAttention';
import { clientOperationChange } from '../../shared/domain/clients/decideClientOperation';
import { FixedClock } from '../../shared/domain/Clock';
import { randomIds } from '../../shared/domain/IdGenerator';
import { money } from '../../shared/domain/Money';
import { createPartner } from '../support/clientFixtures';
import { storedClient } from '../support/clientOperationFixtures';
import { countRequests } from '../support/dynamoProbe';
import { useLocalTables } from '../support/localTables';

const tables = useLocalTables();
const DAY = 24 * 60 * 60 * 1000;

describe('clients needing attention on DynamoDB (sparse attention index + the ledger\'s balances below zero)', () => {
  it('finds failed mails, invitations within 48 hours of expiry and negative balances of current clients only, in 3 requests', async () => {
    const clock = new FixedClock('2026-03-20T12:00:00Z');
    const documentClient = tables.documentClient();
    const repository = new DynamoClientRepository(documentClient);
    const partner = await createPartner(documentClient);
    const waiting = (await storedClient(documentClient, clock, partner.partnerId, 'invited')).client;
    const undelivered = await repository.recordMailDelivery((await storedClient(documentClient, clock, partner.partnerId, 'invited')).client, 'failed');
    const owing = (await storedClient(documentClient, clock, partner.partnerId, 'active')).client;
    const paying = (await storedClient(documentClient, clock, partner.partnerId, 'active')).client;
    const deleted = (await storedClient(documentClient, clock, partner.partnerId, 'blocked')).client;
    const deps = { ledger: new DynamoLedger(documentClient), clients: repository, clock };
    const event = (accountId: string, type: 'debit' | 'deposit', amount: number) => ({
      transactionId: randomIds.next('txn'), accountId, type, amount: money(amount, 'RUB'), occurredAt: clock.now(),
      ...(type === 'debit' && { service: 'compute', resource: 'vm-1' }),
    });
    // Each account posted as served by its client (as the billing route finds them), since before the events.
    const served = new Map([owing, paying, deleted].map((each) => [each.accountId!, { accountId: each.accountId!, partnerId: partner.partnerId, clientId: each.id, since: new Date(0) }]));
    await recordBillingEvents(deps, [event(owing.accountId!, 'debit', 500_00), event(paying.accountId!, 'deposit', 900_00), event(deleted.accountId!, 'debit', 10_00)], served);
    await repository.save(clientOperationChange('delete', deleted, undefined, { at: clock.now(), actor: { kind: 'partner', id: 'usr_1' }, auditId: randomIds.next('aud') }));
    const attention = new DynamoClientAttention(documentClient);

    const count = countRequests(documentClient);
    const now = await clientsNeedingAttention({ attention, clock }, partner.partnerId);
    expect(count.byCommand()).toEqual({ QueryCommand: 2, BatchGetItemCommand: 1 });
    count.stop();
    expect(now.items.map((each) => [each.client.id, each.reasons, each.balance])).toEqual([
      [undelivered.id, ['mail_failed'], null],
      [owing.id, ['negative_balance'], money(-500_00, 'RUB')],
    ]);

    // Within 48 hours of the invitations' 7-day expiry both need attention; the one with two reasons comes first.
    const later = new FixedClock(new Date(waiting.invitation.expiresAt.getTime() - EXPIRING_WITHIN_MS + DAY / 2).toISOString());
    const soon = await clientsNeedingAttention({ attention, clock: later }, partner.partnerId);
    expect(soon.items.map((each) => [each.client.id, each.reasons])).toEqual([
      [undelivered.id, ['invitation_expiring', 'mail_failed']],
      [waiting.id, ['invitation_expiring']],
      [owing.id, ['negative_balance']],
    ]);
    expect(soon.truncated).toBe(false);
    expect((await clientsNeedingAttention({ attention, clock }, (await createPartner(documentClient)).partnerId)).items).toEqual([]);
  });
});

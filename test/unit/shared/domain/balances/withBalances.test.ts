import { FixedClock } from '../../../../../shared/domain/Clock';
import { recordBillingEvents } from '../../../../../shared/domain/balances/recordBillingEvents';
import { withBalances } from '../../../../../shared/domain/balances/withBalances';
import { CLIENT_STATUSES } from '../../../../../shared/domain/clients/Client';
import { money } from '../../../../../shared/domain/Money';
import { InMemoryLedger, inMemoryBalanceDeps } from '../../../../support/balances';

const clock = new FixedClock('2026-03-10T12:00:00Z');
const account = (n: number): string => `acc-${String(n).padStart(20, '0')}`;

/** A ledger that counts its batched reads and the account ids each one asked for. */
class CountingLedger extends InMemoryLedger {
  public readonly calls: string[][] = [];

  public override async balances(accountIds: readonly string[]) {
    this.calls.push([...accountIds]);
    return super.balances(accountIds);
  }
}

describe('withBalances', () => {
  it('puts the current balance beside active and blocked clients, zero without events, null beside the others', async () => {
    const d = inMemoryBalanceDeps([], clock);
    await recordBillingEvents(d, [
      { transactionId: 'dep-1', accountId: account(1), type: 'deposit', amount: money(5_000_00, 'RUB'), occurredAt: new Date('2026-03-01T10:00:00Z') },
      { transactionId: 'deb-1', accountId: account(1), type: 'debit', amount: money(1_234_56, 'RUB'), occurredAt: new Date('2026-03-02T10:00:00Z'), service: 'compute' },
      { transactionId: 'dep-2', accountId: account(2), type: 'deposit', amount: money(100, 'USD'), occurredAt: new Date('2026-03-01T10:00:00Z') },
      { transactionId: 'dep-3', accountId: account(3), type: 'deposit', amount: money(7_00, 'RUB'), occurredAt: new Date('2026-03-01T10:00:00Z') },
    ]);
    const clients = [
      { id: 'cli_1', accountId: account(1), status: 'active' },
      { id: 'cli_2', accountId: account(2), status: 'blocked' },
      { id: 'cli_3', accountId: account(3), status: 'invited' },
      { id: 'cli_4', accountId: account(4), status: 'active' },
    ] as const;

    const listed = await withBalances(d.ledger, clients);

    expect(listed.map(({ client, balance }) => [client.id, balance])).toEqual([
      ['cli_1', money(3_765_44, 'RUB')],
      ['cli_2', money(100, 'USD')],
      ['cli_3', null],
      ['cli_4', money(0, 'RUB')],
    ]);
  });

  it('reads the whole page in one batched call, only for the clients whose balance is shown, and not at all when there are none', async () => {
    const ledger = new CountingLedger();
    const page = CLIENT_STATUSES.map((status, n) => ({ accountId: account(n), status }));

    await withBalances(ledger, page);
    await withBalances(ledger, page.filter(({ status }) => status !== 'active' && status !== 'blocked'));

    expect(ledger.calls).toEqual([[account(CLIENT_STATUSES.indexOf('active')), account(CLIENT_STATUSES.indexOf('blocked'))]]);
  });
});

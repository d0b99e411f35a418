import { type Money, zero } from '../Money';
import type { LedgerQueries } from '../../ports/BalanceLedger';
import type { ClientStatus } from '../clients/Client';
import { DEFAULT_CURRENCY } from './BalanceDeps';
import { balanceShown } from './visibleClientAccount';

/** A listed client and its current balance: `null` where the partner does not see it (not active or blocked). */
export interface WithBalance<C> {
  readonly client: C;
  readonly balance: Money | null;
}

/**
 * The current balance beside each client of a page, for the clients list: one batched read for
 * the whole page (none when no client on it is active or blocked). A served account without any
 * billing event yet shows zero, as `GET /clients/{id}/balance` does.
 */
export async function withBalances<C extends { readonly accountId?: string; readonly status: ClientStatus }>(
  ledger: Pick<LedgerQueries, 'balances'>,
  clients: readonly C[],
): Promise<Array<WithBalance<C>>> {
  const servedAccount = (client: C): string | undefined => (balanceShown(client.status) ? client.accountId : undefined);
  const served = clients.flatMap((client) => servedAccount(client) ?? []);
  const balances = served.length > 0 ? await ledger.balances(served) : new Map();
  return clients.map((client) => {
    const accountId = servedAccount(client);
    return { client, balance: accountId ? (balances.get(accountId)?.balance ?? zero(DEFAULT_CURRENCY)) : null };
  });
}

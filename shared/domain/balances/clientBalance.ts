import { type Money, zero } from '../Money';
import { type BalanceDeps, DEFAULT_CURRENCY } from './BalanceDeps';
import { visibleClientAccount } from './visibleClientAccount';

/** A client's current balance. */
export interface ClientBalance {
  readonly clientId: string;
  readonly balance: Money;
  /** When the balance last changed; now, for an account that never had an event. */
  readonly asOf: Date;
}

/** The current balance of a partner's (active or blocked) client; not found for anyone else's. One read. */
export async function clientBalance(deps: BalanceDeps, partnerId: string, clientId: string): Promise<ClientBalance> {
  const client = await visibleClientAccount(deps.clients, partnerId, clientId);
  const current = await deps.ledger.balance(client.accountId);
  return { clientId, balance: current?.balance ?? zero(DEFAULT_CURRENCY), asOf: current?.asOf ?? deps.clock.now() };
}

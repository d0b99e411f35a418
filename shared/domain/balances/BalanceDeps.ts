import type { Clock } from '../Clock';
import type { LedgerQueries } from '../../ports/BalanceLedger';
import type { ClientLookup } from '../../ports/ClientLookup';

/** What the balance read use cases need. */
export interface BalanceDeps {
  /** Resolves a partner's client to its cloud account (the only way in: scoped by partner). */
  readonly clients: ClientLookup;
  readonly ledger: LedgerQueries;
  readonly clock: Clock;
}

/** Currency shown for an account that has had no billing event yet (its first event sets the real one). */
export const DEFAULT_CURRENCY = 'RUB';

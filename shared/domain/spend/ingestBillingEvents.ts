import type { AccountOwners } from '../../ports/SpendStore';
import type { BillingEvent, RecordResult } from '../balances/BillingEvent';
import { type RecordDeps, recordBillingEvents, servedWhen } from '../balances/recordBillingEvents';
import { moscowDay } from '../moscowTime';
import { evaluateSpend, type SpendEvaluationDeps, touchedAccounts } from './evaluateSpend';

/** What `POST /billing-events` needs: the ledger, who serves which account, and alert evaluation. */
export interface IngestDeps extends RecordDeps {
  readonly owners: AccountOwners;
  readonly spend: SpendEvaluationDeps;
}

/**
 * Billing ingestion with spend control.
 *
 * 1. Read who serves the events' accounts (one batched read per 100 accounts).
 * 2. Record the events (`recordBillingEvents`): the debits of a served account also add, in the
 *    same transaction as the event's once-only marker, to the client's month spend and the
 *    partner's daily spend.
 * 3. Evaluate the alerts of the served clients whose events were recorded now or before
 *    (`duplicate`): see `evaluateSpend` for why both.
 */
export async function ingestBillingEvents(deps: IngestDeps, events: readonly BillingEvent[]): Promise<RecordResult[]> {
  const served = await deps.owners.servedAccounts([...new Set(events.map((event) => event.accountId))]);
  const results = await recordBillingEvents(deps, events, served);
  const touched = events.flatMap((event, index) => {
    const servedBy = servedWhen(served.get(event.accountId), event);
    const status = results[index]!.status;
    if (!servedBy || status === 'rejected') return [];
    return [{ served: servedBy, day: moscowDay(event.occurredAt), debit: event.type === 'debit' }];
  });
  await evaluateSpend(deps.spend, touchedAccounts(touched));
  return results;
}

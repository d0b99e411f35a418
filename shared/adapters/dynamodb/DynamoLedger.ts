import { TransactionCanceledException, TransactionInProgressException } from '@aws-sdk/client-dynamodb';
import { GetCommand, TransactWriteCommand } from '@aws-sdk/lib-dynamodb';
import * as z from 'zod/mini';
import { billingEventFingerprint, type BillingEvent } from '../../domain/balances/BillingEvent';
import type { BalanceLedger, LedgerPosting, PostingOutcome } from '../../ports/BalanceLedger';
import { DynamoLedgerQueries } from './DynamoLedgerQueries';
import { transactionKey } from './ledgerKeys';
import { LedgerWriteBatch } from './LedgerWriteBatch';
import { cancellationCodes, CONDITION_FAILED, transactionConflict } from './lostRace';
import { storedText } from './storedFields';

/** The stored transaction marker: what a repeated `transactionId` is compared with. */
const transactionItem = z.object({ fingerprint: storedText });

/** Attempts of one posting while DynamoDB reports conflicting concurrent transactions on its items. */
const MAX_ATTEMPTS = 10;

const RECORDED: PostingOutcome = { status: 'recorded' };

/**
 * The billing ledger on DynamoDB (`ledger` table, keys in `ledgerKeys.ts`, writes in `LedgerWriteBatch.ts`).
 *
 * A posting is written in ONE transaction with its transaction marker (conditional: it must not
 * exist), the balance (conditional: same currency), the day, month and year totals, and the
 * per-service daily debit (debits) or the movement item (deposits, withdrawals). If the marker
 * exists nothing else is written, so a repeated event changes nothing, however many copies arrive
 * at once. Several postings go into one transaction when they fit (imports); if that transaction
 * is refused for any reason, each posting is tried on its own, so outcomes are exact per event.
 * The reads are `DynamoLedgerQueries`, which it extends.
 */
export class DynamoLedger extends DynamoLedgerQueries implements BalanceLedger {
  public async post(postings: readonly LedgerPosting[]): Promise<PostingOutcome[]> {
    const outcomes: PostingOutcome[] = [];
    let next = 0;
    while (next < postings.length) {
      const batch = new LedgerWriteBatch(this.table);
      while (next < postings.length && batch.tryAdd(postings[next]!)) next += 1;
      const chunk = postings.slice(next - batch.size, next);
      if (chunk.length > 1 && (await this.writeAtOnce(batch))) {
        outcomes.push(...chunk.map(() => RECORDED));
      } else {
        for (const posting of chunk) outcomes.push(await this.postOne(posting));
      }
    }
    return outcomes;
  }

  /** Several postings in one transaction: `false` if DynamoDB refused it (a marker exists, a conflict...). */
  private async writeAtOnce(batch: LedgerWriteBatch): Promise<boolean> {
    try {
      await this.client.send(new TransactWriteCommand({ TransactItems: batch.items() }));
      return true;
    } catch (error) {
      if (error instanceof TransactionCanceledException || busyWithOthers(error)) return false;
      throw error;
    }
  }

  /** One posting, retried while other transactions hold its items. */
  private async postOne(posting: LedgerPosting): Promise<PostingOutcome> {
    const batch = new LedgerWriteBatch(this.table);
    batch.tryAdd(posting);
    const items = batch.items();
    for (let attempt = 1; ; attempt += 1) {
      try {
        await this.client.send(new TransactWriteCommand({ TransactItems: items }));
        return RECORDED;
      } catch (error) {
        const outcome = error instanceof TransactionCanceledException ? await this.refusal(error, posting.event) : undefined;
        if (outcome) return outcome;
        if (!busyWithOthers(error)) throw error;
        if (attempt >= MAX_ATTEMPTS) return { status: 'rejected', reason: 'temporarily_unavailable' };
        // Full jitter: concurrent copies of one event spread out, and the first one through wins.
        await new Promise((resolve) => setTimeout(resolve, Math.random() * Math.min(1000, 20 * 2 ** attempt)));
      }
    }
  }

  /**
   * Which condition of a cancelled posting failed: a repeated transaction, another currency, or a
   * balance or total that would pass its bound; `undefined` if none did (a conflict).
   */
  private async refusal(error: TransactionCanceledException, event: BillingEvent): Promise<PostingOutcome | undefined> {
    const [marker, ...aggregates] = cancellationCodes(error);
    if (marker === CONDITION_FAILED) {
      // A transactionId seen before: the same event again is a duplicate, different content is refused.
      const result = await this.client.send(new GetCommand({ TableName: this.table, Key: transactionKey(event.transactionId), ConsistentRead: true }));
      const recorded = transactionItem.parse(result.Item ?? {});
      return recorded.fingerprint === billingEventFingerprint(event) ? { status: 'duplicate' } : { status: 'rejected', reason: 'transaction_id_reused' };
    }
    if (!aggregates.includes(CONDITION_FAILED)) return undefined;
    const current = await this.balance(event.accountId);
    return { status: 'rejected', reason: current && current.balance.currency !== event.amount.currency ? 'currency_mismatch' : 'amount_out_of_range' };
  }
}

/** Another transaction held some of the same items, or one with the same token was still running: trying again later will do. */
function busyWithOthers(error: unknown): boolean {
  return transactionConflict(error) || error instanceof TransactionInProgressException;
}

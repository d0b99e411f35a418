import type { Context } from 'aws-lambda';
import { clientSearchBackfill } from '../shared/adapters/compositionRoot';
import { backfillClientSearch } from '../shared/domain/clients/backfillClientSearch';

/**
 * On demand (no schedule): fills the search index for clients stored before it existed. Invoke it
 * once after deploying the search index; when the answer is not `done`, invoke it again with the
 * `cursor` it returned (`{"cursor": "…"}`). Running it again changes nothing.
 */
export async function handler(event: { cursor?: string } | undefined, context?: Pick<Context, 'getRemainingTimeInMillis'>): Promise<{ indexed: number; done: boolean; cursor?: string }> {
  return backfillClientSearch(clientSearchBackfill(), {
    cursor: typeof event?.cursor === 'string' ? event.cursor : undefined,
    timeLeftMs: () => context?.getRemainingTimeInMillis() ?? Number.POSITIVE_INFINITY,
    reserveMs: 10_000,
  });
}

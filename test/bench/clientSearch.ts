import { clientChangeItems } from '../../shared/adapters/dynamodb/clientChangeTransaction';
import { batchPutAll } from '../../shared/adapters/dynamodb/batchCalls';
import { physicalTableName } from '../../shared/adapters/dynamodb/tables';
import { clientListing, documentClient } from '../../shared/adapters/compositionRoot';
import { inviteNewClient } from '../../shared/domain/clients/invitationChanges';
import { indexedTerms } from '../../shared/domain/clients/indexClients';
import { searchPrefixes } from '../../shared/domain/clients/clientSearch';
import { searchEntryItem } from '../../shared/adapters/dynamodb/DynamoClientIndex';
import { createPartner } from '../support/clientFixtures';
import { countRequests } from '../support/dynamoProbe';
import { mark, markdownTable } from './markdownTable';

/** Partner sizes searched (issue 20: 1 000 and 100 000 clients of one partner); `BENCH_SEARCH_SIZES` overrides. */
const SIZES = (process.env.BENCH_SEARCH_SIZES ?? '1000,100000').split(',').map(Number).filter((n) => n > 0);
/** Target: one request reading at most this many times, whatever the partner's size. */
const MAX_READS = 3;
/** Clients seeded per batch of writes, and batches in flight. */
const SEED_CHUNK = 500;
const SEED_PARALLEL = 8;

const tables = () => ({ clients: physicalTableName('clients'), invitations: physicalTableName('invitations'), audit: physicalTableName('audit') });

/** The items a partner's new client is stored as (what `POST /clients` writes in its transaction), by part. */
function newClientItems(partnerId: string, n: number, at: Date, name?: string) {
  const change = inviteNewClient(partnerId, `cli_bench${String(n).padStart(7, '0')}`, { email: `c${String(n).padStart(6, '0')}@bench.example`, name }, {
    id: `inv_bench_${partnerId}_${n}`, tokenHash: `hash_${partnerId}_${n}`, partnerName: 'Bench',
  }, { at, actor: { kind: 'partner', id: 'usr_bench' }, auditId: `aud_bench_${partnerId}_${n}` });
  return { client: change.after, items: clientChangeItems(change, tables()) };
}

/**
 * Seeds `count` clients of one partner straight into DynamoDB Local with BatchWriteItem (not
 * through the use case, so the bench stays within minutes): the client items and their search
 * index entries, built by the same functions as a real change and its stream consumer (e-mail
 * only, to keep the seed small: 7 entries a client). Client 0 is the oldest.
 */
async function seedPartnerClients(partnerId: string, count: number): Promise<void> {
  const start = Date.now() - count * 1000;
  const chunksOf = Array.from({ length: Math.ceil(count / SEED_CHUNK) }, (_, i) => i);
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < chunksOf.length) {
      const chunk = next++;
      const items = [];
      for (let n = chunk * SEED_CHUNK; n < Math.min(count, (chunk + 1) * SEED_CHUNK); n += 1) {
        const { client, items: clientItems } = newClientItems(partnerId, n, new Date(start + n * 1000));
        const terms = indexedTerms(client);
        items.push(
          ...clientItems.filter(({ part }) => part === 'client').flatMap(({ item }) => (item.Put?.Item ? [item.Put.Item] : [])),
          ...searchPrefixes(terms).map((prefix) => searchEntryItem(partnerId, client.id, client.createdAt, prefix, terms)),
        );
      }
      await batchPutAll(documentClient(), tables().clients, items);
    }
  };
  await Promise.all(Array.from({ length: SEED_PARALLEL }, worker));
}

/** Searches and counts what one search costs: DynamoDB requests and items read. */
async function measure(partnerId: string, search: string): Promise<{ requests: number; items: number; found: number }> {
  const count = countRequests(documentClient());
  try {
    const page = await clientListing().list(partnerId, { search, limit: 20 });
    return { requests: count.total(), items: count.itemsRead(), found: page.items.length };
  } finally {
    count.stop();
  }
}

/**
 * Section: the cost of `GET /clients?search=` (the repository query behind it) for a partner with
 * 1 000 and with 100 000 clients, a search that matches nothing and one for the oldest client by
 * the start of its e-mail (what adding a client writes is in the write-path section).
 */
export async function benchClientSearch(): Promise<string> {
  const rows: Array<Array<string | number>> = [];
  const bySize = new Map<number, Array<{ requests: number; items: number }>>();
  for (const size of SIZES) {
    const partner = await createPartner(documentClient(), `Bench Partner ${size}`);
    const seeding = Date.now();
    await seedPartnerClients(partner.partnerId, size);
    const seconds = ((Date.now() - seeding) / 1000).toFixed(0);
    const cases = [
      { name: 'no match (`qzxv`)', search: 'qzxv', expect: 0 },
      { name: 'oldest client by the start of its e-mail (`c000000@`)', search: 'c000000@', expect: 1 },
      { name: 'oldest client, a longer start (`c000000@bench.ex`)', search: 'c000000@bench.ex', expect: 1 },
    ];
    const measured = [];
    for (const each of cases) {
      const result = await measure(partner.partnerId, each.search);
      if (result.found !== each.expect) throw new Error(`search ${each.search} found ${result.found}, expected ${each.expect}`);
      measured.push(result);
      rows.push([`${size.toLocaleString('en')} clients (seeded in ${seconds} s)`, each.name, result.requests, result.items, mark(result.requests <= MAX_READS)]);
    }
    bySize.set(size, measured);
  }
  const sizes = [...bySize.values()];
  const same = sizes.every((measured) => JSON.stringify(measured) === JSON.stringify(sizes[0]));
  return [
    markdownTable(['partner size', 'search', 'DynamoDB requests', 'items read', `≤ ${MAX_READS} requests`], rows),
    '',
    `Same requests and items read at every size: ${mark(same)}`,
  ].join('\n');
}

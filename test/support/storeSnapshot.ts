import { type DynamoDBDocumentClient, ScanCommand } from '@aws-sdk/lib-dynamodb';
import { physicalTableName, type TableName, tables } from '../../shared/adapters/dynamodb/tables';

/** Every stored item, per logical table, each as canonical JSON (sorted keys), sorted. */
export type StoreSnapshot = Readonly<Record<string, readonly string[]>>;

function canonical(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(canonical);
  if (value instanceof Set) return [...value].map(canonical).sort();
  if (value && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).sort(([a], [b]) => a.localeCompare(b)).map(([k, v]) => [k, canonical(v)]));
  }
  return value;
}

/** Every table of the store. */
export const ALL_TABLES = Object.keys(tables) as TableName[];

/**
 * Reads every item of the given tables (a Scan: fine in a test, never in the product) to compare
 * the store before and after something that must not change it. Leave out bookkeeping tables that
 * change on every request by design (rate-limit counters).
 */
export async function snapshotStore(client: DynamoDBDocumentClient, which: readonly TableName[] = ALL_TABLES): Promise<StoreSnapshot> {
  const snapshot: Record<string, string[]> = {};
  for (const table of which) {
    const items: string[] = [];
    let startKey: Record<string, unknown> | undefined;
    do {
      const page = await client.send(new ScanCommand({ TableName: physicalTableName(table), ExclusiveStartKey: startKey, ConsistentRead: true }));
      for (const item of page.Items ?? []) items.push(JSON.stringify(canonical(item)));
      startKey = page.LastEvaluatedKey;
    } while (startKey);
    snapshot[table] = items.sort();
  }
  return snapshot;
}

/** What changed between two snapshots, one line per added (`+`) or removed (`-`) item; empty when nothing did. */
export function storeChanges(before: StoreSnapshot, after: StoreSnapshot): string[] {
  const changes: string[] = [];
  for (const table of new Set([...Object.keys(before), ...Object.keys(after)])) {
    const [was, is] = [new Set(before[table] ?? []), new Set(after[table] ?? [])];
    for (const item of is) if (!was.has(item)) changes.push(`+ ${table} ${item}`);
    for (const item of was) if (!is.has(item)) changes.push(`- ${table} ${item}`);
  }
  return changes;
}

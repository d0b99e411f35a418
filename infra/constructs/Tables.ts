import { RemovalPolicy } from 'aws-cdk-lib';
import {
  Attribute,
  AttributeType,
  BillingMode,
  ProjectionType,
  StreamViewType,
  Table,
  TableEncryption,
  type TableProps,
} from 'aws-cdk-lib/aws-dynamodb';
import { Construct } from 'constructs';
import { type KeyAttribute, type TableName, type TableSpec, tables } from '../../shared/adapters/dynamodb/tables';

/** Props of {@link Tables}. */
export interface TablesProps {
  /** Overrides of the safe defaults for every table (e.g. `removalPolicy` in a throw-away stage). */
  readonly tableProps?: Partial<Omit<TableProps, 'partitionKey' | 'sortKey' | 'timeToLiveAttribute'>>;
}

/** Whether a string names a table of `shared/adapters/dynamodb/tables.ts`. */
export function isTableName(name: string): name is TableName {
  return Object.hasOwn(tables, name);
}

function attribute(key: KeyAttribute): Attribute {
  return { name: key.name, type: key.type === 'S' ? AttributeType.STRING : AttributeType.NUMBER };
}

/**
 * Every DynamoDB table of `shared/adapters/dynamodb/tables.ts` (keys, GSIs, TTL, stream) except the
 * local-only stand-ins. Stateful: on-demand, point-in-time recovery, AWS-managed encryption and
 * retained when the stack is deleted, unless the caller overrides it.
 *
 * @example
 * const tables = new Tables(this, 'Tables');
 * tables.table('applications').grantReadData(fn);
 */
export class Tables extends Construct {
  /** The tables by logical name. */
  public readonly byName: ReadonlyMap<TableName, Table>;

  public constructor(scope: Construct, id: string, props: TablesProps = {}) {
    super(scope, id);
    const specs: Readonly<Record<TableName, TableSpec>> = tables;
    const byName = new Map<TableName, Table>();
    for (const [name, spec] of Object.entries(specs)) {
      if (!isTableName(name) || spec.localOnly) continue;
      const table = new Table(this, name, {
        billingMode: BillingMode.PAY_PER_REQUEST,
        encryption: TableEncryption.AWS_MANAGED,
        pointInTimeRecoverySpecification: { pointInTimeRecoveryEnabled: true },
        deletionProtection: true,
        removalPolicy: RemovalPolicy.RETAIN,
        ...props.tableProps,
        partitionKey: attribute(spec.partitionKey),
        sortKey: spec.sortKey && attribute(spec.sortKey),
        timeToLiveAttribute: spec.timeToLiveAttribute,
        ...(spec.stream && { stream: StreamViewType[spec.stream] }),
      });
      for (const index of spec.indexes) {
        table.addGlobalSecondaryIndex({
          indexName: index.indexName,
          partitionKey: attribute(index.partitionKey),
          sortKey: index.sortKey && attribute(index.sortKey),
          projectionType: ProjectionType.ALL,
        });
      }
      byName.set(name, table);
    }
    this.byName = byName;
  }

  /** The table with this logical name; throws for a local-only table, which AWS does not have. */
  public table(name: TableName): Table {
    const table = this.byName.get(name);
    if (!table) throw new Error(`Table "${name}" is local-only and has no AWS counterpart`);
    return table;
  }
}

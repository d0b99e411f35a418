import type { TransactWriteCommandInput } from '@aws-sdk/lib-dynamodb';

/** One item of a `TransactWriteItems` request. */
export type TransactItem = NonNullable<TransactWriteCommandInput['TransactItems']>[number];

/** Most items DynamoDB accepts in one transaction. */
export const MAX_TRANSACTION_ITEMS = 100;

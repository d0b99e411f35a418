import type { OperationDocs } from './openapi';
import { applicationOperations } from './schemas/applications';
import { balanceOperations } from './schemas/balances';
import { clientOperations } from './schemas/clients';
import { clientOperationOperations } from './schemas/clientOperations';

/** Every route's OpenAPI doc, by feature. A unit test checks each route of the table has one. */
export const operationDocs: OperationDocs = {
  'GET /openapi.json': { summary: 'This OpenAPI 3.0 document', tag: 'Meta', status: 200 },
  ...applicationOperations,
  ...clientOperations,
  ...clientOperationOperations,
  ...balanceOperations,
};

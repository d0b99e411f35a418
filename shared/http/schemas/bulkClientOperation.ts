import * as z from 'zod/mini';
import { CLIENT_OPERATIONS, MAX_CLIENTS_PER_OPERATION } from '../../domain/clients/decideClientOperation';
import { confirm } from './clientOperations';

const clientId = z.string().check(z.minLength(1), z.maxLength(128));

/** Body of `POST /clients/bulk`: without `confirm` a preview, with the preview's token the operation runs. */
export const bulkOperationBody = z.strictObject({
  action: z.enum(CLIENT_OPERATIONS),
  clientIds: z.array(clientId).check(
    z.minLength(1),
    z.maxLength(MAX_CLIENTS_PER_OPERATION),
    z.refine((ids) => new Set(ids).size === ids.length, { message: 'Each client id may appear only once' }),
  ),
  confirm,
});

import { bulkOperationBody } from '../../../../shared/http/schemas/bulkClientOperation';
import { singleOperationBody } from '../../../../shared/http/schemas/clientOperations';
import { MAX_CLIENTS_PER_OPERATION } from '../../../../shared/domain/clients/decideClientOperation';

const token = 'A'.repeat(43);
const ids = (count: number) => Array.from({ length: count }, (_, index) => `cli_${index}`);

describe('bulkOperationBody', () => {
  it('accepts an action with 1 to 500 distinct client ids, with or without a confirmation token', () => {
    expect(bulkOperationBody.safeParse({ action: 'block', clientIds: ids(1) }).success).toBe(true);
    expect(bulkOperationBody.safeParse({ action: 'delete', clientIds: ids(MAX_CLIENTS_PER_OPERATION), confirm: token }).success).toBe(true);
  });

  it.each([
    ['no client ids', { action: 'block', clientIds: [] }],
    ['too many client ids', { action: 'block', clientIds: ids(MAX_CLIENTS_PER_OPERATION + 1) }],
    ['a repeated client id', { action: 'block', clientIds: ['cli_1', 'cli_1'] }],
    ['an unknown action', { action: 'archive', clientIds: ids(1) }],
    ['a malformed token', { action: 'block', clientIds: ids(1), confirm: 'short' }],
    ['an unknown field', { action: 'block', clientIds: ids(1), force: true }],
  ])('refuses %s', (_case, body) => {
    expect(bulkOperationBody.safeParse(body).success).toBe(false);
  });
});

describe('singleOperationBody', () => {
  it('takes no body for the preview and {confirm} to run it', () => {
    expect(singleOperationBody.safeParse(undefined)).toMatchObject({ success: true, data: undefined });
    expect(singleOperationBody.safeParse({ confirm: token })).toMatchObject({ success: true, data: { confirm: token } });
    expect(singleOperationBody.safeParse({ confirm: 'nope' }).success).toBe(false);
  });
});

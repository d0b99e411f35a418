import { bulkClientOperationRoute } from '../shared/http/previewThenConfirmRoute';

/** POST /clients/bulk — preview, then with `{confirm}` block, unblock or delete up to 500 of the partner's clients. */
export const handler = bulkClientOperationRoute();

import { singleClientOperationRoute } from '../shared/http/previewThenConfirmRoute';

/** DELETE /clients/{id} — preview, then with `{confirm}` detach one of the partner's clients (the cloud account stays). */
export const handler = singleClientOperationRoute('delete');

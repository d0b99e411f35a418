import { singleClientOperationRoute } from '../shared/http/previewThenConfirmRoute';

/** POST /clients/{id}/unblock — preview, then with `{confirm}` unblock one of the partner's clients. */
export const handler = singleClientOperationRoute('unblock');

import { singleClientOperationRoute } from '../shared/http/previewThenConfirmRoute';

/** POST /clients/{id}/block — preview, then with `{confirm}` block one of the partner's clients. */
export const handler = singleClientOperationRoute('block');

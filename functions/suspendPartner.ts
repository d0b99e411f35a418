import { partnerStateRoute } from '../shared/http/previewThenConfirmRoute';

/** POST /partners/{id}/suspend — a manager suspends a partner: a preview, then the confirmation (reason required; the partner is mailed). */
export const handler = partnerStateRoute('suspend');

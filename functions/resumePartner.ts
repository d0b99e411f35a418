import { partnerStateRoute } from '../shared/http/previewThenConfirmRoute';

/** POST /partners/{id}/resume — a manager resumes a partner: a preview, then the confirmation (reason required; the partner is mailed). */
export const handler = partnerStateRoute('resume');

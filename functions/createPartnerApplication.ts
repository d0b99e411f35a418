import { applicationDeps } from '../shared/adapters/runtime';
import { submitApplication } from '../shared/domain/applications/submitApplication';
import { publicRoute } from '../shared/http/httpRoute';
import { idempotentRequests } from '../shared/http/idempotentRequests';
import { applicationForm } from '../shared/http/schemas/applications';

/** POST /partner-applications — the public "contact sales" form. A repeated identical form returns the first application. */
export const handler = publicRoute(
  { body: applicationForm, middlewares: idempotentRequests() },
  async ({ body }) => {
    const { application } = await submitApplication(applicationDeps(), body);
    return {
      status: 201,
      headers: { location: `/partner-applications/${application.id}` },
      body: { id: application.id, status: application.status, contactDueAt: application.contactDueAt.toISOString() },
    };
  },
);

import { applicationDeps, clock, formLimits, rateLimiter } from '../shared/adapters/compositionRoot';
import { admitSubmission } from '../shared/domain/applications/submissionLimits';
import { submitApplication } from '../shared/domain/applications/submitApplication';
import { publicRoute } from '../shared/http/httpRoute';
import { idempotentRequests } from '../shared/http/idempotentRequests';
import { applicationForm } from '../shared/http/schemas/applications';

/**
 * POST /partner-applications — the public "contact sales" form. A repeated identical form returns
 * the first application; too many forms from one source address or to one e-mail address are 429.
 */
export const handler = publicRoute(
  { body: applicationForm, middlewares: idempotentRequests() },
  async ({ body, event }) => {
    await admitSubmission({ limits: rateLimiter(), clock, formLimits: formLimits() }, { sender: event.requestContext.http.sourceIp, email: body.email });
    const { application } = await submitApplication(applicationDeps(), body);
    return {
      status: 201,
      headers: { location: `/partner-applications/${application.id}` },
      body: { id: application.id, status: application.status, contactDueAt: application.contactDueAt.toISOString() },
    };
  },
);

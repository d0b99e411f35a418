import { staffDeps } from '../shared/adapters/compositionRoot';
import { staffProfile } from '../shared/domain/staff/StaffProfile';
import { httpRoute } from '../shared/http/httpRoute';

/** GET /me — who is signed in (a partner's user or a manager) and the language they chose. */
export const handler = httpRoute({ auth: 'staff' }, async ({ principal }) => ({
  status: 200,
  body: await staffProfile(staffDeps(), principal),
}));

import { staffDeps } from '../shared/adapters/compositionRoot';
import { chooseLanguage } from '../shared/domain/staff/StaffProfile';
import { httpRoute } from '../shared/http/httpRoute';
import { chooseLanguageBody } from '../shared/http/schemas/me';

/** PUT /me/language — the signed-in partner or manager chooses the language of the console and of their mails. */
export const handler = httpRoute({ auth: 'staff', body: chooseLanguageBody }, async ({ principal, body }) => ({
  status: 200,
  body: await chooseLanguage(staffDeps(), principal, body.language),
}));

import { registerCloudAccount, tokenFromMail, uniqueClientEmail } from '../support/clientFixtures';
import { applicationForm } from '../support/applicationFixtures';
import { call, errorWithCode } from '../support/http';
import { useLocalStack } from '../support/localStackFixture';
import { mailsTo } from '../support/sesInbox';

const local = useLocalStack();

/** The one mail to `address` (it must have arrived, with both parts). */
async function onlyMailTo(address: string) {
  const mails = await mailsTo(address, local.stack.inboxUrl);
  expect(mails).toHaveLength(1);
  const [mail] = mails;
  expect(mail?.body.text).toBeTruthy();
  expect(mail?.body.html).toContain('<table role="presentation"');
  return mail as NonNullable<typeof mail>;
}

describe('mails in the reader\'s language, with a text and an HTML part, in the local inbox', () => {
  it('confirms an application in the language of its form (Russian unless the form says otherwise)', async () => {
    const english = applicationForm();
    const russian = { ...applicationForm(), language: undefined };
    expect((await call(local.stack.apiUrl, 'POST', '/partner-applications', { body: { ...english, language: 'en' } })).status).toBe(201);
    expect((await call(local.stack.apiUrl, 'POST', '/partner-applications', { body: russian })).status).toBe(201);

    const inEnglish = await onlyMailTo(english.email);
    expect(inEnglish.subject).toMatch(/^We received your application/);
    expect(inEnglish.body.html).toContain('<html lang="en">');
    const inRussian = await onlyMailTo(russian.email);
    expect(inRussian.subject).toMatch(/^Мы получили вашу заявку/);
    expect(inRussian.body.text).toContain('в течение 48 часов');
    expect(inRussian.body.html).toContain('<html lang="ru">');
  });

  it('follows the language a partner chooses: GET /me, PUT /me/language, the invitation and the notice of its acceptance', async () => {
    const { partner, token } = await local.partnerWithToken();
    const me = await call(local.stack.apiUrl, 'GET', '/me', { token });
    expect(me).toMatchObject({ status: 200, body: { kind: 'partner', email: partner.email, partnerId: partner.partnerId, company: partner.name, language: 'en' } });

    const chosen = await call(local.stack.apiUrl, 'PUT', '/me/language', { token, body: { language: 'ru' } });
    expect(chosen).toMatchObject({ status: 200, body: { ...me.body, language: 'ru' } });
    expect((await call(local.stack.apiUrl, 'GET', '/me', { token })).body.language).toBe('ru');
    expect((await call(local.stack.apiUrl, 'PUT', '/me/language', { token, body: { language: 'de' } })).body).toEqual(errorWithCode('validation_failed'));

    // The invitation: the partner's language by default, or the one chosen for the client.
    const russianClient = uniqueClientEmail();
    const englishClient = uniqueClientEmail();
    const accountId = await registerCloudAccount(local.db);
    expect((await call(local.stack.apiUrl, 'POST', '/clients', { token, body: { email: russianClient, accountId } })).status).toBe(201);
    expect((await call(local.stack.apiUrl, 'POST', '/clients', { token, body: { email: englishClient, language: 'en' } })).status).toBe(201);
    const russianInvitation = await onlyMailTo(russianClient);
    expect(russianInvitation.subject).toMatch(/^Приглашение стать клиентом/);
    expect(russianInvitation.body.html).toContain('<html lang="ru">');
    const englishInvitation = await onlyMailTo(englishClient);
    expect(englishInvitation.subject).toMatch(/^Invitation to become a client/);
    expect(englishInvitation.body.html).toContain('<html lang="en">');

    // The owner accepts: the partner is told, in its language.
    const accepted = await call(local.stack.apiUrl, 'POST', `/invitations/${tokenFromMail(russianInvitation)}/accept`, { token: await local.consoleToken(accountId) });
    expect(accepted.status).toBe(200);
    const notice = await onlyMailTo(partner.email);
    expect(notice.subject).toBe('Клиент принял приглашение');
    expect(notice.body.text).toContain(russianClient);
    expect(notice.body.html).toContain('/ru/clients"');
  });

  it('keeps a manager\'s language with the manager', async () => {
    const token = await local.stack.tokens.personToken({ sub: `mgr_${Date.now()}`, email: 'manager@example.com', role: 'manager' });
    expect((await call(local.stack.apiUrl, 'GET', '/me', { token })).body).toEqual({ kind: 'manager', email: 'manager@example.com', language: 'ru' });
    expect((await call(local.stack.apiUrl, 'PUT', '/me/language', { token, body: { language: 'en' } })).body).toEqual({ kind: 'manager', email: 'manager@example.com', language: 'en' });
    expect((await call(local.stack.apiUrl, 'GET', '/me', { token })).body.language).toBe('en');
  });
});

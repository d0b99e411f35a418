import { randomBytes } from 'node:crypto';
import { documentClient } from '../../shared/adapters/compositionRoot';
import { LocalAccountDirectory } from '../../shared/adapters/local/LocalAccountDirectory';
import { call, errorWithCode } from '../support/http';
import { useLocalStack } from '../support/localStackFixture';
import { mailsTo } from '../support/sesInbox';

const local = useLocalStack();
let managerToken: string;

beforeAll(async () => {
  managerToken = await local.stack.tokens.personToken({ sub: 'mgr_e2e', email: 'manager@example.com', role: 'manager' });
});

function form() {
  const email = `e2e-${randomBytes(6).toString('hex')}@example.com`;
  return { name: 'Ann Lee', email, phone: '+7 495 000-00-00', company: 'Lee IT', message: `Reseller ${email}` };
}

describe('become a partner over HTTP', () => {
  it('submits the form, mails the applicant, escalates after 48 hours once, and approval gives a working login', async () => {
    const input = form();
    const submitted = await call(local.stack.apiUrl, 'POST', '/partner-applications', { body: input });
    expect(submitted.status).toBe(201);
    expect(submitted.body).toEqual({ id: expect.stringMatching(/^app_/), status: 'new', contactDueAt: expect.any(String) });
    const id = submitted.body.id as string;
    expect((await mailsTo(input.email, local.stack.inboxUrl)).map((m) => m.subject)).toEqual(['We received your partner application']);

    const listed = await call(local.stack.apiUrl, 'GET', '/partner-applications?status=new&limit=100', { token: managerToken });
    expect(listed.status).toBe(200);
    expect(listed.body.items).toContainEqual(expect.objectContaining({ id, phone: '+74950000000', status: 'new' }));

    local.stack.advanceClock(49 * 60 * 60 * 1000);
    await local.stack.runJob('escalateApplications');
    await local.stack.runJob('escalateApplications');
    const mails = (await mailsTo(input.email, local.stack.inboxUrl)).map((m) => m.subject);
    expect(mails).toEqual(['We received your partner application', 'Your partner application: please contact support']);
    expect((await call(local.stack.apiUrl, 'GET', `/partner-applications/${id}`, { token: managerToken })).body.status).toBe('escalated');

    expect((await call(local.stack.apiUrl, 'POST', `/partner-applications/${id}/contact`, { token: managerToken })).status).toBe(200);
    const approved = await call(local.stack.apiUrl, 'POST', `/partner-applications/${id}/approve`, { token: managerToken });
    expect(approved.status).toBe(200);
    expect(approved.body).toMatchObject({ status: 'approved', partnerId: expect.stringMatching(/^ptn_/) });

    const login = await call(local.stack.apiUrl, 'POST', '/__local/login', { body: { email: input.email } });
    expect(login.status).toBe(200);
    expect(login.body.role).toBe('partner');
  });

  it('refuses to approve an application with a manager\'s e-mail (409 staff_login_exists): the manager keeps signing in as a manager (issue 26)', async () => {
    const managerEmail = `manager-${randomBytes(6).toString('hex')}@partnerdesk.local`;
    await new LocalAccountDirectory(documentClient()).createManagerLogin(managerEmail, 'A Manager');
    const mixedCase = managerEmail.replace(/^m/, 'M').replace('partnerdesk', 'PartnerDesk');
    const submitted = await call(local.stack.apiUrl, 'POST', '/partner-applications', { body: { ...form(), email: mixedCase } });
    const id = submitted.body.id as string;
    expect((await call(local.stack.apiUrl, 'POST', `/partner-applications/${id}/contact`, { token: managerToken })).status).toBe(200);

    const approved = await call(local.stack.apiUrl, 'POST', `/partner-applications/${id}/approve`, { token: managerToken });

    expect(approved.status).toBe(409);
    expect(approved.body).toEqual(errorWithCode('staff_login_exists'));
    expect((await call(local.stack.apiUrl, 'GET', `/partner-applications/${id}`, { token: managerToken })).body.status).toBe('contacted');
    const login = await call(local.stack.apiUrl, 'POST', '/__local/login', { body: { email: managerEmail } });
    expect(login.body.role).toBe('manager');
    const managerAgain = await call(local.stack.apiUrl, 'GET', '/partner-applications?limit=1', { token: login.body.idToken });
    expect(managerAgain.status).toBe(200);
  });

  it('answers invalid input with 400 in the documented shape and stores nothing', async () => {
    const before = await call(local.stack.apiUrl, 'GET', '/partner-applications?limit=100', { token: managerToken });
    const bad = await call(local.stack.apiUrl, 'POST', '/partner-applications', { body: { ...form(), email: 'not-an-email', phone: '12' } });
    const malformed = await call(local.stack.apiUrl, 'POST', '/partner-applications', { body: '{"name":', headers: { 'content-type': 'application/json' } });
    const after = await call(local.stack.apiUrl, 'GET', '/partner-applications?limit=100', { token: managerToken });

    expect(bad.status).toBe(400);
    expect(bad.body).toEqual(errorWithCode('validation_failed'));
    expect(bad.body.error.details.issues.map((issue: { path: string }) => issue.path)).toEqual(['body.email', 'body.phone']);
    expect(malformed.status).toBe(400);
    expect(after.body.items).toHaveLength(before.body.items.length);
  });

  it('replays the first response for a repeated Idempotency-Key; on this public route the key with another body is another request', async () => {
    const key = randomBytes(8).toString('hex');
    const input = form();
    const first = await call(local.stack.apiUrl, 'POST', '/partner-applications', { body: input, headers: { 'idempotency-key': key } });
    const retry = await call(local.stack.apiUrl, 'POST', '/partner-applications', { body: input, headers: { 'idempotency-key': key } });
    const other = await call(local.stack.apiUrl, 'POST', '/partner-applications', { body: form(), headers: { 'idempotency-key': key } });

    expect(first.status).toBe(201);
    expect(retry.status).toBe(201);
    expect(retry.body).toEqual(first.body);
    // Public keys are scoped by source address, path and body: nobody can spend a key another sender will use.
    expect(other.status).toBe(201);
    expect(other.body).not.toEqual(first.body);
    expect(await mailsTo(input.email, local.stack.inboxUrl)).toHaveLength(1);
  });

  it('guards manager routes: 401 without a token, 403 for a partner, 409 for a wrong transition, 404 for an unknown id', async () => {
    const partnerToken = await local.stack.tokens.personToken({ sub: 'p1', email: 'p@example.com', role: 'partner', partnerId: 'ptn_x' });
    const { body } = await call(local.stack.apiUrl, 'POST', '/partner-applications', { body: form() });

    expect((await call(local.stack.apiUrl, 'GET', '/partner-applications')).body).toEqual(errorWithCode('unauthorized'));
    expect((await call(local.stack.apiUrl, 'GET', '/partner-applications', { token: partnerToken })).status).toBe(403);
    expect((await call(local.stack.apiUrl, 'GET', '/partner-applications', { token: 'garbage' })).status).toBe(401);
    const early = await call(local.stack.apiUrl, 'POST', `/partner-applications/${body.id}/approve`, { token: managerToken });
    expect(early.status).toBe(409);
    expect(early.body).toEqual(errorWithCode('invalid_transition'));
    expect((await call(local.stack.apiUrl, 'GET', '/partner-applications/app_unknown', { token: managerToken })).status).toBe(404);
  });

  it('serves its OpenAPI document, naming the local gateway as the server (the document checks its own answer too)', async () => {
    const served = await call(local.stack.apiUrl, 'GET', '/openapi.json', {
      headers: { 'x-forwarded-proto': 'javascript:alert(1)//', 'x-forwarded-host': 'evil.example' },
    });

    expect(served.status).toBe(200);
    expect(served.body).toMatchObject({ openapi: '3.0.3', servers: [{ url: local.stack.apiUrl }] });
    expect(Object.keys(served.body.paths)).not.toContain('/__local/login');
  });

  it('answers CORS preflight for configured origins only', async () => {
    const allowed = await fetch(`${local.stack.apiUrl}/partner-applications`, {
      method: 'OPTIONS',
      headers: { origin: 'http://localhost:5173', 'access-control-request-method': 'POST' },
    });
    const foreign = await fetch(`${local.stack.apiUrl}/partner-applications`, {
      method: 'OPTIONS',
      headers: { origin: 'https://evil.example', 'access-control-request-method': 'POST' },
    });
    expect(allowed.headers.get('access-control-allow-origin')).toBe('http://localhost:5173');
    expect(allowed.headers.get('access-control-allow-headers')).toContain('idempotency-key');
    expect(foreign.headers.get('access-control-allow-origin')).toBeNull();
  });
});

import { randomBytes } from 'node:crypto';
import { GetCommand } from '@aws-sdk/lib-dynamodb';
import { clientKey } from '../../shared/adapters/dynamodb/clientKeys';
import { physicalTableName } from '../../shared/adapters/dynamodb/tables';
import { MAX_STANDING_CACHE_SECONDS } from '../../shared/http/partnerStanding';
import { registerCloudAccount, tokenFromMail, uniqueClientEmail } from '../support/clientFixtures';
import { call, errorWithCode } from '../support/http';
import { useLocalStack } from '../support/localStackFixture';
import { mailsTo } from '../support/sesInbox';

const local = useLocalStack();
let managerToken: string;

beforeAll(async () => {
  managerToken = await local.stack.tokens.personToken({ sub: 'mgr_department', email: 'department@example.com', role: 'manager' });
});

const api = (method: string, path: string, options: Parameters<typeof call>[3] = {}) => call(local.stack.apiUrl, method, path, options);
const asManager = (method: string, path: string, body?: unknown) => api(method, path, { token: managerToken, ...(body !== undefined && { body }) });

/** A partner admitted through the whole application flow, signed in through the local stand-in of the staff pool. */
async function approvedPartner(company: string): Promise<{ partnerId: string; email: string; token: string }> {
  const email = `dept-${randomBytes(6).toString('hex')}@example.com`;
  const submitted = await api('POST', '/partner-applications', { body: { name: 'Ann Lee', email, phone: '+7 495 000-00-00', company, message: 'We resell cloud' } });
  await asManager('POST', `/partner-applications/${submitted.body.id}/contact`);
  const approved = await asManager('POST', `/partner-applications/${submitted.body.id}/approve`);
  expect(approved.status).toBe(200);
  const login = await api('POST', '/__local/login', { body: { email } });
  return { partnerId: approved.body.partnerId, email, token: login.body.idToken };
}

/** A client of the partner: invited, and accepted when `accept`. */
async function clientOf(token: string, accept: boolean): Promise<{ id: string; email: string; accountId: string }> {
  const email = uniqueClientEmail();
  const accountId = await registerCloudAccount(local.db);
  const added = await api('POST', '/clients', { token, body: { email, accountId } });
  expect(added.status).toBe(201);
  if (accept) {
    const mail = (await mailsTo(email, local.stack.inboxUrl)).at(-1);
    if (!mail) throw new Error('no invitation mail');
    expect((await api('POST', `/invitations/${tokenFromMail(mail)}/accept`, { token: await local.consoleToken(accountId) })).status).toBe(200);
  }
  return { id: added.body.id as string, email, accountId };
}

/** Previews then confirms a manager's action on a partner. */
async function act(partnerId: string, action: 'suspend' | 'resume' | 'end', reason: string) {
  const preview = await asManager('POST', `/partners/${partnerId}/${action}`, { reason });
  expect(preview.status).toBe(200);
  const confirmed = await asManager('POST', `/partners/${partnerId}/${action}`, { reason, confirm: preview.body.confirmation.token });
  expect(confirmed.status).toBe(200);
  return { preview: preview.body, confirmed: confirmed.body };
}

/** Moves the functions' clock past the longest a container may trust a partner's state it read. */
const pastStandingCache = () => local.stack.advanceClock((MAX_STANDING_CACHE_SECONDS + 1) * 1000);

describe('the partner department over HTTP', () => {
  it('approve → listed → suspend → refused → resume → end → clients detached, login closed', async () => {
    const company = `Zephyr ${randomBytes(3).toString('hex')} Cloud`;
    const partner = await approvedPartner(company);
    const [active, invited] = [await clientOf(partner.token, true), await clientOf(partner.token, false)];
    // The counts follow the clients through their change stream: let its consumer catch up.
    await local.stack.drainStreams();

    const listed = await asManager('GET', `/partners?search=${encodeURIComponent(company.split(' ')[1]!)}`);
    expect(listed.status).toBe(200);
    expect(listed.body.items).toEqual([{
      id: partner.partnerId, company, email: partner.email, state: 'active', since: expect.any(String), createdAt: expect.any(String), clients: 2, activeClients: 1,
    }]);
    expect((await asManager('GET', '/partners?state=active&limit=100')).body.items.map((p: { id: string }) => p.id)).toContain(partner.partnerId);

    // The partner works: its standing is read (and remembered by the container).
    expect((await api('GET', '/clients', { token: partner.token })).status).toBe(200);
    const suspended = await act(partner.partnerId, 'suspend', 'Unpaid invoices for November.');
    expect(suspended.preview).toMatchObject({
      action: 'suspend', to: 'suspended', clientsByStatus: { active: 1, invited: 1 },
      effects: [{ effect: 'partner_people_refused' }, { effect: 'clients_untouched', count: 2 }, { effect: 'partner_mailed' }],
    });
    expect(suspended.confirmed.partner).toMatchObject({ state: 'suspended' });
    pastStandingCache();
    const refused = await api('GET', '/clients', { token: partner.token });
    expect(refused.status).toBe(403);
    expect(refused.body).toEqual(errorWithCode('partner_suspended'));
    expect((await mailsTo(partner.email, local.stack.inboxUrl)).map((mail) => mail.subject)).toContain('Your partner account is suspended');
    // Its clients are untouched: the active client's owner still signs in, the pending invitation's link still answers.
    expect((await api('POST', '/__local/login', { body: { accountId: active.accountId } })).status).toBe(200);
    const invitationMail = (await mailsTo(invited.email, local.stack.inboxUrl)).at(-1);
    if (!invitationMail) throw new Error('no invitation mail');
    expect((await api('GET', `/invitations/${tokenFromMail(invitationMail)}`)).status).toBe(200);
    const again = await asManager('POST', `/partners/${partner.partnerId}/suspend`, { reason: 'Twice' });
    expect(again.status).toBe(409);
    expect(again.body).toEqual(errorWithCode('invalid_transition'));

    await act(partner.partnerId, 'resume', 'Paid.');
    pastStandingCache();
    expect((await api('GET', '/clients', { token: partner.token })).status).toBe(200);

    const ended = await act(partner.partnerId, 'end', 'Contract terminated.');
    expect(ended.preview.effects).toEqual([
      { effect: 'clients_detached', count: 2 }, { effect: 'invitations_cancelled', count: 1 }, { effect: 'logins_closed' },
      { effect: 'record_read_only' }, { effect: 'email_reserved' }, { effect: 'partner_mailed' },
    ]);
    // The answer's counts are as the stream had them; the page read after it caught up shows the detached clients.
    expect(ended.confirmed).toMatchObject({ action: 'end', partner: { state: 'ended' }, endingFinished: true });
    // The same confirmation sent again (its answer lost) answers the ended partner and goes on closing it.
    const repeated = await asManager('POST', `/partners/${partner.partnerId}/end`, { reason: 'Contract terminated.', confirm: ended.preview.confirmation.token });
    expect([repeated.status, repeated.body.partner.state, repeated.body.endingFinished]).toEqual([200, 'ended', true]);
    await local.stack.drainStreams();
    for (const clientId of [active.id, invited.id]) {
      const stored = await local.db.send(new GetCommand({ TableName: physicalTableName('clients'), Key: clientKey(partner.partnerId, clientId) }));
      expect(stored.Item?.status).toBe('detached');
    }
    const page = await asManager('GET', `/partners/${partner.partnerId}`);
    expect(page.status).toBe(200);
    expect(page.body.partner).toMatchObject({ state: 'ended', clients: 0 });
    expect(page.body.clientsByStatus).toMatchObject({ active: 0, invited: 0, detached: 2 });
    expect(page.body.members).toEqual([expect.objectContaining({ email: partner.email, role: 'owner' })]);
    expect(page.body.application).toMatchObject({ status: 'approved', partnerId: partner.partnerId, contactedBy: 'mgr_department', decidedBy: 'mgr_department' });
    expect(page.body.audit.items.map((entry: { action: string; managerId: string }) => [entry.action, entry.managerId]))
      .toEqual([['end', 'mgr_department'], ['resume', 'mgr_department'], ['suspend', 'mgr_department']]);
    pastStandingCache();
    const closed = await api('GET', '/clients', { token: partner.token });
    expect(closed.body).toEqual(errorWithCode('partner_ended'));
    expect((await api('POST', '/__local/login', { body: { email: partner.email } })).status).toBe(403);
    expect((await asManager('POST', `/partners/${partner.partnerId}/resume`, { reason: 'Back?' })).status).toBe(409);

    // Its e-mail is not admitted again without the manager's explicit override.
    const reapplied = await api('POST', '/partner-applications', { body: { name: 'Ann Lee', email: partner.email, phone: '+7 495 000-00-00', company, message: 'Again' } });
    await asManager('POST', `/partner-applications/${reapplied.body.id}/contact`);
    const refusedAgain = await asManager('POST', `/partner-applications/${reapplied.body.id}/approve`);
    expect(refusedAgain.status).toBe(409);
    expect(refusedAgain.body).toEqual(errorWithCode('email_of_ended_partner'));
    const readmitted = await asManager('POST', `/partner-applications/${reapplied.body.id}/approve`, { reapproveEndedPartner: true });
    expect(readmitted.status).toBe(200);
    expect(readmitted.body.partnerId).not.toBe(partner.partnerId);
    expect((await asManager('GET', `/partners/${partner.partnerId}`)).body.partner.state).toBe('ended');
    expect((await api('POST', '/__local/login', { body: { email: partner.email } })).status).toBe(200);

    const csv = await api('GET', `/partners?search=${encodeURIComponent(company.split(' ')[1]!)}`, { token: managerToken, headers: { accept: 'text/csv' } });
    expect(csv.status).toBe(200);
    expect(csv.headers.get('content-type')).toMatch(/^text\/csv/);
    const rows = (csv.body as string).split('\r\n');
    expect(rows[0]).toBe('id,company,email,state,since,created_at,clients,active_clients');
    // Newest first: the partner admitted again, then the ended one.
    expect(rows.slice(1)).toEqual([
      expect.stringMatching(new RegExp(`^${readmitted.body.partnerId},${company},${partner.email},active,`)),
      `${partner.partnerId},${company},${partner.email},ended,${page.body.partner.since},${page.body.partner.createdAt},0,0`,
      '',
    ]);
  });

  it('answers unknown partners 404, a missing reason 400, partners 403 and console users 401', async () => {
    const partner = await approvedPartner('Quiet Rivers');
    expect((await asManager('POST', '/partners/ptn_unknown/suspend', { reason: 'x' })).body).toEqual(errorWithCode('not_found'));
    expect((await asManager('GET', '/partners/ptn_unknown')).status).toBe(404);
    const noReason = await asManager('POST', `/partners/${partner.partnerId}/end`, {});
    expect(noReason.status).toBe(400);
    expect(noReason.body).toEqual(errorWithCode('validation_failed'));
    expect((await api('GET', '/partners', { token: partner.token })).status).toBe(403);
    const accountId = await registerCloudAccount(local.db);
    expect((await api('GET', '/partners', { token: await local.consoleToken(accountId) })).status).toBe(401);
  });

  it('applications: taken ("mine"), attempts with notes, searched, and the overdue view shows who holds each', async () => {
    const other = await local.stack.tokens.personToken({ sub: 'mgr_other', email: 'other@example.com', role: 'manager' });
    const company = `Halcyon ${randomBytes(3).toString('hex')} Systems`;
    const submitted = await api('POST', '/partner-applications', { body: { name: 'Ann Lee', email: `halcyon-${randomBytes(4).toString('hex')}@example.com`, phone: '+7 495 000-00-00', company, message: 'We resell cloud' } });
    const id = submitted.body.id as string;

    const taken = await asManager('POST', `/partner-applications/${id}/take`);
    expect([taken.status, taken.body.assignedTo]).toEqual([200, 'mgr_department']);
    const mine = (token: string) => api('GET', '/partner-applications?mine=true&limit=100', { token }).then((answer) => answer.body.items.map((a: { id: string }) => a.id));
    expect(await mine(managerToken)).toContain(id);
    expect(await mine(other)).not.toContain(id);
    const missed = await asManager('POST', `/partner-applications/${id}/contact-attempts`, { note: 'No answer; left a voicemail.', reached: false });
    expect(missed.body).toMatchObject({ status: 'new', contactAttempts: [{ by: 'mgr_department', reached: false, note: 'No answer; left a voicemail.' }] });
    expect((await asManager('POST', `/partner-applications/${id}/contact-attempts`, { reached: false })).status).toBe(400);

    const found = await asManager('GET', `/partner-applications?search=${encodeURIComponent(company.split(' ')[1]!)}`);
    expect(found.body.items.map((a: { id: string }) => a.id)).toEqual([id]);

    // A missed attempt does not stop the clock: 49 hours on, the escalation lists it as overdue, with its holder.
    local.stack.advanceClock(49 * 60 * 60 * 1000);
    await local.stack.runJob('escalateApplications');
    const overdue = await asManager('GET', '/partner-applications?status=escalated&limit=100');
    expect(overdue.body.items.find((a: { id: string }) => a.id === id)).toMatchObject({ status: 'escalated', assignedTo: 'mgr_department' });
    const reached = await api('POST', `/partner-applications/${id}/contact-attempts`, { token: other, body: { note: 'Spoke with Ann.', reached: true } });
    expect(reached.body).toMatchObject({ status: 'contacted', contactedBy: 'mgr_other' });
    expect(reached.body.contactAttempts).toHaveLength(2);
  });
});

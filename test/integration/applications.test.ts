import { DynamoPartnerRepository } from '../../shared/adapters/dynamodb/DynamoPartnerRepository';
import { LocalAccountDirectory } from '../../shared/adapters/local/LocalAccountDirectory';
import { FixedClock } from '../../shared/domain/Clock';
import { decideApplication } from '../../shared/domain/applications/decideApplication';
import { escalateOverdueApplications } from '../../shared/domain/applications/escalateOverdueApplications';
import { DUPLICATE_WINDOW_MS, submitApplication } from '../../shared/domain/applications/submitApplication';
import { ConflictError, InvalidTransitionError, NotFoundError } from '../../shared/domain/errors';
import type { Mailer } from '../../shared/ports/Mailer';
import { applicationForm, applicationTestDeps, uniqueEmail as fixtureEmail } from '../support/applicationFixtures';
import { useLocalTables } from '../support/localTables';
import { mailsTo } from '../support/sesInbox';

const tables = useLocalTables();
const HOUR = 60 * 60 * 1000;

const uniqueEmail = () => fixtureEmail();
const form = (email?: string) => applicationForm(email);
const deps = (clock: FixedClock, mailer?: Mailer) => applicationTestDeps(tables.documentClient(), clock, mailer);

describe('submitApplication', () => {
  it('stores a new application and mails the applicant that a manager calls within 48 hours', async () => {
    const clock = new FixedClock('2026-03-01T10:00:00Z');
    const input = form();
    const { application, created } = await submitApplication(deps(clock), input);

    expect(created).toBe(true);
    expect(application.status).toBe('new');
    expect(application.contactDueAt.toISOString()).toBe('2026-03-03T10:00:00.000Z');
    const stored = await deps(clock).applications.get(application.id);
    expect(stored).toMatchObject({ id: application.id, email: input.email, status: 'new' });
    const mails = await mailsTo(input.email);
    expect(mails.map((mail) => mail.subject)).toEqual(['We received your application to the Partnerdesk Cloud partner program']);
  });

  it('returns the first application for an identical form within the window, and a new one after it', async () => {
    const clock = new FixedClock('2026-03-01T10:00:00Z');
    const input = form();
    const first = await submitApplication(deps(clock), input);
    clock.advance(DUPLICATE_WINDOW_MS - 1000);
    const again = await submitApplication(deps(clock), { ...input, email: input.email.toUpperCase() });
    clock.advance(2000);
    const later = await submitApplication(deps(clock), input);

    expect(again).toEqual({ application: expect.objectContaining({ id: first.application.id }), created: false });
    expect(later.created).toBe(true);
    expect(later.application.id).not.toBe(first.application.id);
    expect(await mailsTo(input.email)).toHaveLength(2);
  });

  it('keeps the application when the mail fails, and the next job run delivers it', async () => {
    const clock = new FixedClock('2026-03-01T10:00:00Z');
    const input = form();
    const failing: Mailer = { send: async () => { throw new Error('SES is down'); } };
    const { application } = await submitApplication(deps(clock, failing), input);

    expect(await deps(clock).applications.get(application.id)).toBeDefined();
    expect(await mailsTo(input.email)).toHaveLength(0);

    clock.advance(3 * 60 * 1000); // past the failed sender's lease
    await escalateOverdueApplications(deps(clock));
    expect((await mailsTo(input.email)).map((mail) => mail.subject)).toEqual(['We received your application to the Partnerdesk Cloud partner program']);
  });
});

describe('decideApplication', () => {
  it('contacts, then approves: the partner account is bound to the application e-mail and can log in', async () => {
    const clock = new FixedClock('2026-03-01T10:00:00Z');
    const input = form();
    const { application } = await submitApplication(deps(clock), input);

    clock.advance(HOUR);
    const contacted = await decideApplication(deps(clock), application.id, 'mgr_1', { action: 'contact' });
    const approved = await decideApplication(deps(clock), application.id, 'mgr_1', { action: 'approve' });

    expect(contacted.status).toBe('contacted');
    expect(approved).toMatchObject({ status: 'approved', decidedBy: 'mgr_1' });
    const partner = await new DynamoPartnerRepository(tables.documentClient()).findByEmail(input.email);
    expect(partner).toMatchObject({ partnerId: approved.partnerId, email: input.email, name: 'Lee IT', applicationId: application.id });
    const login = await new LocalAccountDirectory(tables.documentClient()).findLogin(input.email);
    expect(login).toMatchObject({ role: 'partner', partnerId: approved.partnerId, enabled: true });
    expect((await mailsTo(input.email)).map((mail) => mail.subject)).toContain('Welcome to the Partnerdesk Cloud partner program');
  });

  it('refuses approval before contact and after rejection with InvalidTransitionError', async () => {
    const clock = new FixedClock('2026-03-01T10:00:00Z');
    const { application } = await submitApplication(deps(clock), form());

    await expect(decideApplication(deps(clock), application.id, 'mgr_1', { action: 'approve' })).rejects.toThrow(InvalidTransitionError);
    await decideApplication(deps(clock), application.id, 'mgr_1', { action: 'reject', reason: 'Spam' });
    await expect(decideApplication(deps(clock), application.id, 'mgr_1', { action: 'contact' })).rejects.toThrow(InvalidTransitionError);
    expect(await deps(clock).applications.get(application.id)).toMatchObject({ status: 'rejected', rejectionReason: 'Spam' });
  });

  it('answers NotFound for an unknown application', async () => {
    const clock = new FixedClock('2026-03-01T10:00:00Z');
    await expect(decideApplication(deps(clock), 'app_missing', 'mgr_1', { action: 'contact' })).rejects.toThrow(NotFoundError);
  });

  it('lets only one of two concurrent decisions win', async () => {
    const clock = new FixedClock('2026-03-01T10:00:00Z');
    const { application } = await submitApplication(deps(clock), form());
    await decideApplication(deps(clock), application.id, 'mgr_1', { action: 'contact' });

    const results = await Promise.allSettled([
      decideApplication(deps(clock), application.id, 'mgr_1', { action: 'approve' }),
      decideApplication(deps(clock), application.id, 'mgr_2', { action: 'reject', reason: 'No' }),
    ]);
    expect(results.filter((result) => result.status === 'fulfilled')).toHaveLength(1);
    const rejected = results.find((result) => result.status === 'rejected');
    expect((rejected as PromiseRejectedResult).reason).toBeInstanceOf(InvalidTransitionError);
  });

  it('refuses to approve a second application with an e-mail that already belongs to a partner', async () => {
    const clock = new FixedClock('2026-03-01T10:00:00Z');
    const email = uniqueEmail();
    const ids = [];
    for (const message of ['first', 'second']) {
      const { application } = await submitApplication(deps(clock), { ...form(email), message });
      await decideApplication(deps(clock), application.id, 'mgr_1', { action: 'contact' });
      ids.push(application.id);
    }
    await decideApplication(deps(clock), ids[0] ?? '', 'mgr_1', { action: 'approve' });

    await expect(decideApplication(deps(clock), ids[1] ?? '', 'mgr_1', { action: 'approve' })).rejects.toThrow(ConflictError);
    expect(await deps(clock).applications.get(ids[1] ?? '')).toMatchObject({ status: 'contacted' });
  });

  it('refuses to approve an e-mail that is a manager\'s login (staff_login_exists): nothing changes, the manager stays a manager (issue 26)', async () => {
    const clock = new FixedClock('2026-03-01T10:00:00Z');
    const directory = new LocalAccountDirectory(tables.documentClient());
    const managerEmail = uniqueEmail();
    await directory.createManagerLogin(managerEmail, 'A Manager');
    const { application } = await submitApplication(deps(clock), form(managerEmail.toUpperCase()));
    await decideApplication(deps(clock), application.id, 'mgr_1', { action: 'contact' });

    await expect(decideApplication(deps(clock), application.id, 'mgr_1', { action: 'approve' }))
      .rejects.toMatchObject({ constructor: ConflictError, code: 'staff_login_exists', details: { email: managerEmail } });

    expect(await deps(clock).applications.get(application.id)).toMatchObject({ status: 'contacted' });
    expect(await new DynamoPartnerRepository(tables.documentClient()).findByEmail(managerEmail)).toBeUndefined();
    expect(await directory.findLogin(managerEmail)).toMatchObject({ role: 'manager', enabled: true });
    expect(await directory.findLogin(managerEmail)).not.toHaveProperty('partnerId');
  });

  it('refuses even with the ended-partner override an e-mail that is a login of a partner who does not hold it: nothing changes, that login stays its partner\'s', async () => {
    const clock = new FixedClock('2026-03-01T10:00:00Z');
    const directory = new LocalAccountDirectory(tables.documentClient());
    const email = uniqueEmail();
    await directory.createPartnerLogin({ email, partnerId: 'ptn_elsewhere', name: 'Elsewhere' });
    const { application } = await submitApplication(deps(clock), form(email));
    await decideApplication(deps(clock), application.id, 'mgr_1', { action: 'contact' });

    await expect(decideApplication(deps(clock), application.id, 'mgr_1', { action: 'approve', reapproveEndedPartner: true }))
      .rejects.toMatchObject({ constructor: ConflictError, code: 'staff_login_exists' });

    expect(await deps(clock).applications.get(application.id)).toMatchObject({ status: 'contacted' });
    expect(await directory.findLogin(email)).toMatchObject({ role: 'partner', partnerId: 'ptn_elsewhere', enabled: true });
  });
});

describe('the account directory (local twin of the staff pool)', () => {
  it('never rewrites an existing login: a retry for the same partner is a no-op, any other partner or a manager is refused', async () => {
    const directory = new LocalAccountDirectory(tables.documentClient());
    const managerEmail = uniqueEmail();
    const partnerEmail = uniqueEmail();
    await directory.createManagerLogin(managerEmail, 'A Manager');
    await directory.createPartnerLogin({ email: partnerEmail, partnerId: 'ptn_a', name: 'A' });

    await expect(directory.createPartnerLogin({ email: partnerEmail.toUpperCase(), partnerId: 'ptn_a', name: 'A' })).resolves.toBeUndefined();
    await expect(directory.createPartnerLogin({ email: partnerEmail, partnerId: 'ptn_b', name: 'B' })).rejects.toMatchObject({ code: 'staff_login_exists' });
    await expect(directory.createPartnerLogin({ email: managerEmail, partnerId: 'ptn_c', name: 'C' })).rejects.toMatchObject({ code: 'staff_login_exists' });

    expect(await directory.findLogin(partnerEmail)).toMatchObject({ role: 'partner', partnerId: 'ptn_a' });
    expect(await directory.findLogin(managerEmail)).toMatchObject({ role: 'manager' });
    expect(await directory.findStaffLogin(managerEmail.toUpperCase())).toEqual({ role: 'manager', partnerId: undefined });
    expect(await directory.findStaffLogin(uniqueEmail())).toBeUndefined();
  });
});

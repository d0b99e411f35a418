import { FixedClock } from '../../shared/domain/Clock';
import { decideApplication } from '../../shared/domain/applications/decideApplication';
import { MAX_NOTICE_ATTEMPTS, NOTICE_LEASE_MS } from '../../shared/domain/applications/deliverNotices';
import { escalateOverdueApplications } from '../../shared/domain/applications/escalateOverdueApplications';
import { CONTACT_DEADLINE_MS } from '../../shared/domain/applications/PartnerApplication';
import { submitApplication } from '../../shared/domain/applications/submitApplication';
import type { Mailer } from '../../shared/ports/Mailer';
import { applicationForm, applicationTestDeps } from '../support/applicationFixtures';
import { useLocalTables } from '../support/localTables';
import { mailsTo } from '../support/sesInbox';

// Own tables: the run totals below count every overdue application in them.
const tables = useLocalTables();
const HOUR = 60 * 60 * 1000;

const form = (email?: string) => applicationForm(email);
const deps = (clock: FixedClock, mailer?: Mailer) => applicationTestDeps(tables.documentClient(), clock, mailer);

describe('escalateOverdueApplications', () => {
  it('escalates only applications untouched for 48 hours, once, however often the job runs', async () => {
    const clock = new FixedClock('2026-04-01T10:00:00Z');
    const d = deps(clock);
    const untouched = await submitApplication(d, form());
    const contacted = await submitApplication(d, form());
    await decideApplication(d, contacted.application.id, 'mgr_1', { action: 'contact' });
    clock.advance(CONTACT_DEADLINE_MS - 60_000);
    const fresh = await submitApplication(d, form());

    clock.advance(60_000);
    const runs = await Promise.all([escalateOverdueApplications(d), escalateOverdueApplications(d), escalateOverdueApplications(d)]);
    clock.advance(HOUR);
    const later = await escalateOverdueApplications(d);

    expect(runs.reduce((sum, run) => sum + run.escalated, 0)).toBe(1);
    expect(later.escalated).toBe(0);
    expect(await d.applications.get(untouched.application.id)).toMatchObject({ status: 'escalated' });
    expect(await d.applications.get(contacted.application.id)).toMatchObject({ status: 'contacted' });
    expect(await d.applications.get(fresh.application.id)).toMatchObject({ status: 'new' });
    expect((await mailsTo(d.settings.departmentEmail)).map((mail) => mail.body.text)).toEqual([
      expect.stringContaining(untouched.application.id),
    ]);
    expect((await mailsTo(untouched.application.email)).map((mail) => mail.subject)).toEqual([
      'We received your partner application',
      'Your partner application: please contact support',
    ]);
  });

  it('lets a manager still contact an escalated application', async () => {
    const clock = new FixedClock('2026-04-01T10:00:00Z');
    const d = deps(clock);
    const { application } = await submitApplication(d, form());
    clock.advance(CONTACT_DEADLINE_MS);
    await escalateOverdueApplications(d);

    const contacted = await decideApplication(d, application.id, 'mgr_1', { action: 'contact' });
    expect(contacted.status).toBe('contacted');
    expect(contacted.escalatedAt?.toISOString()).toBe('2026-04-03T10:00:00.000Z');
  });

  it('gives a notice up after its last attempt: marked failed for managers, never retried again', async () => {
    const clock = new FixedClock('2026-04-01T10:00:00Z');
    const refusing: Mailer = { send: async () => { throw new Error('mail provider refused'); } };
    const d = deps(clock, refusing);
    const { application } = await submitApplication(d, form()); // attempt 1: the request's own send

    const runs = [];
    for (let run = 0; run < MAX_NOTICE_ATTEMPTS + 2; run += 1) {
      clock.advance(NOTICE_LEASE_MS);
      runs.push(await escalateOverdueApplications(d));
    }

    expect(runs.map((run) => [run.failed, run.abandoned.length])).toEqual([
      ...Array.from({ length: MAX_NOTICE_ATTEMPTS - 2 }, () => [1, 0]),
      [0, 1],
      [0, 0],
      [0, 0],
      [0, 0],
    ]);
    expect(runs[MAX_NOTICE_ATTEMPTS - 2]?.abandoned).toEqual([{ id: application.id, notice: 'received' }]);
    expect(await d.applications.get(application.id)).toMatchObject({
      status: 'new',
      noticeFailed: { notice: 'received', attempts: MAX_NOTICE_ATTEMPTS, at: expect.any(Date) },
    });
    expect(await d.applications.dueNotices(new Date('2027-01-01T00:00:00Z'), 100)).toEqual([]);
  });

  it('counts attempts afresh for a later notice, which is delivered once the mail works again', async () => {
    const clock = new FixedClock('2026-04-01T10:00:00Z');
    let working = false;
    const flaky: Mailer = { send: async (mail) => { if (!working) throw new Error('down'); await applicationTestDeps(tables.documentClient(), clock).mailer.send(mail); } };
    const d = deps(clock, flaky);
    const { application } = await submitApplication(d, form());
    for (let run = 1; run < MAX_NOTICE_ATTEMPTS; run += 1) {
      clock.advance(NOTICE_LEASE_MS);
      await escalateOverdueApplications(d);
    }
    await decideApplication(d, application.id, 'mgr_1', { action: 'reject', reason: 'Not a reseller' });
    working = true;
    clock.advance(NOTICE_LEASE_MS);
    const run = await escalateOverdueApplications(d);

    expect(run).toMatchObject({ delivered: 1, failed: 0, abandoned: [] });
    expect((await mailsTo(application.email)).map((mail) => mail.subject)).toEqual(['Your partner application']);
  });
});

describe('escalateOverdueApplications within a time budget', () => {
  it('stops escalating when the time is short and the next run takes the rest, each application once', async () => {
    const clock = new FixedClock('2026-05-01T10:00:00Z');
    const d = deps(clock);
    await escalateOverdueApplications(d); // what earlier tests in these tables left overdue
    const submitted = await Promise.all([form(), form(), form()].map((f) => submitApplication(d, f)));
    clock.advance(CONTACT_DEADLINE_MS);
    let looks = 3; // one look before the page, one before each of two applications
    const short = await escalateOverdueApplications(d, { hasTimeLeft: () => looks-- > 0 });
    const statuses = await Promise.all(submitted.map(async ({ application }) => (await d.applications.get(application.id))?.status));

    const next = await escalateOverdueApplications(d);

    expect(short).toMatchObject({ escalated: 2, delivered: 0 });
    expect(statuses.sort()).toEqual(['escalated', 'escalated', 'new']);
    expect(next.escalated).toBe(1);
    for (const { application } of submitted) expect(await d.applications.get(application.id)).toMatchObject({ status: 'escalated' });
  });
});

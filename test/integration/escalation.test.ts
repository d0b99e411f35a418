import { FixedClock } from '../../shared/domain/Clock';
import { decideApplication } from '../../shared/domain/applications/decideApplication';
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
});

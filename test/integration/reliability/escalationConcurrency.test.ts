import type { ScheduledEvent } from 'aws-lambda';
import { handler as escalateApplications } from '../../../functions/escalateApplications';
import { FixedClock } from '../../../shared/domain/Clock';
import { CONTACT_DEADLINE_MS } from '../../../shared/domain/applications/PartnerApplication';
import { submitApplication } from '../../../shared/domain/applications/submitApplication';
import { applicationForm, applicationTestDeps, uniqueEmail } from '../../support/applicationFixtures';
import { useLocalTables } from '../../support/localTables';
import { mailsTo } from '../../support/sesInbox';

// Own tables: the job sees exactly the applications of this file.
const tables = useLocalTables();

const OVERDUE = 30;
const PARALLEL_RUNS = 5;
const scheduledEvent = { 'detail-type': 'Scheduled Event', source: 'aws.events', detail: {} } as ScheduledEvent;

describe('escalateApplications (the scheduled job)', () => {
  it('escalates each overdue application exactly once and sends one mail pair per application when runs overlap', async () => {
    const departmentEmail = uniqueEmail('dept');
    process.env.PARTNER_DEPARTMENT_EMAIL = departmentEmail;
    const past = new FixedClock(new Date(Date.now() - CONTACT_DEADLINE_MS - 60 * 60 * 1000));
    const applications = [];
    for (let i = 0; i < OVERDUE; i += 1) {
      applications.push((await submitApplication(applicationTestDeps(tables.documentClient(), past), applicationForm())).application);
    }

    const runs = await Promise.all(Array.from({ length: PARALLEL_RUNS }, () => escalateApplications(scheduledEvent)));

    expect(runs.reduce((sum, run) => sum + run.escalated, 0)).toBe(OVERDUE);
    expect(runs.reduce((sum, run) => sum + run.delivered, 0)).toBe(OVERDUE);
    for (const application of applications) {
      expect((await mailsTo(application.email)).map((mail) => mail.subject)).toEqual([
        'We received your application to the Partnerdesk Cloud partner program',
        'Your application to the Partnerdesk Cloud partner program: please contact support',
      ]);
    }
    const departmentMails = await mailsTo(departmentEmail);
    expect(departmentMails).toHaveLength(OVERDUE);
    for (const application of applications) {
      expect(departmentMails.filter((mail) => (mail.body.text ?? '').includes(application.id))).toHaveLength(1);
    }
  });

  afterAll(() => {
    delete process.env.PARTNER_DEPARTMENT_EMAIL;
  });
});

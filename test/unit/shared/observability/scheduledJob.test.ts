import { Metrics } from '@aws-lambda-powertools/metrics';
import type { Context, ScheduledEvent } from 'aws-lambda';
import { FixedClock } from '../../../../shared/domain/Clock';
import { JobMadeNoProgressError, type JobRun } from '../../../../shared/domain/JobRun';
import { JOB_TIME_RESERVE_MS, scheduledJob } from '../../../../shared/observability/scheduledJob';
import { withEmfDocuments } from '../../../support/emfDocuments';

const event = { id: 'schedule-event-1', 'detail-type': 'Scheduled Event', source: 'aws.events', detail: {} } as ScheduledEvent;
const clock = new FixedClock('2026-12-01T12:00:00Z');

/** The EMF documents the job printed, as CloudWatch would read them from the log. */
function emfOf(run: () => Promise<JobRun>): Promise<{ outcome: unknown; documents: Record<string, unknown>[] }> {
  // Metrics reads POWERTOOLS_METRICS_DISABLED when it is made: inside, where it is off.
  return withEmfDocuments(() => {
    const metrics = new Metrics({ namespace: 'partnerdesk/test', serviceName: 'partnerdesk', defaultDimensions: { job: 'testJob' } });
    return scheduledJob({ job: 'testJob', clock, run, metrics })(event);
  });
}

describe('scheduledJob', () => {
  it('emits processed, failed and the oldest overdue age as EMF with the job as dimension, and returns the run', async () => {
    const run = { processed: 3, failed: 1, oldestDueAt: new Date('2026-12-01T11:40:00Z') };

    const { outcome, documents } = await emfOf(async () => run);

    expect(outcome).toEqual(run);
    expect(documents).toHaveLength(1);
    expect(documents[0]).toMatchObject({
      _aws: {
        CloudWatchMetrics: [
          expect.objectContaining({
            Namespace: 'partnerdesk/test',
            Dimensions: [expect.arrayContaining(['service', 'job'])],
            Metrics: expect.arrayContaining([
              { Name: 'processed', Unit: 'Count' },
              { Name: 'failed', Unit: 'Count' },
              { Name: 'oldestOverdueAge', Unit: 'Seconds' },
            ]),
          }),
        ],
      },
      service: 'partnerdesk',
      job: 'testJob',
      processed: 3,
      failed: 1,
      oldestOverdueAge: 20 * 60,
    });
  });

  it('reports an age of 0 when nothing was due', async () => {
    const { documents } = await emfOf(async () => ({ processed: 0, failed: 0 }));

    expect(documents[0]).toMatchObject({ processed: 0, failed: 0, oldestOverdueAge: 0 });
  });

  it('fails loudly when every attempt failed, after emitting the metrics of that run', async () => {
    const { outcome, documents } = await emfOf(async () => ({ processed: 0, failed: 4, oldestDueAt: new Date('2026-12-01T11:00:00Z') }));

    expect(outcome).toBeInstanceOf(JobMadeNoProgressError);
    expect(documents[0]).toMatchObject({ processed: 0, failed: 4, oldestOverdueAge: 3600 });
  });

  it('lets an error of the run itself through, as the function error it is', async () => {
    const { outcome, documents } = await emfOf(async () => {
      throw new Error('DynamoDB is down');
    });

    expect(outcome).toEqual(new Error('DynamoDB is down'));
    expect(documents).toEqual([]);
  });
});

describe('scheduledJob time budget', () => {
  /** A Lambda context whose invocation has `remaining` milliseconds left at each look, in turn. */
  function contextWith(...remaining: number[]): Context {
    let look = 0;
    return { getRemainingTimeInMillis: () => remaining[Math.min(look++, remaining.length - 1)] } as unknown as Context;
  }

  it('lets the run take work while more than the reserve is left, and stop once it is not', async () => {
    const seen: boolean[] = [];
    const handler = scheduledJob({
      job: 'testJob',
      clock,
      metrics: new Metrics({ namespace: 'partnerdesk/test', serviceName: 'partnerdesk' }),
      run: async (budget) => {
        while (budget.hasTimeLeft()) seen.push(true);
        return { processed: seen.length, failed: 0 };
      },
    });

    const run = await handler(event, contextWith(50_000, JOB_TIME_RESERVE_MS + 1, JOB_TIME_RESERVE_MS, 40_000));

    expect(run).toEqual({ processed: 2, failed: 0 });
  });

  it('flushes the metrics of a run the budget cut short', async () => {
    const { documents } = await withEmfDocuments(() => scheduledJob({
      job: 'testJob',
      clock,
      metrics: new Metrics({ namespace: 'partnerdesk/test', serviceName: 'partnerdesk' }),
      run: async (budget) => ({ processed: budget.hasTimeLeft() ? 1 : 0, failed: 0 }),
    })(event, contextWith(5_000)));

    expect(documents).toEqual([expect.objectContaining({ processed: 0, failed: 0 })]);
  });

});

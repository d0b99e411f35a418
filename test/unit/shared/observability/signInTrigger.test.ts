import { Metrics } from '@aws-lambda-powertools/metrics';
import { NotPermittedError } from '../../../../shared/domain/errors';
import { SIGN_IN_METRICS, signInTrigger } from '../../../../shared/observability/signInTrigger';
import { withEmfDocuments } from '../../../support/emfDocuments';

/** Runs one trigger invocation and returns its outcome and the EMF documents it printed. */
function invoke(admit: (event: { n: number }) => Promise<{ n: number }>): Promise<{ outcome: unknown; documents: Record<string, unknown>[] }> {
  // Metrics reads POWERTOOLS_METRICS_DISABLED when it is made: inside, where it is off.
  return withEmfDocuments(() =>
    signInTrigger({ name: 'consoleSignInGate', admit, metrics: new Metrics({ namespace: 'partnerdesk/test', serviceName: 'consoleSignInGate' }) })({ n: 1 }));
}

describe('signInTrigger', () => {
  it('lets an admitted user through with no metric', async () => {
    const { outcome, documents } = await invoke(async (event) => event);

    expect(outcome).toEqual({ n: 1 });
    expect(documents).toEqual([]);
  });

  it('counts a refusal of the gate as a refusal, never as an error, and still refuses', async () => {
    const refusal = new NotPermittedError('login_disabled', 'blocked', {});

    const { outcome, documents } = await invoke(async () => {
      throw refusal;
    });

    expect(outcome).toBe(refusal);
    expect(documents).toEqual([expect.objectContaining({ service: 'consoleSignInGate', [SIGN_IN_METRICS.refusals]: 1 })]);
    expect(documents[0]).not.toHaveProperty(SIGN_IN_METRICS.errors);
  });

  it('counts a failure of the gate itself (a time-out) as an error, which the alarm watches', async () => {
    const timeout = Object.assign(new Error('socket hang up'), { name: 'TimeoutError' });

    const { outcome, documents } = await invoke(async () => {
      throw timeout;
    });

    expect(outcome).toBe(timeout);
    expect(documents).toEqual([expect.objectContaining({ service: 'consoleSignInGate', [SIGN_IN_METRICS.errors]: 1 })]);
    expect(documents[0]).not.toHaveProperty(SIGN_IN_METRICS.refusals);
  });
});

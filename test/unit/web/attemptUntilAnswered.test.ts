import { describeProblem, UNREACHABLE } from '../../../web/src/api/errorMessages';
import { untilAnswered } from '../../../web/src/api/resend';

const problem = (status: number, code: string) => ({ ok: false as const, problem: describeProblem(status, { error: { code, message: code, details: {} } }, null) });

describe('untilAnswered (how the console confirms a bulk operation)', () => {
  beforeEach(() => jest.useFakeTimers());
  afterEach(() => jest.useRealTimers());

  it('sends a change again by itself while its answer is lost (no answer, 504, in progress), then takes the answer', async () => {
    const answers = [{ ok: false as const, problem: UNREACHABLE }, problem(504, 'http_504'), problem(409, 'request_in_progress'), { ok: true as const, data: 'report' }];
    const call = jest.fn(async () => answers.shift()!);

    const pending = untilAnswered(call);
    await jest.runAllTimersAsync();

    await expect(pending).resolves.toEqual({ ok: true, data: 'report' });
    expect(call).toHaveBeenCalledTimes(4);
  });

  it('does not send again after an answer that says what happened (a 4xx), and gives up after four tries', async () => {
    const refused = jest.fn(async () => problem(400, 'confirmation_mismatch'));
    const pendingRefused = untilAnswered(refused);
    await jest.runAllTimersAsync();
    await expect(pendingRefused).resolves.toMatchObject({ ok: false, problem: { code: 'confirmation_mismatch' } });
    expect(refused).toHaveBeenCalledTimes(1);

    const down = jest.fn(async () => problem(503, 'unavailable'));
    const pendingDown = untilAnswered(down);
    await jest.runAllTimersAsync();
    await expect(pendingDown).resolves.toMatchObject({ ok: false, problem: { status: 503 } });
    expect(down).toHaveBeenCalledTimes(4);
  });
});

import { ConcurrentChangeError, retryOnConcurrentChange } from '../../../../shared/domain/ConcurrentChange';
import { NotFoundError } from '../../../../shared/domain/errors';

describe('retryOnConcurrentChange', () => {
  it('decides again after a concurrent change and returns the later result', async () => {
    let calls = 0;
    const result = await retryOnConcurrentChange(async () => {
      calls += 1;
      if (calls < 3) throw new ConcurrentChangeError('client');
      return `done after ${calls}`;
    });
    expect(result).toBe('done after 3');
  });

  it('gives up after a bounded number of attempts with the conflict', async () => {
    let calls = 0;
    const attempt = retryOnConcurrentChange(async () => {
      calls += 1;
      throw new ConcurrentChangeError('client');
    });
    await expect(attempt).rejects.toMatchObject({ code: 'concurrent_change' });
    expect(calls).toBeGreaterThan(1);
    expect(calls).toBeLessThan(10);
  });

  it('does not retry other errors', async () => {
    let calls = 0;
    await expect(retryOnConcurrentChange(async () => {
      calls += 1;
      throw new NotFoundError('Client');
    })).rejects.toBeInstanceOf(NotFoundError);
    expect(calls).toBe(1);
  });
});

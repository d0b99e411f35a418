import { endpointUrlProblem, isDeliverableAddress } from '../../../../../shared/domain/webhooks/webhookAddress';
import { DISABLE_AFTER_FAILING_MS, endpointToDisable, RETRY_DELAYS_SECONDS, retryDelaySeconds } from '../../../../../shared/domain/webhooks/deliverySchedule';

describe('isDeliverableAddress (SSRF)', () => {
  it.each([
    '10.0.0.1', '172.16.5.4', '192.168.1.1', '127.0.0.1', '169.254.169.254', '100.64.0.1', '0.0.0.0', '224.0.0.1',
    '::1', '::', 'fd00:ec2::254', 'fe80::1', '::ffff:127.0.0.1', '::ffff:a9fe:a9fe', '64:ff9b::a00:1', '2002:a00:1::', 'not-an-ip',
  ])('refuses %s', (address) => {
    expect(isDeliverableAddress(address)).toBe(false);
  });

  it.each(['8.8.8.8', '1.1.1.1', '2a00:1450:4001:82a::200e', '95.108.213.1'])('allows the public address %s', (address) => {
    expect(isDeliverableAddress(address)).toBe(true);
  });

  it('allows loopback only when the setting says so, and nothing else private with it', () => {
    expect(isDeliverableAddress('127.0.0.1', true)).toBe(true);
    expect(isDeliverableAddress('::1', true)).toBe(true);
    expect(isDeliverableAddress('10.0.0.1', true)).toBe(false);
    expect(isDeliverableAddress('169.254.169.254', true)).toBe(false);
  });
});

describe('endpointUrlProblem', () => {
  it('takes https only, without credentials or a literal private address', () => {
    expect(endpointUrlProblem('https://crm.example.com/hooks')).toBeUndefined();
    expect(endpointUrlProblem('http://crm.example.com/hooks')).toBeDefined();
    expect(endpointUrlProblem('https://user:pw@crm.example.com/hooks')).toBeDefined();
    expect(endpointUrlProblem('https://169.254.169.254/latest/meta-data')).toBeDefined();
    expect(endpointUrlProblem('https://[::ffff:127.0.0.1]/')).toBeDefined();
    expect(endpointUrlProblem('ftp://crm.example.com')).toBeDefined();
    expect(endpointUrlProblem('not a url')).toBeDefined();
  });

  it('takes plain-http loopback only where the local setting allows it', () => {
    expect(endpointUrlProblem('http://127.0.0.1:4567/hooks', true)).toBeUndefined();
    expect(endpointUrlProblem('http://127.0.0.1:4567/hooks')).toBeDefined();
    expect(endpointUrlProblem('http://10.0.0.1/hooks', true)).toBeDefined();
  });
});

describe('the delivery schedule', () => {
  it('backs off exponentially and stops within a day; an endpoint failing for 24 h is disabled', () => {
    const delays = [1, 2, 3, 4, 5, 6, 7].map((attempt) => retryDelaySeconds(attempt)!);
    expect(delays).toEqual([...RETRY_DELAYS_SECONDS]);
    expect(delays.every((delay, i) => i === 0 || delay > delays[i - 1]!)).toBe(true);
    expect(delays.reduce((sum, delay) => sum + delay, 0) * 1000).toBeLessThan(DISABLE_AFTER_FAILING_MS);
    expect(retryDelaySeconds(8)).toBeUndefined();
    const since = new Date('2026-12-05T09:00:00.000Z');
    expect(endpointToDisable(since, new Date('2026-12-06T08:59:59.000Z'))).toBe(false);
    expect(endpointToDisable(since, new Date('2026-12-06T09:00:00.000Z'))).toBe(true);
    expect(endpointToDisable(undefined, new Date())).toBe(false);
  });
});

import fc from 'fast-check';
import { auditClientKey, auditKey, auditPeriodBounds } from '../../../../../shared/adapters/dynamodb/auditKeys';

describe('auditKeys', () => {
  it('keys entries by partner and sorts them by time', () => {
    expect(auditKey('ptn_1', new Date('2026-03-01T10:00:00Z'), 'aud_1')).toEqual({ pk: 'PARTNER#ptn_1', sk: '2026-03-01T10:00:00.000Z#aud_1' });
    expect(auditClientKey('ptn_1', 'cli_1')).toBe('ptn_1#cli_1');
  });

  it('selects exactly the entries at or after `from` and before `to`', () => {
    const instant = fc.date({ min: new Date('2000-01-01T00:00:00Z'), max: new Date('2100-01-01T00:00:00Z'), noInvalidDate: true });
    fc.assert(
      fc.property(instant, instant, instant, fc.stringMatching(/^aud_[0-9a-f]{4}$/), (at, from, to, id) => {
        const { sk } = auditKey('p', at, id);
        const { lower, upper } = auditPeriodBounds(from, to);
        expect(sk >= lower && sk <= upper).toBe(at >= from && at < to);
      }),
    );
  });

  it('selects everything when no period is given', () => {
    const { lower, upper } = auditPeriodBounds(undefined, undefined);
    const { sk } = auditKey('p', new Date('2026-03-01T10:00:00Z'), 'aud_1');
    expect(sk > lower && sk < upper).toBe(true);
  });
});

import fc from 'fast-check';
import { isoDate } from '../../../../../shared/adapters/dynamodb/storedDate';

describe('isoDate (a stored time)', () => {
  it('reads back every time as toISOString wrote it', () => {
    fc.assert(fc.property(fc.date({ noInvalidDate: true }), (time) => {
      expect(isoDate.parse(time.toISOString())).toEqual(time);
    }));
  });

  it.each([
    ['no milliseconds', '2026-12-01T21:33:48Z'],
    ['an offset', '2026-12-01T21:33:48.000+03:00'],
    ['a date only', '2026-12-01'],
    ['an impossible day', '2026-02-30T00:00:00.000Z'],
    ['not a time', 'tomorrow'],
    ['empty', ''],
  ])('refuses %s', (_, text) => {
    expect(isoDate.safeParse(text).success).toBe(false);
  });

  it('refuses what is not a string', () => {
    expect(isoDate.safeParse(1_764_625_000_000).success).toBe(false);
  });
});

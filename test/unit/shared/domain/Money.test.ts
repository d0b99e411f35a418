import fc from 'fast-check';
import { add, CurrencyMismatchError, isCurrencyCode, money, subtract, sum, zero } from '../../../../shared/domain/Money';
import { RuleViolationError } from '../../../../shared/domain/errors';

const amounts = fc.integer({ min: -1e12, max: 1e12 });

describe('Money', () => {
  it('adds and subtracts amounts of one currency exactly', () => {
    fc.assert(fc.property(amounts, amounts, (a, b) => {
      expect(add(money(a, 'RUB'), money(b, 'RUB'))).toEqual({ amount: a + b, currency: 'RUB' });
      expect(subtract(money(a, 'RUB'), money(b, 'RUB'))).toEqual({ amount: a - b, currency: 'RUB' });
      expect(subtract(add(money(a, 'RUB'), money(b, 'RUB')), money(b, 'RUB'))).toEqual(money(a, 'RUB'));
    }));
  });

  it('refuses to combine different currencies with a rule violation that names both', () => {
    const mixed = () => add(money(100, 'RUB'), money(100, 'USD'));
    expect(mixed).toThrow(CurrencyMismatchError);
    expect(mixed).toThrow(RuleViolationError);
    expect(() => subtract(money(1, 'EUR'), money(1, 'RUB'))).toThrow('Expected an amount in EUR, got RUB');
    expect(() => sum('RUB', [money(1, 'RUB'), money(1, 'KZT')])).toThrow(CurrencyMismatchError);
  });

  it('rejects fractions, unsafe integers and malformed currency codes', () => {
    expect(() => money(10.5, 'RUB')).toThrow(RangeError);
    expect(() => money(Number.NaN, 'RUB')).toThrow(RangeError);
    expect(() => money(Number.MAX_SAFE_INTEGER + 1, 'RUB')).toThrow(RangeError);
    expect(() => add(money(Number.MAX_SAFE_INTEGER, 'RUB'), money(1, 'RUB'))).toThrow(RangeError);
    for (const code of ['rub', 'RU', 'RUBL', '']) expect(() => money(1, code)).toThrow(RangeError);
    expect(isCurrencyCode('RUB')).toBe(true);
    expect(isCurrencyCode('Rub')).toBe(false);
  });

  it('sums any list, with zero for none and no negative zero', () => {
    fc.assert(fc.property(fc.array(amounts, { maxLength: 50 }), (list) => {
      const total = sum('RUB', list.map((amount) => money(amount, 'RUB')));
      expect(total).toEqual({ amount: list.reduce((acc, amount) => acc + amount, 0), currency: 'RUB' });
    }));
    expect(sum('USD', [])).toEqual(zero('USD'));
    expect(Object.is(subtract(money(0, 'RUB'), money(0, 'RUB')).amount, 0)).toBe(true);
    expect(Object.is(money(-0, 'RUB').amount, 0)).toBe(true);
  });
});

/**
 * The one money type: an integer amount of minor units (kopecks for RUB) and an ISO 4217 code.
 * No floats anywhere: amounts are safe integers and every operation checks that it stays one.
 */
import { RuleViolationError } from './errors';

/** An amount of money in minor units, e.g. `{ amount: 12_345, currency: 'RUB' }` is 123.45 ₽. */
export interface Money {
  /** Minor units (kopecks, cents); may be negative (a balance in debt). */
  readonly amount: number;
  /** ISO 4217 alphabetic code, upper case. */
  readonly currency: string;
}

/** ISO 4217 alphabetic codes are three upper-case Latin letters. */
const CURRENCY_CODE = /^[A-Z]{3}$/;

/** Two amounts in different currencies were combined. */
export class CurrencyMismatchError extends RuleViolationError {
  public constructor(expected: string, actual: string) {
    super('currency_mismatch', `Expected an amount in ${expected}, got ${actual}`, { expected, actual });
  }
}

/** Whether `code` looks like an ISO 4217 alphabetic currency code. */
export function isCurrencyCode(code: string): boolean {
  return CURRENCY_CODE.test(code);
}

/**
 * Makes a money value; throws on a fractional or unsafe amount or a malformed currency code.
 *
 * @example
 * money(150_00, 'RUB'); // 150.00 ₽
 */
export function money(amount: number, currency: string): Money {
  if (!Number.isSafeInteger(amount)) throw new RangeError(`Money amount must be a safe integer of minor units, got ${amount}`);
  if (!isCurrencyCode(currency)) throw new RangeError(`Not an ISO 4217 currency code: '${currency}'`);
  // `+ 0` turns -0 into 0, so equal amounts serialize and compare alike.
  return { amount: amount + 0, currency };
}

/** Zero in a currency. */
export function zero(currency: string): Money {
  return money(0, currency);
}

/** `a + b`; both must be in the same currency. */
export function add(a: Money, b: Money): Money {
  assertSameCurrency(a, b);
  return money(a.amount + b.amount, a.currency);
}

/** `a - b`; both must be in the same currency. */
export function subtract(a: Money, b: Money): Money {
  assertSameCurrency(a, b);
  return money(a.amount - b.amount, a.currency);
}

/** The sum of `amounts`, all in `currency` (zero for none). */
export function sum(currency: string, amounts: Iterable<Money>): Money {
  let total = zero(currency);
  for (const amount of amounts) total = add(total, amount);
  return total;
}

/** Throws `CurrencyMismatchError` unless `b` is in the currency of `a`. */
export function assertSameCurrency(a: Money, b: Money): void {
  if (a.currency !== b.currency) throw new CurrencyMismatchError(a.currency, b.currency);
}

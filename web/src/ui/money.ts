/** Money as people read it: integer minor units (kopecks) with an ISO 4217 currency. */

/** A money value as the API sends it. */
export interface Money {
  readonly amount: number;
  readonly currency: string;
}

const formatters = new Map<string, Intl.NumberFormat>();

/** `123456` RUB → `₽1,234.56`; negative amounts keep their sign. */
export function formatMoney(money: Money): string {
  let format = formatters.get(money.currency);
  if (!format) {
    format = new Intl.NumberFormat('en-GB', { style: 'currency', currency: money.currency });
    formatters.set(money.currency, format);
  }
  return format.format(money.amount / 100);
}

/** A currency as a reader of the page's language writes it beside an amount (`RUB` → "₽"): labels name the symbol, not the ISO code. */
import { LOCALES } from '../../i18n/format';
import { language } from '../../i18n/language';

/** The narrow symbol of `currency` in the page's language (the code itself when `Intl` knows none). */
export function currencySymbol(currency: string): string {
  try {
    return new Intl.NumberFormat(LOCALES[language.value], { style: 'currency', currency, currencyDisplay: 'narrowSymbol' })
      .formatToParts(0).find((part) => part.type === 'currency')?.value ?? currency;
  } catch {
    return currency;
  }
}

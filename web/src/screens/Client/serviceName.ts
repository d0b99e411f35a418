/** Services by the names the cloud's documentation gives them, in the page's language. */
import { CATALOGUES } from '../../i18n/catalogue';
import { type Language, language } from '../../i18n/language';

/** A service's display name (its slug when the catalogue does not know it). */
export function serviceName(slug: string, lang: Language = language.value): string {
  return CATALOGUES[lang].expenses.services[slug] ?? slug;
}

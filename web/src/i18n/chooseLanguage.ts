/** The language switch: the same screen in the other language, the choice remembered for the next visit. */
import { localized, navigate, route } from '../router';
import { type Language, rememberLanguage } from './language';

/** The address of the current screen in `lang`. */
export function addressIn(lang: Language): string {
  const search = window.location.search;
  return localized(`${route.value.path}${search}`, lang);
}

/** Switches the page to `lang`, keeping the screen, its filters and its open state. */
export function chooseLanguage(lang: Language): void {
  rememberLanguage(lang);
  navigate(addressIn(lang), { replace: true });
}

/**
 * The language switch: the same screen in the other language, the choice remembered in this
 * browser for the next visit to an address without a language.
 */
import { localized, navigate, route } from '../router';
import { asLanguage, type Language, languageFor } from './language';

const STORAGE_KEY = 'partnerdesk.language';

/** The language chosen in this browser before, if any. */
export function rememberedLanguage(): Language | undefined {
  try {
    return asLanguage(localStorage.getItem(STORAGE_KEY));
  } catch {
    return undefined;
  }
}

/** Remembers a choice for the next visit to `/`. */
export function rememberLanguage(chosen: Language): void {
  try {
    localStorage.setItem(STORAGE_KEY, chosen);
  } catch {
    // Storage refused (private mode): the address still carries the language.
  }
}

/** The language a page without one in its address opens in. */
export function startLanguage(): Language {
  return rememberedLanguage() ?? languageFor(navigator.languages ?? [navigator.language]);
}

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

/**
 * The console's two languages: the one in the address (`/ru/clients`, `/en/clients`), the one a
 * person chose before (remembered in this browser), and the one the browser prefers.
 */
import { signal } from '@preact/signals-core';

/** A language of the console. */
export type Language = 'ru' | 'en';

/** Every language, in the order the switch offers them. */
export const LANGUAGES: readonly Language[] = ['ru', 'en'];

/** Browser languages whose readers get Russian: Russian, Ukrainian, Belarusian and Kazakh. */
const READS_RUSSIAN = new Set(['ru', 'uk', 'be', 'kk']);

const STORAGE_KEY = 'partnerdesk.language';

/** The language of the page on screen (set from the address by the router). */
export const language = signal<Language>('en');

/** `ru` or `en` when `value` names one of the console's languages. */
export function asLanguage(value: unknown): Language | undefined {
  return LANGUAGES.find((known) => known === value);
}

/** The language for a browser that prefers `preferred` (navigator.languages): its first Russian-reading or English entry. */
export function languageFor(preferred: readonly string[]): Language {
  for (const tag of preferred) {
    const primary = tag.toLowerCase().split('-')[0] ?? '';
    if (READS_RUSSIAN.has(primary)) return 'ru';
    if (primary === 'en') return 'en';
  }
  return 'en';
}

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

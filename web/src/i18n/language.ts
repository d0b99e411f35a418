/** The console's two languages, the language of the page on screen, and which one a browser's preferred languages get. */
import { signal } from '@preact/signals-core';

/** A language of the console. */
export type Language = 'ru' | 'en';

/** Every language, in the order the switch offers them. */
export const LANGUAGES: readonly Language[] = ['ru', 'en'];

/** Browser languages whose readers get Russian: Russian, Ukrainian, Belarusian and Kazakh. */
const READS_RUSSIAN = new Set(['ru', 'uk', 'be', 'kk']);

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

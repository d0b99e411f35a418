/** The words of the page's language: screens read `t.value`, which follows the language in the address. */
import { computed } from '@preact/signals-core';
import { type Catalogue, en } from './en';
import { type Language, language } from './language';
import { ru } from './ru';

/** Every catalogue by language (each is checked against `Catalogue` by TypeScript). */
export const CATALOGUES: Readonly<Record<Language, Catalogue>> = { ru, en };

/** The catalogue of the page on screen. */
export const t = computed(() => CATALOGUES[language.value]);

export type { Catalogue };

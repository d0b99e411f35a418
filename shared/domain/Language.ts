/** The languages people read partnerdesk in (the console, the mails). */
export const LANGUAGES = ['ru', 'en'] as const;

/** A language of partnerdesk. */
export type Language = (typeof LANGUAGES)[number];

/** The language of whoever has not chosen one: most partners and their clients read Russian. */
export const DEFAULT_LANGUAGE: Language = 'ru';

/** The Webhooks screen's words in the page's language (loaded with the screen): it reads `webhookWords.value`. */
import { computed } from '@preact/signals-core';
import { language } from '../language';
import { en, type WebhookCatalogue } from './en';
import { ru } from './ru';

/** Both catalogues by language. */
export const WEBHOOK_CATALOGUES = { ru, en } as const satisfies Record<string, WebhookCatalogue>;

/** The words of the page on screen. */
export const webhookWords = computed(() => WEBHOOK_CATALOGUES[language.value]);

export type { WebhookCatalogue };

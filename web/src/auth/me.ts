/**
 * The signed-in partner or manager as `GET /me` says: the partner's company (the header names it)
 * and the language they chose, which the console follows after sign-in and keeps up to date when
 * the person switches (`PUT /me/language`), so their mails follow it too.
 */
import { signal } from '@preact/signals';
import { api, attempt } from '../api/client';
import type { Me } from '../api/types';
import type { Language } from '../i18n/language';
import { session } from './session';

/** What `GET /me` answered for the current staff session, or null. */
export const me = signal<Me | null>(null);
let loading: { readonly token: string; readonly stored: Promise<Language | null> } | undefined;

/**
 * Loads `/me` once per staff session; answers the person's stored language (the page then follows it), or null.
 * The entry asks first (beside the screen's chunk), the console again when it renders: both get the one request's answer.
 */
export function loadMe(): Promise<Language | null> {
  const current = session.value;
  if (!current || current.pool !== 'staff') {
    me.value = null;
    loading = undefined;
    return Promise.resolve(null);
  }
  if (loading?.token === current.idToken) return loading.stored;
  const stored = attempt(api().GET('/me')).then((outcome) => {
    if (!outcome.ok) return null;
    me.value = outcome.data;
    return outcome.data.language;
  });
  loading = { token: current.idToken, stored };
  return stored;
}

/** Stores the person's choice with them (staff only); a failure leaves the choice in the address and this browser. */
export function saveLanguage(chosen: Language): void {
  if (session.value?.pool !== 'staff') return;
  void attempt(api().PUT('/me/language', { body: { language: chosen } })).then((outcome) => {
    if (outcome.ok) me.value = outcome.data;
  });
}

/**
 * The signed-in partner or manager as `GET /me` says: the partner's company (the header names it)
 * and the language they chose, which the console follows after sign-in and keeps up to date when
 * the person switches (`PUT /me/language`), so their mails follow it too.
 */
import { signal } from '@preact/signals';
import { api, attempt } from '../api/client';
import type { Problem } from '../api/errorMessages';
import { passing, waitBeforeReadingAgain } from '../api/resend';
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
  const token = current.idToken;
  const stored = attempt(api().GET('/me')).then((outcome) => {
    if (outcome.ok) {
      me.value = outcome.data;
      return outcome.data.language;
    }
    // The header's company comes later after a failure that passes; the language stays the page's (no switch seconds later).
    if (passing(outcome.problem)) void readAgain(token, outcome.problem, 1);
    return null;
  });
  loading = { token, stored };
  return stored;
}

/** Times `/me` is read again after a failure that passes (429, 5xx, no answer). */
const READS_AGAIN = 4;

async function readAgain(token: string, problem: Problem, tried: number): Promise<void> {
  await new Promise((resolve) => setTimeout(resolve, waitBeforeReadingAgain(problem, tried)));
  if (session.value?.idToken !== token) return;
  const outcome = await attempt(api().GET('/me'));
  if (session.value?.idToken !== token) return;
  if (outcome.ok) me.value = outcome.data;
  else if (passing(outcome.problem) && tried < READS_AGAIN) await readAgain(token, outcome.problem, tried + 1);
}

/** Stores the person's choice with them (staff only); a failure leaves the choice in the address and this browser. */
export function saveLanguage(chosen: Language): void {
  if (session.value?.pool !== 'staff') return;
  void attempt(api().PUT('/me/language', { body: { language: chosen } })).then((outcome) => {
    if (outcome.ok) me.value = outcome.data;
  });
}

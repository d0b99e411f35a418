/**
 * Starts the console (imported by the entry, `main.tsx`): reads `config.json`, creates the API client,
 * restores the session and renders. A prerendered page (`data-prerendered` on `#app`, see web/build.ts) is rendered over: Preact reuses
 * its elements, so nothing is painted anew, and what the visitor typed before the script came is kept.
 */
import { render } from 'preact';
import { App, preloadScreen, startScreenReads } from './App';
import { startApi } from './api/client';
import { cognitoRefresher } from './auth/cognito';
import { loadMembership } from './auth/membership';
import { loadMe } from './auth/me';
import { setRefresher } from './auth/session';
import { loadConfig, rememberConfig } from './config';
import { t } from './i18n/catalogue';

/** Renders the console into `#app`. */
export async function start(): Promise<void> {
  const root = document.getElementById('app');
  if (!root) return;
  // The screen's chunk, the session's reads and then the screen's data would otherwise come one after another:
  // the chunk starts now (the address names the screen), `/me`, `/team/me` and the screen's first reads together as soon as the API is known.
  preloadScreen();
  try {
    const config = await loadConfig();
    rememberConfig(config);
    startApi(config.apiUrl);
    if (config.auth.mode === 'cognito') setRefresher(cognitoRefresher(config.auth));
    void loadMe();
    void loadMembership();
    startScreenReads();
    const prerendered = root.hasAttribute('data-prerendered');
    const typed = prerendered ? typedValues(root) : [];
    if (!prerendered) root.textContent = '';
    render(<App />, root);
    for (const [id, value] of typed) retype(id, value);
  } catch (error) {
    root.innerHTML = '<main id="main"><h1></h1><p class="problem" role="alert"></p></main>';
    root.querySelector('h1')!.textContent = t.value.shell.cannotStart;
    root.querySelector('.problem')!.textContent = error instanceof Error ? error.message : String(error);
  }
}

/** The fields of the prerendered page that hold text, by id. */
function typedValues(root: HTMLElement): [string, string][] {
  return [...root.querySelectorAll<HTMLInputElement | HTMLTextAreaElement>('input[id], textarea[id]')]
    .filter((field) => field.value !== '')
    .map((field) => [field.id, field.value]);
}

/** Puts text typed into a prerendered field back into the rendered one, as if typed there (its screen's state follows). */
function retype(id: string, value: string): void {
  const field = document.getElementById(id);
  if (!(field instanceof HTMLInputElement || field instanceof HTMLTextAreaElement) || field.value === value) return;
  field.value = value;
  field.dispatchEvent(new Event('input', { bubbles: true }));
}


import { type BrowserContext, expect, test as base } from '@playwright/test';
import { validateResponse } from '../../support/validateResponse';
import { suiteStack } from './suiteStack';

/** Local-only helpers (sign-in stand-ins, JWKS) are no part of the API and of its document. */
const LOCAL_ONLY_PATHS = /^\/(__local\/|\.well-known\/)/;

/**
 * Checks every answer the console gets from the API in `context` against the OpenAPI document
 * (status, headers, content type, body: `validateResponse`). Returns what to call at the end: the
 * problems found, none when every answer was documented.
 */
export function watchApiAnswers(context: BrowserContext): () => Promise<string[]> {
  const api = new URL(suiteStack().apiUrl).origin;
  const checks: Array<Promise<string | undefined>> = [];
  context.on('response', (response) => {
    const url = new URL(response.url());
    const method = response.request().method();
    if (url.origin !== api || method === 'OPTIONS' || LOCAL_ONLY_PATHS.test(url.pathname)) return;
    checks.push((async () => {
      try {
        // Chromium keeps no body for a 204 (reading it fails): its body is empty by definition.
        const body = response.status() === 204 ? '' : await response.text();
        validateResponse(method, url.href, response.status(), await response.allHeaders(), body);
        return undefined;
      } catch (error) {
        const message = error instanceof Error ? error.message : String(error);
        // A page that reloads (Retry after a failed chunk) drops the answers still arriving: the browser keeps no
        // body to check, and the page never used them.
        return message.includes('navigated away from') ? undefined : message;
      }
    })());
  });
  return async () => (await Promise.all(checks)).filter((problem): problem is string => problem !== undefined);
}

/** The browser suite's `test`: every answer of the API in the test's own context must be one the OpenAPI document allows. */
export const test = base.extend<{ apiAnswers: void }>({
  apiAnswers: [async ({ context }, use) => {
    const problems = watchApiAnswers(context);
    await use();
    expect(await problems()).toEqual([]);
  }, { auto: true }],
});

export { expect };

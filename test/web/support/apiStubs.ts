/** Stand-ins for a slow or failing API in a journey: hold matching calls, or answer them with an error. */
import type { Page, Route } from '@playwright/test';

/** Holds matching API calls until `release` is called. */
export async function holdCalls(page: Page, url: RegExp): Promise<() => Promise<void>> {
  const held: Route[] = [];
  await page.route(url, (route) => {
    if (route.request().method() === 'OPTIONS') return route.fallback();
    held.push(route);
  });
  return async () => {
    await page.unroute(url);
    await Promise.all(held.map((route) => route.fallback()));
  };
}

/** Answers matching API calls with `status` (and Retry-After) until the returned function is called. */
export async function failCalls(page: Page, url: RegExp, status: 429 | 500 | 503, retryAfter?: number): Promise<() => Promise<void>> {
  const code = status === 429 ? 'rate_limited' : status === 503 ? 'temporarily_unavailable' : 'internal_error';
  await page.route(url, (route) => (route.request().method() === 'OPTIONS' ? route.fallback() : route.fulfill({
    status,
    contentType: 'application/json',
    headers: {
      'access-control-allow-origin': '*', 'access-control-expose-headers': 'retry-after, x-request-id', 'x-request-id': 'test',
      ...(retryAfter !== undefined && { 'retry-after': String(retryAfter) }),
    },
    body: JSON.stringify({ error: { code, message: 'Failing on purpose', details: {}, requestId: 'test' } }),
  })));
  return () => page.unroute(url);
}

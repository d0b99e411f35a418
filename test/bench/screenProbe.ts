/**
 * What Lighthouse's own audits cannot say with Debian's Chromium (its LCP-element and layout-shift
 * audits fail in their RootCauses gatherer): for screens of the console, which element each
 * largest-contentful-paint candidate is, and every layout shift with the elements it moved and where
 * from and to. Same conditions as `lighthouse.ts`: the local stack with the demo seed (plus one
 * webhook endpoint with a delivery), Lighthouse's phone size (412 × 823, CPU ×4), a context of its own
 * per screen. A public page (sign-in, contact sales) is opened with an empty cache, as a visitor from a
 * link; a signed-in screen of the demo partner after the sign-in page, with the session put in each document.
 *
 * `npx tsx test/bench/screenProbe.ts /en/contact-sales /ru/team '/ru/clients/CLIENT?tab=detail&from=FROM&to=TO'`
 * (CLIENT: a demo client with billing; FROM / TO: 89 days ago / today). A probe, never an assertion.
 */
import type { Browser } from 'puppeteer-core';
import { startWebhookReceiver } from '../support/webhookReceiver';

process.env.POWERTOOLS_LOG_LEVEL ??= 'ERROR';
process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';

const DAY_MS = 24 * 60 * 60 * 1000;

/** Pages a visitor opens without signing in: probed with an empty cache and no session. */
const PUBLIC_PAGE = /^\/(?:(?:en|ru)\/)?(?:contact-sales|sign-in)(?:[?#]|$)/;

/** Runs in each document before the console: keeps LCP candidates and layout shifts in `probed` (a string: tsx would rename a function's closures). */
const OBSERVE = `globalThis.probed = [];
new PerformanceObserver((list) => {
  for (const entry of list.getEntries()) probed.push({ kind: 'lcp', at: Math.round(entry.startTime), size: entry.size, element: entry.element ? entry.element.outerHTML.slice(0, 140) : '(removed)' });
}).observe({ type: 'largest-contentful-paint', buffered: true });
new PerformanceObserver((list) => {
  for (const entry of list.getEntries()) probed.push({
    kind: 'shift', at: Math.round(entry.startTime), value: Number(entry.value.toFixed(4)),
    moved: (entry.sources || []).map((source) => ({
      element: source.node && source.node.outerHTML ? source.node.outerHTML.slice(0, 100) : '(removed)',
      from: [Math.round(source.previousRect.x), Math.round(source.previousRect.y), Math.round(source.previousRect.width), Math.round(source.previousRect.height)],
      to: [Math.round(source.currentRect.x), Math.round(source.currentRect.y), Math.round(source.currentRect.width), Math.round(source.currentRect.height)],
    })),
  });
}).observe({ type: 'layout-shift', buffered: true });`;

async function main(): Promise<void> {
  const { startLocalStack } = await import('../../infra/local/localStack');
  const { seedDemoData } = await import('../../infra/local/seed');
  const stack = await startLocalStack({ consolePort: 0 });
  const receiver = await startWebhookReceiver();
  const puppeteer = await import('puppeteer-core');
  let browser: Browser | undefined;
  try {
    const demo = await seedDemoData(stack.apiUrl);
    const login = await fetch(`${stack.apiUrl}/__local/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ email: demo.partner.email }) });
    const { idToken } = (await login.json()) as { idToken: string };
    const claims = JSON.parse(Buffer.from(idToken.split('.')[1] ?? '', 'base64url').toString('utf8')) as { exp: number; email: string };
    const session = JSON.stringify({ idToken, expiresAt: claims.exp * 1000, role: 'partner', pool: 'staff', displayName: claims.email });
    const headers = { authorization: `Bearer ${idToken}`, 'content-type': 'application/json' };
    const endpoint = (await (await fetch(`${stack.apiUrl}/webhooks`, { method: 'POST', headers, body: JSON.stringify({ url: `${receiver.base}/hooks`, events: ['client.blocked'] }) })).json()) as { id: string };
    await fetch(`${stack.apiUrl}/webhooks/${endpoint.id}/test`, { method: 'POST', headers });
    const day = (offset: number) => new Date(Date.now() + offset * DAY_MS).toISOString().slice(0, 10);
    browser = await puppeteer.launch({ executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium', headless: true, args: ['--no-sandbox'] });
    for (const asked of process.argv.slice(2)) {
      const path = asked.replace('CLIENT', demo.clients.activeClientIds[0] ?? '').replace('FROM', day(-89)).replace('TO', day(0));
      const context = await browser.createBrowserContext();
      const page = await context.newPage();
      const signedIn = !PUBLIC_PAGE.test(path);
      if (signedIn) await page.goto(`${stack.consoleUrl}/en/sign-in`, { waitUntil: 'networkidle0' });
      await page.emulate({ viewport: { width: 412, height: 823, deviceScaleFactor: 1.75, isMobile: true, hasTouch: true }, userAgent: '' });
      await page.emulateCPUThrottling(4);
      if (signedIn) {
        await page.evaluateOnNewDocument((key: string, value: string) => (globalThis as unknown as { sessionStorage: { setItem(k: string, v: string): void } }).sessionStorage.setItem(key, value), 'partnerdesk.session', session);
      }
      await page.evaluateOnNewDocument(OBSERVE);
      await page.goto(`${stack.consoleUrl}${path}`, { waitUntil: 'networkidle0' });
      await new Promise((resolve) => setTimeout(resolve, 800));
      console.log(path);
      for (const found of await page.evaluate('globalThis.probed') as unknown[]) console.log(`  ${JSON.stringify(found)}`);
      await context.close();
    }
  } finally {
    await browser?.close();
    await receiver.close();
    await stack.stop();
  }
}

main().then(() => process.exit(0), (error: unknown) => {
  console.error(error);
  process.exit(1);
});

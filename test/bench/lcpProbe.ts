/**
 * Which element is a console page's largest contentful paint, and when it painted: Lighthouse 12.2.3's
 * own `largest-contentful-paint-element` audit fails with Debian's Chromium ("RootCauses …
 * frame_sequence"), so this reads the browser's `largest-contentful-paint` entries at Lighthouse's
 * phone size (412 × 823, CPU ×4). Serves the built console (`npm run build:web`) alone, without the API.
 * `npx tsx test/bench/lcpProbe.ts /en/contact-sales /en/sign-in`. A probe, never an assertion.
 */
import type { Browser } from 'puppeteer-core';
import { startConsoleServer } from '../../infra/local/consoleServer';
import { CONSOLE_DIST } from '../../web/build';

/** One LCP candidate as the page reported it. */
interface Candidate {
  readonly time: number;
  readonly size: number;
  readonly element: string;
}

async function probe(browser: Browser, url: string): Promise<Candidate[]> {
  const context = await browser.createBrowserContext();
  const page = await context.newPage();
  await page.emulate({ viewport: { width: 412, height: 823, deviceScaleFactor: 1.75, isMobile: true, hasTouch: true }, userAgent: '' });
  await page.emulateCPUThrottling(4);
  await page.evaluateOnNewDocument(() => {
    const found: unknown[] = [];
    (globalThis as unknown as { lcpCandidates: unknown[] }).lcpCandidates = found;
    new PerformanceObserver((list) => {
      for (const entry of list.getEntries() as unknown as { startTime: number; size: number; element: { outerHTML: string } | null }[]) {
        found.push({ time: Math.round(entry.startTime), size: entry.size, element: entry.element?.outerHTML.slice(0, 160) ?? '(removed)' });
      }
    }).observe({ type: 'largest-contentful-paint' as 'mark', buffered: true });
  });
  await page.goto(url, { waitUntil: 'networkidle0' });
  await new Promise((resolve) => setTimeout(resolve, 500));
  const candidates = await page.evaluate(() => (globalThis as unknown as { lcpCandidates: Candidate[] }).lcpCandidates);
  await context.close();
  return candidates;
}

async function main(): Promise<void> {
  const server = await startConsoleServer({ root: CONSOLE_DIST, config: () => ({ apiUrl: 'http://127.0.0.1:9', auth: { mode: 'local' } }), connectTo: () => [] });
  const puppeteer = await import('puppeteer-core');
  const browser = await puppeteer.launch({ executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium', headless: true, args: ['--no-sandbox'] });
  try {
    for (const path of process.argv.slice(2)) {
      console.log(path);
      for (const candidate of await probe(browser, `${server.url}${path}`)) console.log(`  ${candidate.time} ms, ${candidate.size} px²: ${candidate.element}`);
    }
  } finally {
    await browser.close();
    await server.stop();
  }
}

void main();

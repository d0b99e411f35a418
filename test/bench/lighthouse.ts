/**
 * `npm run bench:lighthouse`: Lighthouse (pinned 12.2.3, which runs on Node 20; mobile profile, the
 * default config) over every screen of the web console on the local stack, public and signed in,
 * in Debian's Chromium driven by puppeteer-core. Prints one markdown table: performance,
 * accessibility, best practices and LCP per screen. A measurement, never an assertion.
 *
 * Signed-in screens: the console keeps its session in `sessionStorage`, which Lighthouse would
 * clear and a new tab would not share, so the session of a local sign-in is put in each document
 * before the console's script runs, and the flow keeps storage (`disableStorageReset`).
 *
 * Signed-in screens are asked for in the person's own language (the demo people read Russian): an
 * address in another language is switched after \`GET /me\` answers, and the page's words moving then
 * would be measured as layout shift.
 *
 * Each screen's whole Lighthouse report is written to `test-results/lighthouse/<screen>.json`.
 * Lighthouse's LCP-element and layout-shift audits fail with Debian's Chromium: `screenProbe.ts` says
 * which element paints last and what moves, under the same conditions.
 *
 * Data: the demo seed plus invited clients up to `BENCH_LIGHTHOUSE_CLIENTS` (default 100) for the
 * demo partner; the balance screen shows a 90-day period of a demo client with months of billing.
 *
 * Each public screen is measured in its own flow and browser context, with an empty cache, as a
 * visitor from a link or an ad comes (in one flow the second would find the first's scripts cached).
 * Each signed-in screen is measured in a context of its own that has shown the sign-in page first, as a
 * person opens it in a new tab: the console's scripts are in the cache, not its data. (Measured one after
 * another in one tab, every screen but the first met an unattributed 100–310 ms task at ≈ 700 ms — Chromium
 * ending the previous document — which no person meets: the console changes screens without loading a
 * document. The same balance screen: TBT 304 ms as the fourth of a tab, 33 ms alone.)
 *
 * `BENCH_LIGHTHOUSE_ONLY=<regular expression>` measures only the screens whose names match;
 * `BENCH_LIGHTHOUSE_RUNS=<n>` measures each n times and prints the median of each figure (a busy
 * machine moves single runs by several points: compare medians taken in the same minutes).
 * `BENCH_LIGHTHOUSE_LANTERN=1` prints, for the last screen of each flow, the timeline Lighthouse's
 * simulation (Lantern) made of its LCP: which request or task started and ended when. It showed that
 * a cached script still costs a round trip there, six at a time per origin on HTTP/1.1.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import type { Browser, Page } from 'puppeteer-core';
import { startWebhookReceiver, type WebhookReceiver } from '../support/webhookReceiver';
import { markdownTable } from './markdownTable';

process.env.POWERTOOLS_LOG_LEVEL ??= 'ERROR';
process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';

/** One screen to measure: its name in the table and its address under the console's origin. */
interface Screen {
  readonly name: string;
  readonly path: string;
  /** Whose session the screen needs; none for public screens. */
  readonly as?: 'partner' | 'manager';
}

/** The figures of one screen. */
interface ScreenScore {
  readonly screen: Screen;
  readonly performance: number;
  readonly accessibility: number;
  readonly bestPractices: number;
  readonly lcpMs: number;
  /** Total blocking time: what a busy machine inflates first. */
  readonly tbtMs: number;
  /** Cumulative layout shift. */
  readonly cls: number;
  /** The accessibility and best-practice audits that failed (their ids), to fix. */
  readonly failed: readonly string[];
  /** The path the page ended on: a signed-in screen that shows the sign-in page was not measured. */
  readonly shown: string;
}

const DAY = 24 * 60 * 60 * 1000;
const SESSION_STORAGE_KEY = 'partnerdesk.session';

/** The session the console would keep after signing in with `idToken` (as `web/src/auth/session.ts` builds it). */
function consoleSession(idToken: string): string {
  const claims = JSON.parse(Buffer.from(idToken.split('.')[1] ?? '', 'base64url').toString('utf8')) as Record<string, unknown>;
  return JSON.stringify({
    idToken,
    expiresAt: Number(claims.exp) * 1000,
    role: claims['custom:role'] === 'manager' ? 'manager' : 'partner',
    pool: 'staff',
    displayName: String(claims.email ?? 'signed in'),
  });
}

/** Whether the page ended on the screen asked for, in whichever language (the console follows the person's stored one). */
function sameScreen(shown: string, asked: string): boolean {
  const screen = (path: string) => path.split('?')[0]!.replace(/^\/(ru|en)(?=\/|$)/, '');
  return screen(shown) === screen(asked);
}

async function signIn(apiUrl: string, email: string): Promise<string> {
  const response = await fetch(`${apiUrl}/__local/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ email }) });
  const answer = (await response.json()) as { idToken?: string };
  if (!answer.idToken) throw new Error(`local sign-in of ${email} failed: ${response.status}`);
  return answer.idToken;
}

/** Adds invited clients to the demo partner until it has `total`, through the real use case. */
async function addInvitedClients(partnerId: string, apiUrl: string, total: number, existing: number): Promise<void> {
  const { clientDeps } = await import('../../shared/adapters/compositionRoot');
  const { addClient } = await import('../../shared/domain/clients/addClient');
  const deps = { ...clientDeps(apiUrl), mailer: { send: async () => undefined } };
  for (let n = existing + 1; n <= total; n += 1) {
    await addClient(deps, partnerId, { kind: 'partner', id: 'bench' }, {
      email: `bench.client.${n}@lighthouse-bench.example`, name: `Client Number ${n} Holdings`, phone: '+74950000000',
    });
  }
}

/** Registers one webhook endpoint of the demo partner on a loopback receiver and delivers its test event (the screen then has a log). */
async function registerWebhook(apiUrl: string, token: string): Promise<WebhookReceiver> {
  const receiver = await startWebhookReceiver();
  const headers = { authorization: `Bearer ${token}`, 'content-type': 'application/json' };
  const registered = await fetch(`${apiUrl}/webhooks`, { method: 'POST', headers, body: JSON.stringify({ url: `${receiver.base}/hooks`, events: ['client.blocked'] }) });
  const { id } = (await registered.json()) as { id?: string };
  if (!id) throw new Error(`registering a webhook failed: ${registered.status}`);
  const tested = await fetch(`${apiUrl}/webhooks/${id}/test`, { method: 'POST', headers });
  if (!tested.ok) throw new Error(`the webhook's test event failed: ${tested.status}`);
  return receiver;
}

/** Whether `only` picks any of the partner's screens (their names, as in the table). */
function partnerScreensChosen(only: RegExp): boolean {
  return ['Home', 'Clients', 'Client page', 'Client balance', 'Clients needing attention', 'Audit', 'Budgets', 'Notifications', 'Team', 'API keys', 'Webhooks']
    .some((name) => only.test(name));
}

/** The middle value (the lower of the two middle ones for an even count). */
function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor((sorted.length - 1) / 2)]!;
}

/** One score per screen from several runs of the same screens: each figure's median, the failed audits of any run. */
function medianScores(runs: readonly (readonly ScreenScore[])[]): ScreenScore[] {
  return runs[0]!.map((first, i) => {
    const of = (figure: (score: ScreenScore) => number) => median(runs.map((run) => figure(run[i]!)));
    return {
      ...first,
      performance: of((score) => score.performance),
      accessibility: of((score) => score.accessibility),
      bestPractices: of((score) => score.bestPractices),
      lcpMs: of((score) => score.lcpMs),
      tbtMs: of((score) => score.tbtMs),
      cls: of((score) => score.cls),
      failed: [...new Set(runs.flatMap((run) => run[i]!.failed))],
      shown: runs.map((run) => run[i]!.shown).find((shown) => !sameScreen(shown, first.screen.path)) ?? first.shown,
    };
  });
}

/** Runs Lighthouse's navigation mode over `screens` in one tab, with the given session (if any) in every document. */
async function measure(browser: Browser, consoleUrl: string, screens: readonly Screen[], session: string | undefined): Promise<ScreenScore[]> {
  const { startFlow } = await import('lighthouse');
  // A browser context of its own: an empty cache (the browser's cache outlives Lighthouse's storage reset and the flows).
  const context = await browser.createBrowserContext();
  const page: Page = await context.newPage();
  // A person reaches the signed-in screens through the sign-in page, which leaves the console's scripts in the
  // cache — in the person's language, as the screens are asked for (only that language's words are downloaded).
  if (session) await page.goto(`${consoleUrl}/ru/sign-in`, { waitUntil: 'networkidle0' });
  if (session) {
    await page.evaluateOnNewDocument((key: string, value: string) => (globalThis as unknown as { sessionStorage: { setItem(k: string, v: string): void } }).sessionStorage.setItem(key, value), SESSION_STORAGE_KEY, session);
  }
  const flow = await startFlow(page, { flags: { disableStorageReset: true } });
  for (const screen of screens) await flow.navigate(`${consoleUrl}${screen.path}`, { name: screen.name });
  const result = await flow.createFlowResult();
  if (process.env.BENCH_LIGHTHOUSE_LANTERN) await printLanternTimeline();
  await context.close();
  // Each step's whole report, to trace a miss (layout-shift elements, LCP element, long tasks).
  const reports = 'test-results/lighthouse';
  mkdirSync(reports, { recursive: true });
  result.steps.forEach((step, i) => writeFileSync(`${reports}/${screens[i]!.name.replace(/[^a-z0-9]+/gi, '-').toLowerCase()}.json`, JSON.stringify(step.lhr)));
  return result.steps.map((step, i) => ({
    screen: screens[i]!,
    performance: Math.round((step.lhr.categories.performance?.score ?? 0) * 100),
    accessibility: Math.round((step.lhr.categories.accessibility?.score ?? 0) * 100),
    bestPractices: Math.round((step.lhr.categories['best-practices']?.score ?? 0) * 100),
    lcpMs: Math.round(step.lhr.audits['largest-contentful-paint']?.numericValue ?? 0),
    tbtMs: Math.round(step.lhr.audits['total-blocking-time']?.numericValue ?? 0),
    cls: step.lhr.audits['cumulative-layout-shift']?.numericValue ?? 0,
    failed: (['accessibility', 'best-practices'] as const).flatMap((category) => (step.lhr.categories[category]?.auditRefs ?? [])
      .filter((ref) => ref.weight > 0 && (step.lhr.audits[ref.id]?.score ?? 1) < 1).map((ref) => ref.id)),
    shown: new URL(step.lhr.finalDisplayedUrl).pathname,
  }));
}

/** One node of a Lantern simulation (the fields read here, of `@paulirish/trace_engine`'s graph nodes). */
interface LanternNode {
  readonly type: 'network' | 'cpu';
  readonly startTime: number;
  readonly endTime: number;
  readonly request?: { readonly url: string; readonly resourceType?: string };
}

/** Prints the simulated LCP timelines Lighthouse kept (`Simulator.allNodeTimings`, a module-wide record of the last simulation per label). */
async function printLanternTimeline(): Promise<void> {
  const module = '@paulirish/trace_engine/models/trace/lantern/simulation/Simulator.js';
  const { Simulator } = (await import(module)) as { Simulator: { allNodeTimings: Map<string, Map<LanternNode, { startTime: number; endTime: number }>> } };
  for (const [label, timings] of Simulator.allNodeTimings) {
    if (!label.includes('LargestContentfulPaint')) continue;
    console.log(`\n${label}: start – end (ms), what`);
    for (const [node, timing] of [...timings].sort((a, b) => a[1].startTime - b[1].startTime)) {
      const what = node.request ? `${node.request.resourceType ?? ''} ${node.request.url}` : `main-thread task, ${Math.round((node.endTime - node.startTime) / 1000)} ms unthrottled`;
      console.log(`${String(Math.round(timing.startTime)).padStart(6)} – ${String(Math.round(timing.endTime)).padStart(6)}  ${what}`);
    }
  }
}

async function main(): Promise<void> {
  const clientCount = Number(process.env.BENCH_LIGHTHOUSE_CLIENTS ?? 100);
  const only = new RegExp(process.env.BENCH_LIGHTHOUSE_ONLY ?? '', 'i');
  const runs = Math.max(1, Number(process.env.BENCH_LIGHTHOUSE_RUNS ?? 1));
  const { startLocalStack } = await import('../../infra/local/localStack');
  const { seedDemoData } = await import('../../infra/local/seed');
  const stack = await startLocalStack({ consolePort: 0 });
  const consoleUrl = stack.consoleUrl ?? '';
  const puppeteer = await import('puppeteer-core');
  let browser: Browser | undefined;
  let receiver: WebhookReceiver | undefined;
  try {
    const demo = await seedDemoData(stack.apiUrl);
    // The partner's screens are measured with its full list of clients (the attention view and the audit read it too).
    if (partnerScreensChosen(only)) await addInvitedClients(demo.partner.partnerId, stack.apiUrl, clientCount, 5);
    const [partnerToken, managerToken] = await Promise.all([signIn(stack.apiUrl, demo.partner.email), signIn(stack.apiUrl, demo.manager.email)]);
    if (only.test('Webhooks')) receiver = await registerWebhook(stack.apiUrl, partnerToken);
    const balanceClient = demo.clients.activeClientIds[0];
    const today = new Date();
    const day = (offset: number) => new Date(today.getTime() + offset * DAY).toISOString().slice(0, 10);
    const applications = (await (await fetch(`${stack.apiUrl}/partner-applications?limit=1`, { headers: { authorization: `Bearer ${managerToken}` } })).json()) as { items: { id: string }[] };

    const loadAtStart = loadavg()[0]!;
    browser = await puppeteer.launch({ executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium', headless: true, args: ['--no-sandbox'] });
    const publicScreens: Screen[] = [
      { name: 'Contact sales (public form)', path: '/en/contact-sales' },
      { name: 'Sign-in', path: '/en/sign-in' },
    ];
    const partnerScreens: Screen[] = [
      { name: 'Home (portfolio, 90-day chart)', path: '/ru/home', as: 'partner' },
      { name: `Clients (${clientCount} clients)`, path: '/ru/clients', as: 'partner' },
      { name: 'Client page (profile)', path: `/ru/clients/${balanceClient}`, as: 'partner' },
      { name: 'Client balance, 90-day period', path: `/ru/clients/${balanceClient}?tab=detail&from=${day(-89)}&to=${day(0)}`, as: 'partner' },
      { name: 'Clients needing attention', path: '/ru/clients?view=attention', as: 'partner' },
      { name: 'Audit', path: '/ru/audit', as: 'partner' },
      { name: 'Budgets', path: '/ru/budgets', as: 'partner' },
      { name: 'Notifications', path: '/ru/notifications', as: 'partner' },
      { name: 'Team', path: '/ru/team', as: 'partner' },
      { name: 'API keys', path: '/ru/api-keys', as: 'partner' },
      { name: 'Webhooks (one endpoint, one delivery)', path: '/ru/webhooks', as: 'partner' },
    ];
    const managerScreens: Screen[] = [
      { name: 'Applications', path: '/ru/applications', as: 'manager' },
      { name: 'Application detail', path: `/ru/applications/${applications.items[0]?.id ?? ''}`, as: 'manager' },
      { name: 'Partners', path: '/ru/partners', as: 'manager' },
    ];
    const chosen = (screens: readonly Screen[]) => screens.filter((screen) => only.test(screen.name));
    const measureAll = async (): Promise<ScreenScore[]> => {
      const scores: ScreenScore[] = [];
      for (const screen of chosen(publicScreens)) scores.push(...(await measure(browser!, consoleUrl, [screen], undefined)));
      for (const screen of chosen(partnerScreens)) scores.push(...(await measure(browser!, consoleUrl, [screen], consoleSession(partnerToken))));
      for (const screen of chosen(managerScreens)) scores.push(...(await measure(browser!, consoleUrl, [screen], consoleSession(managerToken))));
      return scores;
    };
    const all: ScreenScore[][] = [];
    for (let run = 0; run < runs; run += 1) all.push(await measureAll());
    const scores = medianScores(all);
    const load = `load average ${loadAtStart.toFixed(1)} at the start, ${loadavg()[0]!.toFixed(1)} at the end, on ${cpus().length} cores`;
    const medians = runs > 1 ? `, medians of ${runs} runs` : '';
    console.log(`\n## Web console: Lighthouse 12.2.3, mobile profile, Debian's Chromium (${new Date().toISOString().slice(0, 16)} UTC, ${load}${medians})\n`);
    console.log(markdownTable(
      ['screen', 'signed in as', 'ended on', 'performance', 'accessibility', 'best practices', 'LCP', 'TBT', 'CLS', 'failed audits'],
      scores.map((score) => [
        score.screen.name, score.screen.as ?? '—', sameScreen(score.shown, score.screen.path) ? 'the screen' : score.shown,
        String(score.performance), String(score.accessibility), String(score.bestPractices), `${(score.lcpMs / 1000).toFixed(2)} s`,
        `${score.tbtMs} ms`, score.cls.toFixed(3), score.failed.join(', ') || '—',
      ]),
    ));
  } finally {
    await browser?.close();
    await receiver?.close();
    await stack.stop();
  }
}

main().then(() => process.exit(0), (error: unknown) => {
  console.error(error);
  process.exit(1);
});

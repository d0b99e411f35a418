/**
 * Web console budgets: builds the console as `npm run build:web` does and weighs what a browser
 * loads first (the entry script with every chunk it imports statically, and the stylesheet)
 * against the 60 KB gzip budget, beside the lazily loaded chunks (screens, tabs, the uPlot charts). Then lists the
 * API calls each screen makes.
 */
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, relative, resolve } from 'node:path';
import { gzipSync } from 'node:zlib';
import { buildConsole, INITIAL_JS_BUDGET_KB, scriptsAtStart } from '../../web/build';
import { mark, markdownTable } from './markdownTable';

/** What each screen asks the API for (one line per call it makes to show itself). */
const SCREEN_CALLS: ReadonlyArray<readonly [string, string]> = [
  ['Contact sales', 'POST /partner-applications (on submit, with Idempotency-Key)'],
  ['Sign in (local)', 'POST /__local/login (local stand-in; Cognito: /oauth2/authorize + /oauth2/token)'],
  ['Partner → Clients', 'GET /clients — one call per page, balances included; CSV: one call per 100 clients'],
  ['Client dialogs', 'POST /clients/bulk preview, then the same with confirm; POST /clients; POST /clients/{id}/invitation/resend | cancel'],
  ['Client → Balance', 'GET /clients/{id}, GET /clients/{id}/balance, then GET …/balance/detail or GET …/expenses per tab and period'],
  ['Partner → Audit', 'GET /audit — one call per page'],
  ['Manager → Applications', 'GET /partner-applications — one call per page; detail: GET /partner-applications/{id}'],
  ['Manager → Partners', 'GET /partners — one call per page; CSV: one call per 100 partners; page: GET /partners/{id}; POST /partners/{id}/suspend | resume | end (preview, then confirm)'],
  ['Invitation', 'GET /invitations/{token}; POST …/accept or …/decline'],
  ['Every partner screen', 'GET /team/me once per sign-in (the role); GET /notifications/unread-count on each change of screen and every 60 s (roles with spend)'],
  ['Partner → Home', 'GET /portfolio, GET /clients/summary'],
  ['Partner → Budgets', 'GET /budgets — one call per page; PUT | DELETE /budgets/default; names: GET /clients/{id} once per client'],
  ['Client → Budget', 'GET /clients/{id}/budget; PUT | DELETE /clients/{id}/budget; selection: POST /budgets/bulk'],
  ['Partner → Notifications', 'GET /notifications — one call per page; POST /notifications/{id}/read'],
  ['Clients by spend / balance', 'GET /portfolio/clients — one call per page'],
  ['Partner → Team', 'GET /team/members; POST /team/members, PATCH | DELETE /team/members/{memberId}; selection: POST /clients/assignments'],
  ['Partner → Webhooks', 'GET /webhooks; POST /webhooks, DELETE /webhooks/{id}, POST /webhooks/{id}/secret | test; log: GET /webhooks/{id}/deliveries (the last 100, paged in the browser)'],
];

const kb = (bytes: number): string => (bytes / 1024).toFixed(1);

/** Builds the console in a scratch folder and returns the budget table and the screens' calls. */
export async function benchConsoleBudget(): Promise<string> {
  const outdir = await mkdtemp(join(tmpdir(), 'partnerdesk-console-'));
  try {
    const { initial, metafile } = await buildConsole(outdir);
    const outputs = metafile.outputs;
    const key = (path: string) => Object.keys(outputs).find((candidate) => candidate.endsWith(path)) ?? path;
    // The entry and every chunk it imports statically (what index.html preloads).
    const loadedFirst = new Set(scriptsAtStart(metafile, outdir, initial.script));
    const rows: Array<[string, string, string, string, string]> = [];
    let initialGzip = 0;
    for (const path of Object.keys(outputs).filter((name) => name.endsWith('.js') || name.endsWith('.css')).sort()) {
      const bytes = await readFile(path);
      const gzip = gzipSync(bytes, { level: 9 }).length;
      const isCss = path.endsWith('.css');
      const first = loadedFirst.has(resolve(path)) || path === key(initial.stylesheet);
      if (first && !isCss) initialGzip += gzip;
      rows.push([relative(outdir, path) || path, first ? 'at start' : 'lazily (a screen, tab or chart)', kb(bytes.length), kb(gzip), isCss ? 'stylesheet' : first ? 'initial JS' : 'separate chunk']);
    }
    rows.push(['**initial JS total**', 'at start', '', kb(initialGzip), `${mark(initialGzip / 1024 <= INITIAL_JS_BUDGET_KB)} ≤ ${INITIAL_JS_BUDGET_KB} KB gzip`]);
    return [
      markdownTable(['file', 'loaded', 'KB', 'KB gzip -9', 'budget'], rows),
      '',
      markdownTable(['screen', 'API calls'], SCREEN_CALLS),
    ].join('\n');
  } finally {
    await rm(outdir, { recursive: true, force: true });
  }
}

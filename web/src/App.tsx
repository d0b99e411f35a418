/** Which screen a URL shows, and who may see it; an address without a language gets the reader's one. */
import type { ComponentChildren } from 'preact';
import { useEffect } from 'preact/hooks';
import { allowed, loadMembership, membership } from './auth/membership';
import { loadMe } from './auth/me';
import type { PartnerRoute } from './auth/routeRoles';
import { type Role, session } from './auth/session';
import { t } from './i18n/catalogue';
import { addressIn, startLanguage } from './i18n/chooseLanguage';
import { language } from './i18n/language';
import { localized, matchPath, navigate, route } from './router';
import { startClientsReads } from './screens/Clients/clientList';
import { Clients, filtersFromUrl } from './screens/Clients/Clients';
import { ContactSales } from './screens/ContactSales/ContactSales';
import { applicationFilters, applicationRead, applicationsRead, budgetsRead, portfolioRead, startClientReads, webhooksRead } from './screens/firstReads';
import { AuthCallback } from './screens/SignIn/AuthCallback';
import { SignIn } from './screens/SignIn/SignIn';
import { AppShell } from './ui/AppShell';
import { lazyScreen } from './ui/lazy';
import { Link } from './ui/Link';

// The spend and team screens load when first shown (their own chunks).
// A client's page, the audit and the invitation page (opened from a mail) load when first shown: the initial JS stays within its 60 KB budget.
const ClientPage = lazyScreen(() => import('./screens/Client/ClientPage').then((module) => module.ClientPage), 'screens/Client/ClientPage');
const Audit = lazyScreen(() => import('./screens/Audit/Audit').then((module) => module.Audit), 'screens/Audit/Audit');
const Invitation = lazyScreen(() => import('./screens/Invitation/Invitation').then((module) => module.Invitation), 'screens/Invitation/Invitation');
const Home = lazyScreen(() => import('./screens/Home/Home').then((module) => module.Home), 'screens/Home/Home');
const Budgets = lazyScreen(() => import('./screens/Budgets/Budgets').then((module) => module.Budgets), 'screens/Budgets/Budgets');
const Notifications = lazyScreen(() => import('./screens/Notifications/Notifications').then((module) => module.Notifications), 'screens/Notifications/Notifications');
const Team = lazyScreen(() => import('./screens/Team/Team').then((module) => module.Team), 'screens/Team/Team');
// The partner department's screens are for its managers only: partners never download them.
const Applications = lazyScreen(() => import('./screens/Applications/Applications').then((module) => module.Applications), 'screens/Applications/Applications');
const ApiKeys = lazyScreen(() => import('./screens/ApiKeys/ApiKeys').then((module) => module.ApiKeys), 'screens/ApiKeys/ApiKeys');
const Webhooks = lazyScreen(() => import('./screens/Webhooks/Webhooks').then((module) => module.Webhooks), 'screens/Webhooks/Webhooks');
const ApplicationDetail = lazyScreen(() => import('./screens/Applications/ApplicationDetail').then((module) => module.ApplicationDetail), 'screens/Applications/ApplicationDetail');
const Partners = lazyScreen(() => import('./screens/Partners/Partners').then((module) => module.Partners), 'screens/Partners/Partners');
const PartnerPage = lazyScreen(() => import('./screens/Partners/PartnerPage').then((module) => module.PartnerPage), 'screens/Partners/PartnerPage');

interface Screen {
  readonly pattern: string;
  /** Who may see it; public screens omit it. */
  readonly role?: Role;
  /** A partner screen whose data this route gives: a member whose role may not use it is told so. */
  readonly member?: PartnerRoute;
  readonly render: (params: Record<string, string>) => ComponentChildren;
  /** The screen's own chunk, when it is loaded on first show: the entry asks for it at once (`preloadScreen`). */
  readonly chunk?: { readonly preload: () => void };
  /** Starts the screen's first reads for its address (`earlyRead`): the entry does, beside `/me` (`startScreenReads`). */
  readonly reads?: (params: Record<string, string>, query: URLSearchParams) => void;
}

const SCREENS: readonly Screen[] = [
  { pattern: '/contact-sales', render: () => <ContactSales /> },
  { pattern: '/sign-in', render: () => <SignIn /> },
  { pattern: '/auth/callback', render: () => <AuthCallback /> },
  { pattern: '/invitations/:token', chunk: Invitation, render: ({ token }) => <Invitation token={token ?? ''} /> },
  { pattern: '/clients', role: 'partner', reads: (_, query) => startClientsReads(filtersFromUrl(query), query.has('order')), render: () => <Clients /> },
  { pattern: '/clients/:id', role: 'partner', chunk: ClientPage, reads: ({ id }, query) => startClientReads(id ?? '', query), render: ({ id }) => <ClientPage clientId={id ?? ''} /> },
  // The balance's old address: the client page's Detail tab, with the period it named.
  { pattern: '/clients/:id/balance', role: 'partner', render: ({ id }) => <Redirect to={balanceTab(id ?? '')} /> },
  { pattern: '/audit', role: 'partner', chunk: Audit, render: () => <Audit /> },
  { pattern: '/home', role: 'partner', chunk: Home, member: 'GET /portfolio', reads: () => portfolioRead.start(), render: () => <Home /> },
  { pattern: '/budgets', role: 'partner', chunk: Budgets, member: 'GET /budgets', reads: (_, query) => budgetsRead.start(query.get('cursor') ?? ''), render: () => <Budgets /> },
  { pattern: '/notifications', role: 'partner', chunk: Notifications, member: 'GET /notifications', render: () => <Notifications /> },
  { pattern: '/team', role: 'partner', chunk: Team, member: 'GET /team/members', render: () => <Team /> },
  { pattern: '/api-keys', role: 'partner', chunk: ApiKeys, member: 'GET /api-keys', render: () => <ApiKeys /> },
  { pattern: '/webhooks', role: 'partner', chunk: Webhooks, member: 'GET /webhooks', reads: () => webhooksRead.start(), render: () => <Webhooks /> },
  { pattern: '/applications', role: 'manager', chunk: Applications, reads: (_, query) => applicationsRead.start(applicationFilters(query)), render: () => <Applications /> },
  { pattern: '/applications/:id', role: 'manager', chunk: ApplicationDetail, reads: ({ id }) => applicationRead.start(id ?? ''), render: ({ id }) => <ApplicationDetail applicationId={id ?? ''} /> },
  { pattern: '/partners', role: 'manager', chunk: Partners, render: () => <Partners /> },
  { pattern: '/partners/:id', role: 'manager', chunk: PartnerPage, render: ({ id }) => <PartnerPage partnerId={id ?? ''} /> },
];

function balanceTab(id: string): string {
  const query = new URLSearchParams(window.location.search);
  if (query.get('tab') !== 'expenses') query.set('tab', 'detail');
  return `/clients/${encodeURIComponent(id)}?${query.toString()}`;
}

/** The screen the address shows and its parameters, when the session may see it (none for a manager's screen and a partner). */
function addressScreen(): { readonly screen: Screen; readonly params: Record<string, string> } | undefined {
  const { path } = route.value;
  for (const screen of SCREENS) {
    const params = matchPath(screen.pattern, path);
    if (!params) continue;
    return !screen.role || screen.role === session.value?.role ? { screen, params } : undefined;
  }
  return undefined;
}

/**
 * Starts loading the chunk of the screen the address shows, if it has one and the session may see it:
 * called by the entry before `config.json` has answered, so the chunk comes beside `/me` and `/team/me`
 * instead of after the first render (a manager's chunks are still never fetched for a partner).
 */
export function preloadScreen(): void {
  addressScreen()?.screen.chunk?.preload();
}

/**
 * Starts the first reads of the screen the address shows, for a session that may see it: called by the
 * entry once the API is known, so they come beside `/me` and the chunk instead of after the first render.
 */
export function startScreenReads(): void {
  const found = addressScreen();
  found?.screen.reads?.(found.params, route.value.query);
}

const HOME: Record<Role, string> = { partner: '/clients', manager: '/applications', client: '/' };

function Redirect({ to }: { readonly to: string }) {
  useEffect(() => navigate(to, { replace: true }), [to]);
  return null;
}

function Message({ title, children }: { readonly title: string; readonly children: ComponentChildren }) {
  return (
    <AppShell title={title}>
      <h1 tabIndex={-1}>{title}</h1>
      {children}
    </AppShell>
  );
}

/** The whole console. */
export function App() {
  const { path, language: inAddress } = route.value;
  const current = session.value;
  const words = t.value;
  useEffect(() => {
    document.documentElement.lang = language.value;
  }, [language.value]);
  // After sign-in the console follows the language the partner or manager chose (their mails follow it too).
  useEffect(() => {
    void loadMe().then((stored) => {
      if (stored && stored !== language.value && route.value.language) navigate(addressIn(stored), { replace: true });
    });
    void loadMembership();
  }, [current?.idToken]);
  if (!inAddress) return <Redirect to={localized(`${path}${window.location.search}${window.location.hash}`, startLanguage())} />;
  if (path === '/') {
    if (!current) return <Redirect to="/sign-in" />;
    if (current.role !== 'client') return <Redirect to={HOME[current.role]} />;
    return (
      <Message title={words.app.consoleTitle}>
        <p>{words.app.consoleAccount} <strong translate={false}>{current.accountId}</strong>.</p>
        <p>{words.app.consoleHint}</p>
      </Message>
    );
  }
  for (const screen of SCREENS) {
    const params = matchPath(screen.pattern, path);
    if (!params) continue;
    if (!screen.role) return <>{screen.render(params)}</>;
    if (!current) return <SignIn />;
    if (current.role !== screen.role) {
      return (
        <Message title={words.app.notAvailable}>
          <p>{words.app.forRole[screen.role]} {words.app.youAre[current.role]}</p>
          <p><Link href="/">{words.app.goStart}</Link></p>
        </Message>
      );
    }
    if (screen.member && membership.value && !allowed(screen.member)) {
      return (
        <Message title={words.app.notAvailable}>
          <p>{words.roleNotice.notAvailable} {words.team.rolesMean[membership.value.member.role]}</p>
          <p><Link href="/">{words.app.goStart}</Link></p>
        </Message>
      );
    }
    return <>{screen.render(params)}</>;
  }
  return (
    <Message title={words.app.notFound}>
      <p>{words.app.notFoundText}</p>
      <p><Link href="/">{words.app.goStartPage}</Link></p>
    </Message>
  );
}

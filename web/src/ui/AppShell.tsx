/** The frame of every screen: skip link, header with the role's navigation, the language switch and sign-out, and the main area. */
import type { ComponentChildren } from 'preact';
import { useEffect } from 'preact/hooks';
import { signOutUrl } from '../auth/cognito';
import { passing } from '../api/resend';
import { allowed, membership, membershipProblem, retryMembership } from '../auth/membership';
import { me } from '../auth/me';
import type { PartnerRoute } from '../auth/routeRoles';
import { end, session } from '../auth/session';
import { consoleConfig } from '../config';
import { t } from '../i18n/catalogue';
import { addressIn, chooseLanguage } from '../i18n/chooseLanguage';
import { language } from '../i18n/language';
import { navigate, route } from '../router';
import { unreadCount, useUnreadPolling } from '../screens/Notifications/unread';
import { Icon, type IconName } from './Icon';
import { Link } from './Link';
import { ProblemMessage } from './ProblemMessage';

type NavKey = 'clients' | 'audit' | 'applications' | 'partners' | 'contactSales' | 'signIn' | 'apiKeys' | 'webhooks';
type SpendNavKey = 'home' | 'budgets' | 'notifications' | 'team';
/** One entry; `route`: shown only to a member whose role may use it (the route the screen reads). */
interface NavEntry {
  readonly href: string;
  readonly key: NavKey | SpendNavKey;
  readonly icon: IconName;
  readonly route?: PartnerRoute;
}
const NAVIGATION: Record<'partner' | 'manager' | 'client' | 'none', readonly NavEntry[]> = {
  partner: [
    { href: '/home', key: 'home', icon: 'home', route: 'GET /portfolio' },
    { href: '/clients', key: 'clients', icon: 'users' },
    { href: '/audit', key: 'audit', icon: 'history', route: 'GET /audit' },
    { href: '/budgets', key: 'budgets', icon: 'gauge', route: 'GET /budgets' },
    { href: '/notifications', key: 'notifications', icon: 'bell', route: 'GET /notifications' },
    { href: '/team', key: 'team', icon: 'users', route: 'GET /team/members' },
    { href: '/api-keys', key: 'apiKeys', icon: 'history', route: 'GET /api-keys' },
    { href: '/webhooks', key: 'webhooks', icon: 'send', route: 'GET /webhooks' },
  ],
  manager: [{ href: '/applications', key: 'applications', icon: 'inbox' }, { href: '/partners', key: 'partners', icon: 'users' }],
  client: [],
  none: [{ href: '/contact-sales', key: 'contactSales', icon: 'users' }, { href: '/sign-in', key: 'signIn', icon: 'users' }],
};

function signOut(): void {
  const current = session.value;
  end();
  const auth = consoleConfig().auth;
  const client = auth.mode === 'cognito' && current ? auth[current.pool] : undefined;
  if (client) window.location.assign(signOutUrl(client));
  else navigate('/sign-in');
}

/** Wraps a screen; moves focus to its heading and names the tab after it when the screen changes. */
export function AppShell({ title, children }: { readonly title: string; readonly children: ComponentChildren }) {
  const current = session.value;
  const path = route.value.path;
  const words = t.value;
  const other = language.value === 'ru' ? 'en' : 'ru';
  // Until `GET /team/me` answers, a partner's role-gated entries hold their places unseen, so the header
  // (wrapped on a phone) does not grow and push the screen down when they come (Lighthouse's layout shift).
  const roleUnknown = current?.role === 'partner' && membership.value === null && membershipProblem.value === null;
  const entries = NAVIGATION[current?.role ?? 'none'].filter((item) => !item.route || allowed(item.route) || roleUnknown);
  useUnreadPolling(path, current?.role === 'partner' && allowed('GET /notifications/unread-count'));
  const unread = unreadCount.value;
  useEffect(() => {
    document.title = words.shell.titleSuffix(title);
  }, [title]);
  useEffect(() => {
    document.querySelector<HTMLElement>('main h1')?.focus({ preventScroll: true });
  }, [path, roleUnknown]);
  return (
    <>
      <a class="skip-link" href="#main">{words.shell.skipLink}</a>
      <header class="app-header">
        <Link class="brand" href="/" translate={false}>{words.shell.product}</Link>
        <nav aria-label={words.shell.mainNavigation}>
          <ul>
            {entries.map((item) => (item.route && !allowed(item.route)
              ? (
                <li key={item.href} class="nav-pending" aria-hidden="true">
                  <span><Icon name={item.icon} />{item.key in words.spendNav ? words.spendNav[item.key as SpendNavKey] : words.shell.nav[item.key as NavKey]}</span>
                </li>
              )
              : (
              <li key={item.href}>
                <Link href={item.href} aria-current={path.startsWith(item.href) ? 'page' : undefined}>
                  <Icon name={item.icon} />
                  {item.key in words.spendNav ? words.spendNav[item.key as SpendNavKey] : words.shell.nav[item.key as NavKey]}
                  {item.key === 'notifications' && unread !== null && unread > 0 && (
                    <span class="unread-count" title={words.spendNav.unread(unread)}>{' '}
                      <span aria-hidden="true">{unread}</span>
                      <span class="visually-hidden">{words.spendNav.unread(unread)}</span>
                    </span>
                  )}
                </Link>
              </li>
              )))}
          </ul>
        </nav>
        <div class="who">
          <a class="language-switch" href={addressIn(other)} hrefLang={other} lang={other} aria-label={words.shell.switchToLabel}
            onClick={(event) => {
              if (event.button !== 0 || event.metaKey || event.ctrlKey || event.shiftKey || event.altKey) return;
              event.preventDefault();
              chooseLanguage(other);
            }}>
            <Icon name="globe" />
            {words.shell.switchTo}
          </a>
          {current && (
            <>
              {/* A partner's company has its place before `GET /me` names it, so the name beside it does not move. */}
              {(current.role === 'partner' || me.value?.company) && <span class="who-company" translate={false}>{me.value?.company}</span>}
              <span class="who-name" translate={false} title={current.displayName}>{current.displayName}</span>
              <button type="button" class="quiet" onClick={signOut}>{words.shell.signOut}</button>
            </>
          )}
        </div>
      </header>
      {/* The screen loads meanwhile but is shown with the role: its role-gated parts would move it when they came. */}
      <main id="main" class={roleUnknown ? 'role-pending' : undefined}>
        {/* Only a failure that passes: a refusal (suspended, not a member) is said by the screen's own reads, refused alike. */}
        {current?.role === 'partner' && membershipProblem.value && passing(membershipProblem.value) && (
          <div class="role-problem">
            <p>{words.roleNotice.unread}</p>
            <ProblemMessage problem={membershipProblem.value} onRetry={() => void retryMembership()} />
          </div>
        )}
        {children}
      </main>
    </>
  );
}

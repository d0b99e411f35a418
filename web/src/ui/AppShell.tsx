/** The frame of every screen: skip link, header with the role's navigation and sign-out, and the main area. */
import type { ComponentChildren } from 'preact';
import { useEffect } from 'preact/hooks';
import { signOutUrl } from '../auth/cognito';
import { end, session } from '../auth/session';
import { consoleConfig } from '../config';
import { navigate, route } from '../router';
import { Link } from './Link';

const NAVIGATION = {
  partner: [{ href: '/clients', label: 'Clients' }, { href: '/audit', label: 'Audit' }],
  manager: [{ href: '/applications', label: 'Applications' }],
  client: [],
  none: [{ href: '/contact-sales', label: 'Contact sales' }, { href: '/sign-in', label: 'Sign in' }],
} as const;

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
  useEffect(() => {
    document.title = `${title} · partnerdesk`;
    document.querySelector<HTMLElement>('main h1')?.focus({ preventScroll: true });
  }, [title, path]);
  return (
    <>
      <a class="skip-link" href="#main">Skip to content</a>
      <header class="app-header">
        <Link class="brand" href="/">partnerdesk</Link>
        <nav aria-label="Main">
          <ul>
            {NAVIGATION[current?.role ?? 'none'].map((item) => (
              <li key={item.href}>
                <Link href={item.href} aria-current={path.startsWith(item.href) ? 'page' : undefined}>{item.label}</Link>
              </li>
            ))}
          </ul>
        </nav>
        {current && (
          <div class="who">
            <span class="who-name">{current.displayName}</span>
            <button type="button" class="quiet" onClick={signOut}>Sign out</button>
          </div>
        )}
      </header>
      <main id="main">{children}</main>
    </>
  );
}

/** Which screen a URL shows, and who may see it. */
import type { ComponentChildren } from 'preact';
import { useEffect } from 'preact/hooks';
import { type Role, session } from './auth/session';
import { matchPath, navigate, route } from './router';
import { ApplicationDetail } from './screens/Applications/ApplicationDetail';
import { Applications } from './screens/Applications/Applications';
import { Audit } from './screens/Audit/Audit';
import { ClientBalance } from './screens/ClientBalance/ClientBalance';
import { Clients } from './screens/Clients/Clients';
import { ContactSales } from './screens/ContactSales/ContactSales';
import { Invitation } from './screens/Invitation/Invitation';
import { AuthCallback } from './screens/SignIn/AuthCallback';
import { SignIn } from './screens/SignIn/SignIn';
import { AppShell } from './ui/AppShell';
import { Link } from './ui/Link';

interface Screen {
  readonly pattern: string;
  /** Who may see it; public screens omit it. */
  readonly role?: Role;
  readonly render: (params: Record<string, string>) => ComponentChildren;
}

const SCREENS: readonly Screen[] = [
  { pattern: '/contact-sales', render: () => <ContactSales /> },
  { pattern: '/sign-in', render: () => <SignIn /> },
  { pattern: '/auth/callback', render: () => <AuthCallback /> },
  { pattern: '/invitations/:token', render: ({ token }) => <Invitation token={token ?? ''} /> },
  { pattern: '/clients', role: 'partner', render: () => <Clients /> },
  { pattern: '/clients/:id/balance', role: 'partner', render: ({ id }) => <ClientBalance clientId={id ?? ''} /> },
  { pattern: '/audit', role: 'partner', render: () => <Audit /> },
  { pattern: '/applications', role: 'manager', render: () => <Applications /> },
  { pattern: '/applications/:id', role: 'manager', render: ({ id }) => <ApplicationDetail applicationId={id ?? ''} /> },
];

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
  const { path } = route.value;
  const current = session.value;
  if (path === '/') {
    if (!current) return <Redirect to="/sign-in" />;
    if (current.role !== 'client') return <Redirect to={HOME[current.role]} />;
    return (
      <Message title="Your cloud console">
        <p>You are signed in to the cloud console with account <strong>{current.accountId}</strong>.</p>
        <p>Open the invitation link from your e-mail to answer a partner's invitation.</p>
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
        <Message title="Not available">
          <p>This page is for {screen.role}s. You are signed in as a {current.role}.</p>
          <p><Link href="/">Go to your start page</Link></p>
        </Message>
      );
    }
    return <>{screen.render(params)}</>;
  }
  return (
    <Message title="Page not found">
      <p>There is no page at this address.</p>
      <p><Link href="/">Go to the start page</Link></p>
    </Message>
  );
}

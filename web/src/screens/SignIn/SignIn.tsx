/**
 * Sign in. Partners and managers sign in with their staff login; clients with their cloud console
 * account. Locally a small form over the local stand-in lists the demo logins; in AWS the
 * buttons go to Cognito's hosted login (authorization code + PKCE).
 */
import { useEffect, useState } from 'preact/hooks';
import type { Problem } from '../../api/errorMessages';
import { authorizationUrl } from '../../auth/cognito';
import { DEMO_STAFF, isSession, signInStaff } from '../../auth/localSignIn';
import { session, signInNotice, start } from '../../auth/session';
import { consoleConfig } from '../../config';
import { t } from '../../i18n/catalogue';
import { navigate, route } from '../../router';
import { returnPath } from '../../screenPaths';
import { AppShell } from '../../ui/AppShell';
import { Field } from '../../ui/Field';
import { ProblemMessage } from '../../ui/ProblemMessage';
import { CloudAccountSignIn } from './CloudAccountSignIn';

/** Where to go after signing in: `?next=` on the sign-in page, else the page that asked for it. */
function nextPath(): string {
  const { path, query } = route.value;
  return returnPath(path === '/sign-in' ? query.get('next') : `${path}${window.location.search}`, window.location.origin);
}

/** The sign-in page (also shown in place of a screen that needs a signed-in person). */
export function SignIn() {
  const words = t.value.signIn;
  const auth = consoleConfig().auth;
  const notice = signInNotice.value;
  const [email, setEmail] = useState('');
  const [problem, setProblem] = useState<Problem | null>(null);
  const [busy, setBusy] = useState(false);
  const signedIn = session.value;

  useEffect(() => {
    if (signedIn && route.value.path === '/sign-in') navigate(nextPath(), { replace: true });
  }, [signedIn]);

  const signIn = async (address: string) => {
    setBusy(true);
    const outcome = await signInStaff(address.trim());
    setBusy(false);
    if (!isSession(outcome)) return setProblem(outcome);
    signInNotice.value = null;
    start(outcome);
  };

  return (
    <AppShell title={words.title}>
      <h1 tabIndex={-1}>{words.title}</h1>
      {notice && <p class="notice" role="status">{words[notice]}</p>}
      <section aria-labelledby="staff-heading" class="panel narrow">
        <h2 id="staff-heading">{words.staffHeading}</h2>
        {auth.mode === 'cognito' ? (
          <button type="button" onClick={async () => window.location.assign(await authorizationUrl(auth.staff, 'staff', nextPath()))}>
            {words.hostedStaff}
          </button>
        ) : (
          <>
            <ProblemMessage problem={problem} />
            <form onSubmit={(event) => {
              event.preventDefault();
              void signIn(email);
            }}>
              <Field label={words.email} name="email" type="email" required autoComplete="username" value={email}
                onValue={setEmail} />
              <button type="submit" disabled={busy}>{words.submit}</button>
            </form>
            <p>{words.demoLogins}</p>
            <ul class="demo-logins">
              {DEMO_STAFF.map((login) => (
                <li key={login.email}>
                  <button type="button" class="secondary" disabled={busy} onClick={() => void signIn(login.email)}>
                    {words.demoAs(login.email)}
                  </button>
                  <span> — {words.demoWho[login.role]}</span>
                </li>
              ))}
            </ul>
          </>
        )}
      </section>
      <section aria-labelledby="client-heading" class="panel narrow">
        <h2 id="client-heading">{words.clientsHeading}</h2>
        <p>{words.clientsText}</p>
        <CloudAccountSignIn />
      </section>
    </AppShell>
  );
}

/**
 * Sign-in to the cloud's console for clients (the person who owns a cloud account), or sign-up
 * for a person who has none yet: locally through the local stand-in, in AWS through the
 * console user pool's hosted login.
 */
import { useState } from 'preact/hooks';
import type { Problem } from '../../api/errorMessages';
import { authorizationUrl } from '../../auth/cognito';
import { isSession, signInCloudAccount, signUpCloudAccount } from '../../auth/localSignIn';
import { start } from '../../auth/session';
import { consoleConfig } from '../../config';
import { t } from '../../i18n/catalogue';
import { Field } from '../../ui/Field';
import { ProblemMessage } from '../../ui/ProblemMessage';

/** Where to return after a hosted sign-in (the current page). */
function here(): string {
  return `${window.location.pathname}${window.location.search}`;
}

/** Both ways in for a cloud-console user. */
export function CloudAccountSignIn() {
  const words = t.value.signIn.cloud;
  const auth = consoleConfig().auth;
  const [accountId, setAccountId] = useState('');
  const [email, setEmail] = useState('');
  const [problem, setProblem] = useState<Problem | null>(null);
  const [busy, setBusy] = useState(false);

  if (auth.mode === 'cognito') {
    const pool = auth.console;
    if (!pool) {
      return <p class="notice">{words.notOffered}</p>;
    }
    const go = async (signUp: boolean) => window.location.assign(await authorizationUrl(pool, 'console', here(), signUp));
    return (
      <div class="actions">
        <button type="button" onClick={() => void go(false)}>{words.hostedSignIn}</button>
        <button type="button" class="secondary" onClick={() => void go(true)}>{words.hostedSignUp}</button>
      </div>
    );
  }

  const submit = async (event: Event, attempt: () => ReturnType<typeof signInCloudAccount>) => {
    event.preventDefault();
    setBusy(true);
    const outcome = await attempt();
    setBusy(false);
    if (isSession(outcome)) start(outcome);
    else setProblem(outcome);
  };
  return (
    <div class="cloud-sign-in">
      <ProblemMessage problem={problem} />
      <form onSubmit={(event) => void submit(event, () => signInCloudAccount(accountId.trim()))}>
        <h3>{words.haveAccount}</h3>
        <Field label={words.accountId} name="cloud-account-id" required value={accountId} placeholder="acc-…"
          onValue={setAccountId} />
        <button type="submit" disabled={busy}>{words.signIn}</button>
      </form>
      <form onSubmit={(event) => void submit(event, () => signUpCloudAccount(email.trim()))}>
        <h3>{words.noAccount}</h3>
        <Field label={words.yourEmail} name="sign-up-email" type="email" required value={email} autoComplete="email"
          onValue={setEmail} />
        <button type="submit" class="secondary" disabled={busy}>{words.signUp}</button>
      </form>
    </div>
  );
}

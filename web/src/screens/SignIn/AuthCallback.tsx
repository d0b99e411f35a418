/** `/auth/callback`: Cognito sends the browser back here with a code; exchange it and go on. */
import { useEffect, useState } from 'preact/hooks';
import type { Problem } from '../../api/errorMessages';
import { completeSignIn } from '../../auth/cognito';
import { start } from '../../auth/session';
import { consoleConfig } from '../../config';
import { t } from '../../i18n/catalogue';
import { navigate, route } from '../../router';
import { returnPath } from '../../screenPaths';
import { AppShell } from '../../ui/AppShell';
import { Link } from '../../ui/Link';
import { ProblemMessage } from '../../ui/ProblemMessage';

/** Finishes a hosted sign-in. */
export function AuthCallback() {
  const words = t.value.signIn;
  const [problem, setProblem] = useState<Problem | null>(null);
  useEffect(() => {
    const auth = consoleConfig().auth;
    if (auth.mode !== 'cognito') return navigate('/sign-in', { replace: true });
    void completeSignIn(auth, route.value.query).then((outcome) => {
      if ('session' in outcome) {
        start(outcome.session);
        navigate(returnPath(outcome.next, window.location.origin), { replace: true });
      } else setProblem(outcome);
    });
  }, []);
  return (
    <AppShell title={words.callbackTitle}>
      <h1 tabIndex={-1}>{words.callbackHeading}</h1>
      <ProblemMessage problem={problem} />
      {problem && <p><Link href="/sign-in">{words.again}</Link></p>}
    </AppShell>
  );
}

/**
 * The invitation link from the mail (`/invitations/{token}`): who invites and what accepting
 * means; the person signs in to its cloud console account (or signs up when it has none) and
 * accepts or declines. Expired, answered and superseded invitations get a clear page.
 */
import { useEffect, useState } from 'preact/hooks';
import { api, attempt, idempotencyKey } from '../../api/client';
import { type Problem, problemWords } from '../../api/errorMessages';
import type { InvitationView } from '../../api/types';
import { end, session } from '../../auth/session';
import { AppShell } from '../../ui/AppShell';
import { t } from '../../i18n/catalogue';
import { Sentence } from '../../i18n/Sentence';
import { formatMoscowTime } from '../../i18n/format';
import { ProblemMessage } from '../../ui/ProblemMessage';
import { CloudAccountSignIn } from '../SignIn/CloudAccountSignIn';

/** Codes that mean the invitation can no longer be answered: shown as a page, not as an error next to buttons. */
const FINAL_CODES = new Set(['invitation_expired', 'invitation_closed', 'invitation_superseded']);
/** Codes that mean the link itself is broken (unknown or malformed token). */
const INVALID_LINK_CODES = new Set(['not_found', 'validation_failed']);

/** A page with a title and its text: what an invitation that cannot be answered shows. */
type Final = { readonly kind: 'invalid' } | { readonly kind: 'closed'; readonly problem: Problem };

/** The screen for one invitation token. */
export function Invitation({ token }: { readonly token: string }) {
  const words = t.value;
  const page = words.invitation;
  const [view, setView] = useState<InvitationView | null>(null);
  const [problem, setProblem] = useState<Problem | null>(null);
  const [final, setFinal] = useState<Final | null>(null);
  const [busy, setBusy] = useState(false);
  const [attemptNo, setAttemptNo] = useState(0);
  const [key] = useState(idempotencyKey);
  const signedIn = session.value;
  const settle = (failed: Problem) => {
    if (INVALID_LINK_CODES.has(failed.code)) setFinal({ kind: 'invalid' });
    else if (FINAL_CODES.has(failed.code)) setFinal({ kind: 'closed', problem: failed });
    else setProblem(failed);
  };

  useEffect(() => {
    setProblem(null);
    // Asked for JSON: the same route answers HTML to a browser that follows the link to the API itself.
    void attempt(api().GET('/invitations/{token}', { params: { path: { token } }, headers: { accept: 'application/json' } })).then((outcome) => {
      if (outcome.ok) {
        if (typeof outcome.data !== 'string') setView(outcome.data);
      } else settle(outcome.problem);
    });
  }, [token, attemptNo]);

  const answer = async (choice: 'accept' | 'decline') => {
    setBusy(true);
    const path = choice === 'accept' ? '/invitations/{token}/accept' as const : '/invitations/{token}/decline' as const;
    const outcome = await attempt(api().POST(path, { params: { path: { token }, header: { 'Idempotency-Key': `${key}-${choice}` } } }));
    setBusy(false);
    if (outcome.ok) {
      setView(outcome.data);
      setProblem(null);
    } else settle(outcome.problem);
  };

  if (final) {
    const title = final.kind === 'invalid' ? page.invalidTitle : page.unavailable;
    return (
      <AppShell title={title}>
        <h1 tabIndex={-1}>{title}</h1>
        <p>{final.kind === 'invalid' ? page.invalidText : problemWords(final.problem, words)}</p>
      </AppShell>
    );
  }
  if (!view) {
    return (
      <AppShell title={page.title}>
        <h1 tabIndex={-1}>{page.title}</h1>
        {problem ? <ProblemMessage problem={problem} onRetry={() => setAttemptNo((n) => n + 1)} /> : <p role="status">{page.loading}</p>}
      </AppShell>
    );
  }
  if (view.status !== 'pending') {
    const closed = view.status === 'accepted' && signedIn?.role === 'client'
      ? { title: page.closed.accepted.title, text: <Sentence words={page.nowServes} values={[view.partnerName, view.accountId ?? signedIn.accountId ?? '']} /> }
      : page.closed[view.status];
    return (
      <AppShell title={closed.title}>
        <h1 tabIndex={-1}>{closed.title}</h1>
        <p role="status">{closed.text}</p>
      </AppShell>
    );
  }
  return (
    <AppShell title={page.title}>
      <h1 tabIndex={-1}><Sentence words={page.invites} values={[view.partnerName]} /></h1>
      <section class="panel">
        <p>{page.acceptingMeans}</p>
        <p>
          {view.accountId ? page.forAccount(view.accountId) : page.forSignedIn}{' '}
          <strong>{page.answerBy(formatMoscowTime(view.expiresAt))}</strong>
        </p>
      </section>
      <ProblemMessage problem={problem} />
      {signedIn?.role === 'client' ? (
        <section class="panel" aria-labelledby="answer-heading">
          <h2 id="answer-heading">{page.answerHeading}</h2>
          <p>{page.signedInAs(signedIn.accountId ?? '')}</p>
          <div class="actions">
            <button type="button" disabled={busy} onClick={() => void answer('accept')}>{page.accept}</button>
            <button type="button" class="secondary" disabled={busy} onClick={() => void answer('decline')}>{page.decline}</button>
            <button type="button" class="quiet" onClick={() => end()}>{page.otherAccount}</button>
          </div>
        </section>
      ) : (
        <section class="panel" aria-labelledby="sign-in-heading">
          <h2 id="sign-in-heading">{page.signInHeading}</h2>
          <p>{page.signInText}</p>
          {signedIn && <p class="notice">{page.wrongRole}</p>}
          <CloudAccountSignIn />
        </section>
      )}
    </AppShell>
  );
}

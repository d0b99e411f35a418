/**
 * The invitation link from the mail (`/invitations/{token}`): who invites and what accepting
 * means; the person signs in to its cloud console account (or signs up when it has none) and
 * accepts or declines. Expired, answered and superseded invitations get a clear page.
 */
import { useEffect, useState } from 'preact/hooks';
import { api, attempt, idempotencyKey } from '../../api/client';
import type { Problem } from '../../api/errorMessages';
import type { InvitationView } from '../../api/types';
import { end, session } from '../../auth/session';
import { AppShell } from '../../ui/AppShell';
import { formatMoscow } from '../../ui/moscowTime';
import { ProblemMessage } from '../../ui/ProblemMessage';
import { CloudAccountSignIn } from '../SignIn/CloudAccountSignIn';

const CLOSED: Record<Exclude<InvitationView['status'], 'pending'>, { title: string; text: string }> = {
  accepted: { title: 'Invitation accepted', text: 'This invitation has been accepted. Nothing more to do.' },
  declined: { title: 'Invitation declined', text: 'This invitation has been declined. The partner has been told.' },
  cancelled: { title: 'Invitation withdrawn', text: 'The partner withdrew this invitation, or sent a newer one. Use the link in the latest e-mail.' },
  expired: { title: 'Invitation expired', text: 'This invitation has expired. Ask the partner to send a new one.' },
};

/** Codes that mean the invitation can no longer be answered: shown as a page, not as an error next to buttons. */
const FINAL_CODES = new Set(['invitation_expired', 'invitation_closed', 'invitation_superseded', 'not_found']);

/** The screen for one invitation token. */
export function Invitation({ token }: { readonly token: string }) {
  const [view, setView] = useState<InvitationView | null>(null);
  const [problem, setProblem] = useState<Problem | null>(null);
  const [final, setFinal] = useState<{ title: string; text: string } | null>(null);
  const [busy, setBusy] = useState(false);
  const [key] = useState(idempotencyKey);
  const signedIn = session.value;

  useEffect(() => {
    // Asked for JSON: the same route answers HTML to a browser that follows the link to the API itself.
    void attempt(api().GET('/invitations/{token}', { params: { path: { token } }, headers: { accept: 'application/json' } })).then((outcome) => {
      if (outcome.ok) {
        if (typeof outcome.data !== 'string') setView(outcome.data);
      } else if (FINAL_CODES.has(outcome.problem.code)) setFinal({ title: 'Invitation not available', text: outcome.problem.message });
      else setProblem(outcome.problem);
    });
  }, [token]);

  const answer = async (choice: 'accept' | 'decline') => {
    setBusy(true);
    const path = choice === 'accept' ? '/invitations/{token}/accept' as const : '/invitations/{token}/decline' as const;
    const outcome = await attempt(api().POST(path, { params: { path: { token }, header: { 'Idempotency-Key': `${key}-${choice}` } } }));
    setBusy(false);
    if (outcome.ok) {
      setView(outcome.data);
      setProblem(null);
    } else if (FINAL_CODES.has(outcome.problem.code)) setFinal({ title: 'Invitation not available', text: outcome.problem.message });
    else setProblem(outcome.problem);
  };

  if (final) {
    return (
      <AppShell title={final.title}>
        <h1 tabIndex={-1}>{final.title}</h1>
        <p>{final.text}</p>
      </AppShell>
    );
  }
  if (!view) {
    return (
      <AppShell title="Invitation">
        <h1 tabIndex={-1}>Invitation</h1>
        {problem ? <ProblemMessage problem={problem} /> : <p role="status">Loading the invitation…</p>}
      </AppShell>
    );
  }
  if (view.status !== 'pending') {
    const closed = view.status === 'accepted' && signedIn?.role === 'client'
      ? { title: 'Invitation accepted', text: `${view.partnerName} now serves your cloud account ${view.accountId ?? signedIn.accountId ?? ''}.` }
      : CLOSED[view.status];
    return (
      <AppShell title={closed.title}>
        <h1 tabIndex={-1}>{closed.title}</h1>
        <p role="status">{closed.text}</p>
      </AppShell>
    );
  }
  return (
    <AppShell title="Invitation">
      <h1 tabIndex={-1}>{view.partnerName} invites you</h1>
      <section class="panel">
        <p>{view.acceptingMeans}</p>
        <p>
          {view.accountId ? <>For cloud account <strong>{view.accountId}</strong>. </> : <>For the cloud account you sign in with. </>}
          Answer by <strong>{formatMoscow(view.expiresAt)}</strong> (Moscow time).
        </p>
      </section>
      <ProblemMessage problem={problem} />
      {signedIn?.role === 'client' ? (
        <section class="panel" aria-labelledby="answer-heading">
          <h2 id="answer-heading">Your answer</h2>
          <p>Signed in to the cloud console as <strong>{signedIn.accountId}</strong>.</p>
          <div class="actions">
            <button type="button" disabled={busy} onClick={() => void answer('accept')}>Accept invitation</button>
            <button type="button" class="secondary" disabled={busy} onClick={() => void answer('decline')}>Decline</button>
            <button type="button" class="quiet" onClick={() => end()}>Use another account</button>
          </div>
        </section>
      ) : (
        <section class="panel" aria-labelledby="sign-in-heading">
          <h2 id="sign-in-heading">Sign in to answer</h2>
          <p>Only the owner of the cloud account can accept. Sign in to your cloud console, or sign up if you have no account yet.</p>
          {signedIn && <p class="notice">You are signed in as a {signedIn.role}; the invitation needs a cloud console account.</p>}
          <CloudAccountSignIn />
        </section>
      )}
    </AppShell>
  );
}

/** Manager → one application: everything the applicant wrote, the deadline, and contact / approve / reject (with a reason), each confirmed first. */
import { useState } from 'preact/hooks';
import { api, attempt } from '../../api/client';
import type { Problem } from '../../api/errorMessages';
import { useLoaded } from '../../api/useLoaded';
import { AppShell } from '../../ui/AppShell';
import { ConfirmDialog } from '../../ui/ConfirmDialog';
import { Field } from '../../ui/Field';
import { Link } from '../../ui/Link';
import { formatMoscow } from '../../ui/moscowTime';
import { ProblemMessage } from '../../ui/ProblemMessage';
import { deadlineWords, isOverdue, STATUS_WORDS } from './applicationStatus';

type Decision = 'contact' | 'approve' | 'reject';

const DECISIONS: Record<Decision, { title: string; confirm: string; means: string }> = {
  contact: {
    title: 'Record the contact?',
    confirm: 'Record contact',
    means: 'Confirm that you have contacted the applicant. The 48-hour escalation stops.',
  },
  approve: {
    title: 'Approve the application?',
    confirm: 'Approve',
    means: 'The applicant becomes a partner: a partner login is created for their e-mail and they are told by mail.',
  },
  reject: {
    title: 'Reject the application?',
    confirm: 'Reject',
    means: 'The applicant is told by mail, with your reason.',
  },
};

/** The screen for one application. */
export function ApplicationDetail({ applicationId }: { readonly applicationId: string }) {
  const { data: application, problem, replace } = useLoaded(
    () => attempt(api().GET('/partner-applications/{id}', { params: { path: { id: applicationId } } })),
    [applicationId],
  );
  const [deciding, setDeciding] = useState<Decision | null>(null);
  const [reason, setReason] = useState('');
  const [notice, setNotice] = useState<string | null>(null);

  const decide = async (decision: Decision): Promise<Problem | null> => {
    // Decisions are state transitions: repeating one answers invalid_transition, so they carry no Idempotency-Key.
    const params = { path: { id: applicationId } };
    const outcome = await attempt(decision === 'reject'
      ? api().POST('/partner-applications/{id}/reject', { params, body: { reason: reason.trim() } })
      : api().POST(decision === 'contact' ? '/partner-applications/{id}/contact' : '/partner-applications/{id}/approve', { params }));
    if (!outcome.ok) return outcome.problem;
    replace(outcome.data);
    setNotice(`The application is now ${STATUS_WORDS[outcome.data.status].toLowerCase()}.`);
    return null;
  };

  const status = application?.status;
  return (
    <AppShell title={application ? `Application of ${application.company}` : 'Application'}>
      <p class="breadcrumb"><Link href="/applications">← Applications</Link></p>
      <h1 tabIndex={-1}>{application ? application.company : 'Application'}</h1>
      <ProblemMessage problem={problem} />
      {notice && <p class="notice" role="status">{notice}</p>}
      {application && (
        <>
          <dl class={`details${isOverdue(application) ? ' overdue' : ''}`}>
            <div><dt>Status</dt><dd><span class={`badge status-${application.status}`}>{STATUS_WORDS[application.status]}</span></dd></div>
            <div class="deadline"><dt>48-hour deadline</dt><dd>{deadlineWords(application)}</dd></div>
            <div><dt>Contact person</dt><dd>{application.name}</dd></div>
            <div><dt>E-mail</dt><dd><a href={`mailto:${application.email}`}>{application.email}</a></dd></div>
            <div><dt>Phone</dt><dd><a href={`tel:${application.phone}`}>{application.phone}</a></dd></div>
            <div><dt>Received</dt><dd>{formatMoscow(application.createdAt)}</dd></div>
            {application.contactedAt && <div><dt>Contacted</dt><dd>{formatMoscow(application.contactedAt)}</dd></div>}
            {application.decidedAt && <div><dt>Decided</dt><dd>{formatMoscow(application.decidedAt)}</dd></div>}
            {application.rejectionReason && <div><dt>Reason</dt><dd>{application.rejectionReason}</dd></div>}
            {application.partnerId && <div><dt>Partner id</dt><dd><code>{application.partnerId}</code></dd></div>}
          </dl>
          <h2>Message</h2>
          <p class="message">{application.message}</p>
          <div class="actions">
            {(status === 'new' || status === 'escalated') && <button type="button" onClick={() => setDeciding('contact')}>Record contact</button>}
            {status === 'contacted' && <button type="button" onClick={() => setDeciding('approve')}>Approve</button>}
            {(status === 'new' || status === 'escalated' || status === 'contacted') && (
              <button type="button" class="danger" onClick={() => setDeciding('reject')}>Reject</button>
            )}
          </div>
        </>
      )}
      {deciding && (
        <ConfirmDialog
          title={DECISIONS[deciding].title}
          confirmLabel={DECISIONS[deciding].confirm}
          danger={deciding === 'reject'}
          onConfirm={() => decide(deciding)}
          onClose={() => setDeciding(null)}
        >
          <p>{DECISIONS[deciding].means}</p>
          {deciding === 'reject' && (
            <Field label="Reason" name="reason" required multiline value={reason} onValue={setReason} maxLength={500} />
          )}
        </ConfirmDialog>
      )}
    </AppShell>
  );
}

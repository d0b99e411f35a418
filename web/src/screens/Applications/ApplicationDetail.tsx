/** Manager → one application: everything the applicant wrote, the deadline, who holds it and each contact attempt; take it, record an attempt, contact / approve / reject (with a reason), each confirmed first. */
import { useState } from 'preact/hooks';
import { api, attempt } from '../../api/client';
import { fieldWords, localProblem, type Problem } from '../../api/errorMessages';
import type { ApplicationStatus } from '../../api/types';
import { useLoaded } from '../../api/useLoaded';
import { applicationRead } from '../firstReads';
import { t } from '../../i18n/catalogue';
import { formatMoscowTime as formatMoscow } from '../../i18n/format';
import { AppShell } from '../../ui/AppShell';
import { ConfirmDialog } from '../../ui/ConfirmDialog';
import { Id } from '../../ui/CopyButton';
import { Field } from '../../ui/Field';
import { meetsRule, focusFirstField } from '../../ui/formChecks';
import { Link } from '../../ui/Link';
import { ProblemMessage } from '../../ui/ProblemMessage';
import { deadlineWords, isOverdue } from './applicationStatus';

type Decision = 'contact' | 'approve' | 'reject';

const REASON_RULE = { required: true, maxLength: 1000 } as const;

/** The screen for one application. */
export function ApplicationDetail({ applicationId }: { readonly applicationId: string }) {
  const words = t.value;
  const page = words.application;
  const { data: application, problem, replace, retry, slow } = useLoaded(
    () => applicationRead.take(applicationId),
    [applicationId],
  );
  const [deciding, setDeciding] = useState<Decision | null>(null);
  const [reason, setReason] = useState('');
  const [reasonWrong, setReasonWrong] = useState(false);
  const [notice, setNotice] = useState<ApplicationStatus | null>(null);
  const [workNotice, setWorkNotice] = useState<'taken' | 'attemptRecorded' | null>(null);
  const [workProblem, setWorkProblem] = useState<Problem | null>(null);
  const [recording, setRecording] = useState(false);
  const [note, setNote] = useState('');
  const [reached, setReached] = useState(false);
  const [noteWrong, setNoteWrong] = useState(false);
  const work = words.department.applications;

  const take = async () => {
    const outcome = await attempt(api().POST('/partner-applications/{id}/take', { params: { path: { id: applicationId } } }));
    if (!outcome.ok) return setWorkProblem(outcome.problem);
    setWorkProblem(null);
    replace(outcome.data);
    setWorkNotice('taken');
  };

  const recordAttempt = async (): Promise<Problem | null> => {
    if (!meetsRule(note, REASON_RULE)) {
      setNoteWrong(true);
      focusFirstField(['note']);
      return localProblem('validation_failed', ['note']);
    }
    const outcome = await attempt(api().POST('/partner-applications/{id}/contact-attempts', {
      params: { path: { id: applicationId } }, body: { note: note.trim(), reached },
    }));
    if (!outcome.ok) {
      setNoteWrong(outcome.problem.fields.includes('note'));
      return outcome.problem;
    }
    setNoteWrong(false);
    setNote('');
    setReached(false);
    replace(outcome.data);
    setWorkNotice('attemptRecorded');
    return null;
  };

  const decide = async (decision: Decision): Promise<Problem | null> => {
    if (decision === 'reject' && !meetsRule(reason, REASON_RULE)) {
      setReasonWrong(true);
      focusFirstField(['reason']);
      return localProblem('validation_failed', ['reason']);
    }
    // Decisions are state transitions: repeating one answers invalid_transition, so they carry no Idempotency-Key.
    const params = { path: { id: applicationId } };
    const outcome = await attempt(decision === 'reject'
      ? api().POST('/partner-applications/{id}/reject', { params, body: { reason: reason.trim() } })
      : api().POST(decision === 'contact' ? '/partner-applications/{id}/contact' : '/partner-applications/{id}/approve', { params }));
    if (!outcome.ok) {
      setReasonWrong(outcome.problem.fields.includes('reason'));
      focusFirstField(outcome.problem.fields);
      return outcome.problem;
    }
    setReasonWrong(false);
    replace(outcome.data);
    setNotice(outcome.data.status);
    return null;
  };

  const status = application?.status;
  return (
    <AppShell title={application ? page.title(application.company) : page.fallbackTitle}>
      <p class="breadcrumb"><Link href="/applications">← {page.back}</Link></p>
      <h1 tabIndex={-1} translate={application ? false : undefined}>{application ? application.company : page.fallbackTitle}</h1>
      <ProblemMessage problem={problem} onRetry={retry} />
      {slow && <p role="status" class="loading-line">{words.common.loading}</p>}
      {notice && <p class="notice" role="status">{page.nowStatus(words.applicationStatus[notice])}</p>}
      {workNotice && <p class="notice" role="status">{work[workNotice]}</p>}
      <ProblemMessage problem={workProblem} />
      {application && (
        <>
          <dl class={`details${isOverdue(application) ? ' overdue' : ''}`}>
            <div><dt>{page.details.status}</dt><dd><span class={`badge status-${application.status}`}>{words.applicationStatus[application.status]}</span></dd></div>
            <div class="deadline"><dt>{page.details.deadline}</dt><dd>{deadlineWords(application)}</dd></div>
            <div><dt>{page.details.contact}</dt><dd translate={false}>{application.name}</dd></div>
            <div><dt>{page.details.email}</dt><dd><a href={`mailto:${application.email}`}>{application.email}</a></dd></div>
            <div><dt>{page.details.phone}</dt><dd><a href={`tel:${application.phone}`}>{application.phone}</a></dd></div>
            <div><dt>{page.details.received}</dt><dd>{formatMoscow(application.createdAt)}</dd></div>
            {application.contactedAt && <div><dt>{page.details.contacted}</dt><dd>{formatMoscow(application.contactedAt)}</dd></div>}
            {application.decidedAt && <div><dt>{page.details.decided}</dt><dd>{formatMoscow(application.decidedAt)}</dd></div>}
            {application.rejectionReason && <div><dt>{page.details.reason}</dt><dd translate={false}>{application.rejectionReason}</dd></div>}
            {application.partnerId && <div><dt>{page.details.partner}</dt><dd><Link href={`/partners/${encodeURIComponent(application.partnerId)}`}><Id value={application.partnerId} /></Link></dd></div>}
            <div><dt>{work.holder}</dt><dd translate={false}>{application.assignedTo ?? work.nobody}</dd></div>
          </dl>
          <h2>{page.message}</h2>
          <p class="message" translate={false}>{application.message}</p>
          <h2>{work.attempts}</h2>
          {application.contactAttempts.length === 0 ? <p class="muted">{work.noAttempts}</p> : (
            <ol class="timeline">
              {application.contactAttempts.map((contact) => (
                <li><span>{work.attemptLine(formatMoscow(contact.at), contact.by, contact.reached)}</span> — <span translate={false}>{contact.note}</span></li>
              ))}
            </ol>
          )}
          <div class="actions">
            {(status === 'new' || status === 'escalated' || status === 'contacted') && (
              <button type="button" class="secondary" onClick={() => void take()}>{work.take}</button>
            )}
            {(status === 'new' || status === 'escalated' || status === 'contacted') && (
              <button type="button" class="secondary" onClick={() => setRecording(true)}>{work.recordAttempt}</button>
            )}
            {(status === 'new' || status === 'escalated') && <button type="button" onClick={() => setDeciding('contact')}>{page.recordContact}</button>}
            {status === 'contacted' && <button type="button" onClick={() => setDeciding('approve')}>{page.approve}</button>}
            {(status === 'new' || status === 'escalated' || status === 'contacted') && (
              <button type="button" class="danger" onClick={() => setDeciding('reject')}>{page.reject}</button>
            )}
          </div>
        </>
      )}
      {recording && (
        <ConfirmDialog title={work.attemptTitle} confirmLabel={work.attemptSave} onConfirm={recordAttempt} onClose={() => setRecording(false)}>
          <Field label={work.attemptNote} name="note" required multiline value={note} onValue={setNote} maxLength={1000}
            error={noteWrong ? fieldWords('note', words) : undefined} />
          <div class="field checkbox">
            <input id="attempt-reached" type="checkbox" checked={reached} onChange={(event) => setReached(event.currentTarget.checked)} />
            <label for="attempt-reached">{work.attemptReached}</label>
          </div>
        </ConfirmDialog>
      )}
      {deciding && (
        <ConfirmDialog
          title={page.decisions[deciding].title}
          confirmLabel={page.decisions[deciding].confirm}
          danger={deciding === 'reject'}
          onConfirm={() => decide(deciding)}
          onClose={() => setDeciding(null)}
        >
          <p>{page.decisions[deciding].means}</p>
          {deciding === 'reject' && (
            <Field label={page.reason} name="reason" required multiline value={reason} onValue={setReason} maxLength={1000}
              error={reasonWrong ? fieldWords('reason', words) : undefined} />
          )}
        </ConfirmDialog>
      )}
    </AppShell>
  );
}

/** Manager → one partner: its profile from the application, the application's history, members, clients by status, what managers did; suspend / resume / end. */
import { useState } from 'preact/hooks';
import { api, attempt } from '../../api/client';
import type { PartnerAction } from '../../api/types';
import { useLoaded } from '../../api/useLoaded';
import { t } from '../../i18n/catalogue';
import { formatCount, formatMoscowClock, formatMoscowTime } from '../../i18n/format';
import { AppShell } from '../../ui/AppShell';
import { DataTable } from '../../ui/DataTable';
import { Link } from '../../ui/Link';
import { Pager } from '../../ui/Pager';
import { ProblemMessage } from '../../ui/ProblemMessage';
import { CLIENT_STATUSES } from '../Clients/clientList';
import { PartnerActionDialog, type PartnerActionResult } from './PartnerActionDialog';

/** What a manager may do to a partner in each state (an ended partnership is read-only). */
const ACTIONS = { active: ['suspend', 'end'], suspended: ['resume', 'end'], ended: [] } as const satisfies Record<string, readonly PartnerAction[]>;

/** The screen for one partner. */
export function PartnerPage({ partnerId }: { readonly partnerId: string }) {
  const words = t.value;
  const page = words.department.partner;
  // The audit of managers' actions is paged with the page itself: the cursor travels with the one request.
  const [auditCursor, setAuditCursor] = useState<string | undefined>(undefined);
  const loaded = useLoaded(
    () => attempt(api().GET('/partners/{id}', { params: { path: { id: partnerId }, query: auditCursor ? { cursor: auditCursor } : {} } })),
    [partnerId, auditCursor],
  );
  const [acting, setActing] = useState<PartnerAction | null>(null);
  const [done, setDone] = useState<PartnerActionResult | null>(null);
  const view = loaded.data;
  const partner = view?.partner;
  const application = view?.application;

  return (
    <AppShell title={partner?.company ?? page.fallbackTitle}>
      <p class="breadcrumb"><Link href="/partners">← {page.back}</Link></p>
      <h1 tabIndex={-1} translate={partner ? false : undefined}>{partner?.company ?? page.fallbackTitle}</h1>
      <ProblemMessage problem={loaded.problem} onRetry={loaded.retry} />
      {loaded.slow && <p role="status" class="loading-line">{words.common.loading}</p>}
      {done && (
        <p class="notice" role="status">
          {done.action === 'end' && done.endingFinished === false ? words.department.action.endingLater : words.department.action.done[done.action]}
        </p>
      )}
      {view && partner && application && (
        <>
          <div class="actions">
            {ACTIONS[partner.state].map((action) => (
              <button type="button" class={action === 'resume' ? undefined : 'danger'} onClick={() => setActing(action)}>
                {words.department.action.button[action]}
              </button>
            ))}
          </div>
          {partner.state === 'ended' && <p class="notice">{page.readOnly}</p>}
          <h2>{page.profile}</h2>
          <dl class="details">
            <div><dt>{page.details.state}</dt><dd><span class={`badge partner-${partner.state}`}>{words.department.partnerState[partner.state]}</span></dd></div>
            <div><dt>{page.details.since}</dt><dd>{formatMoscowTime(partner.since)}</dd></div>
            {view.stateReason && <div><dt>{page.details.reason}</dt><dd translate={false}>{view.stateReason}</dd></div>}
            <div><dt>{page.details.company}</dt><dd translate={false}>{application.company}</dd></div>
            <div><dt>{page.details.contact}</dt><dd translate={false}>{application.name}</dd></div>
            <div><dt>{page.details.email}</dt><dd><a href={`mailto:${partner.email}`}>{partner.email}</a></dd></div>
            <div><dt>{page.details.phone}</dt><dd><a href={`tel:${application.phone}`}>{application.phone}</a></dd></div>
          </dl>
          <h3>{page.details.message}</h3>
          <p class="message" translate={false}>{application.message}</p>

          <h2>{page.history}</h2>
          <ol class="timeline">
            <li>{formatMoscowClock(application.createdAt)} — {page.received}</li>
            {application.contactAttempts.map((contact) => (
              <li>{formatMoscowClock(contact.at)} — <span translate={false}>{page.attempt(contact.by, contact.reached, contact.note)}</span></li>
            ))}
            {application.contactedAt && <li>{formatMoscowClock(application.contactedAt)} — {page.contacted(application.contactedBy ?? words.common.none)}</li>}
            {application.decidedAt && <li>{formatMoscowClock(application.decidedAt)} — {page.approved(application.decidedBy ?? words.common.none)}</li>}
          </ol>

          <h2>{page.clients}</h2>
          <dl class="details counts">
            {CLIENT_STATUSES.map((status) => (
              <div><dt>{words.clientStatus[status]}</dt><dd>{formatCount(view.clientsByStatus[status])}</dd></div>
            ))}
            <div><dt>{page.detached}</dt><dd>{formatCount(view.clientsByStatus.detached)}</dd></div>
          </dl>

          <h2>{page.members}</h2>
          <DataTable
            caption={page.members}
            layout="dense"
            rows={view.members}
            rowKey={(member) => member.memberId}
            empty={words.common.none}
            columns={[
              { header: page.memberColumns.email, cell: (member) => <span translate={false}>{member.email}</span> },
              { header: page.memberColumns.role, cell: (member) => page.roles[member.role] },
              { header: page.memberColumns.status, cell: (member) => page.memberStatus[member.status] },
              { header: page.memberColumns.lastSignIn, nowrap: true, cell: (member) => (member.lastSignInAt ? formatMoscowClock(member.lastSignInAt) : words.common.none) },
            ]}
          />

          <h2>{page.audit}</h2>
          <DataTable
            caption={page.audit}
            layout="dense"
            rows={view.audit.items}
            rowKey={(entry) => entry.id}
            empty={page.noAudit}
            columns={[
              { header: page.auditColumns.at, nowrap: true, cell: (entry) => formatMoscowClock(entry.at) },
              { header: page.auditColumns.manager, cell: (entry) => <span translate={false}>{entry.managerId}</span> },
              { header: page.auditColumns.action, cell: (entry) => page.auditActions[entry.action] },
              { header: page.auditColumns.change, cell: (entry) => `${words.department.partnerState[entry.before]} → ${words.department.partnerState[entry.after]}` },
              { header: page.auditColumns.reason, cell: (entry) => <span translate={false}>{entry.reason}</span> },
            ]}
          />
          <Pager
            onFirst={auditCursor ? () => setAuditCursor(undefined) : undefined}
            onNext={view.audit.nextCursor ? () => setAuditCursor(view.audit.nextCursor ?? undefined) : undefined}
          />
        </>
      )}
      {acting && (
        <PartnerActionDialog partnerId={partnerId} action={acting} onClose={(result) => {
          setActing(null);
          if (!result) return;
          setDone(result);
          loaded.retry();
        }} />
      )}
    </AppShell>
  );
}

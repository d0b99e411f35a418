/**
 * Partner → Team (owner and admins): the members with role, status and last sign-in; invite a
 * colleague by e-mail with a role; change a member's role; remove a member (confirmed); the owner
 * hands ownership to an admin (confirmed).
 */
import { useState } from 'preact/hooks';
import { api, attempt } from '../../api/client';
import { fieldWords, localProblem, type Problem } from '../../api/errorMessages';
import type { paths } from '../../api/schema';
import { useLoaded } from '../../api/useLoaded';
import { membership } from '../../auth/membership';
import type { MemberRole } from '../../auth/routeRoles';
import { type Catalogue, t } from '../../i18n/catalogue';
import { formatMoscowTime } from '../../i18n/format';
import { AppShell } from '../../ui/AppShell';
import { ConfirmDialog } from '../../ui/ConfirmDialog';
import { DataTable } from '../../ui/DataTable';
import { Dialog } from '../../ui/Dialog';
import { Field } from '../../ui/Field';
import { meetsRule } from '../../ui/formChecks';
import { HeadCount } from '../../ui/HeadCount';
import { Icon } from '../../ui/Icon';
import { Menu, type MenuItem } from '../../ui/Menu';
import { ProblemMessage } from '../../ui/ProblemMessage';

type Member = paths['/team/members']['get']['responses'][200]['content']['application/json']['items'][number];

/** The roles an owner or admin gives (ownership is only handed over). */
const GRANTABLE: readonly MemberRole[] = ['admin', 'operations', 'finance', 'sales'];

type Open = { kind: 'invite' } | { kind: 'role'; member: Member } | { kind: 'handOver'; member: Member } | { kind: 'remove'; member: Member } | null;

function RoleSelect({ value, onChange }: { readonly value: MemberRole; readonly onChange: (role: MemberRole) => void }) {
  const words = t.value.team;
  return (
    <div class="field">
      <label for="field-role">{words.role}</label>
      <select id="field-role" value={value} aria-describedby="field-role-hint" onChange={(event) => onChange(event.currentTarget.value as MemberRole)}>
        {GRANTABLE.map((role) => <option value={role}>{words.roles[role]}</option>)}
      </select>
      <p class="hint" id="field-role-hint">{words.rolesMean[value]}</p>
    </div>
  );
}

function InviteDialog({ onClose }: { readonly onClose: (invited: Member | null) => void }) {
  const words = t.value;
  const [email, setEmail] = useState('');
  const [role, setRole] = useState<MemberRole>('operations');
  const [problem, setProblem] = useState<Problem | null>(null);
  const [busy, setBusy] = useState(false);
  const submit = async (event: Event) => {
    event.preventDefault();
    if (!meetsRule(email, { required: true, kind: 'email' })) return setProblem(localProblem('validation_failed', ['email']));
    setBusy(true);
    const outcome = await attempt(api().POST('/team/members', { body: { email: email.trim(), role: role as Exclude<MemberRole, 'owner'> } }));
    setBusy(false);
    if (!outcome.ok) return setProblem(outcome.problem);
    onClose(outcome.data);
  };
  return (
    <Dialog title={words.team.invite} onClose={() => onClose(null)}>
      <form noValidate onSubmit={(event) => void submit(event)}>
        <ProblemMessage problem={problem} />
        <Field label={words.team.email} name="email" type="email" required autoComplete="off" value={email} onValue={setEmail}
          error={problem?.fields.includes('email') ? fieldWords('email', words) : undefined} />
        <RoleSelect value={role} onChange={setRole} />
        <div class="actions">
          <button type="submit" disabled={busy}>{words.team.inviteSubmit}</button>
          <button type="button" class="secondary" onClick={() => onClose(null)}>{words.common.cancel}</button>
        </div>
      </form>
    </Dialog>
  );
}

function RoleDialog({ member, onClose }: { readonly member: Member; readonly onClose: (changed: Member | null) => void }) {
  const words = t.value;
  const [role, setRole] = useState<MemberRole>(member.role === 'owner' ? 'admin' : member.role);
  const [problem, setProblem] = useState<Problem | null>(null);
  const [busy, setBusy] = useState(false);
  return (
    <Dialog title={words.team.changeRoleFor(member.email)} onClose={() => onClose(null)}>
      <form noValidate onSubmit={async (event) => {
        event.preventDefault();
        setBusy(true);
        const outcome = await attempt(api().PATCH('/team/members/{memberId}', { params: { path: { memberId: member.memberId } }, body: { role } }));
        setBusy(false);
        if (!outcome.ok) return setProblem(outcome.problem);
        onClose(outcome.data);
      }}>
        <ProblemMessage problem={problem} />
        <RoleSelect value={role} onChange={setRole} />
        <div class="actions">
          <button type="submit" disabled={busy}>{words.team.saveRole}</button>
          <button type="button" class="secondary" onClick={() => onClose(null)}>{words.common.cancel}</button>
        </div>
      </form>
    </Dialog>
  );
}

/** The screen. */
export function Team() {
  const words = t.value;
  const page = words.team;
  const loaded = useLoaded(() => attempt(api().GET('/team/members')), []);
  const [open, setOpen] = useState<Open>(null);
  // A notice is kept as words to say, so it follows a language switch.
  const [notice, setNotice] = useState<((words: Catalogue) => string) | null>(null);
  const me = membership.value?.member;
  const team = loaded.data;

  const menuItems = (member: Member): MenuItem[] => {
    if (member.role === 'owner' || member.memberId === me?.memberId) return [];
    const items: MenuItem[] = [{ label: page.changeRole, run: () => setOpen({ kind: 'role', member }) }];
    if (me?.role === 'owner' && member.role === 'admin') items.push({ label: page.handOver, run: () => setOpen({ kind: 'handOver', member }) });
    items.push({ label: page.remove, danger: true, run: () => setOpen({ kind: 'remove', member }) });
    return items;
  };

  return (
    <AppShell title={page.title}>
      <div class="screen-head list-head">
        <h1 tabIndex={-1}>{page.title}</h1>
        <HeadCount text={team ? page.count(team.items.length, team.maxMembers) : undefined} />
        <div class="actions">
          <button type="button" onClick={() => setOpen({ kind: 'invite' })}><Icon name="plus" />{page.invite}</button>
        </div>
      </div>
      {notice && <p class="notice" role="status">{notice(words)}</p>}
      {loaded.problem ? <ProblemMessage problem={loaded.problem} onRetry={loaded.retry} /> : (
        <DataTable
          caption={page.caption}
          rows={team?.items ?? []}
          rowKey={(member) => member.memberId}
          loading={loaded.slow}
          empty={words.common.loading}
          columns={[
            {
              header: page.email,
              cell: (member) => (
                <>
                  <span translate={false}>{member.email}</span>
                  {member.memberId === me?.memberId && <span class="muted"> ({page.you})</span>}
                </>
              ),
            },
            { header: page.role, cell: (member) => page.roles[member.role] },
            { header: page.status, cell: (member) => <span class={`badge member-${member.status}`}>{page.statuses[member.status]}</span> },
            { header: page.lastSignIn, nowrap: true, cell: (member) => (member.lastSignInAt ? formatMoscowTime(member.lastSignInAt) : <span class="muted">{page.never}</span>) },
            {
              header: words.clients.columns.actions,
              hideHeader: true,
              cell: (member) => {
                const items = menuItems(member);
                return items.length > 0 ? <Menu label={page.actionsFor(member.email)} items={items} /> : null;
              },
            },
          ]}
        />
      )}
      {open?.kind === 'invite' && (
        <InviteDialog onClose={(invited) => {
          setOpen(null);
          if (!invited) return;
          setNotice(() => (w: Catalogue) => w.team.invited(invited.email));
          loaded.retry();
        }} />
      )}
      {open?.kind === 'role' && (
        <RoleDialog member={open.member} onClose={(changed) => {
          setOpen(null);
          if (!changed) return;
          setNotice(() => (w: Catalogue) => w.team.roleChanged(changed.email, w.team.roles[changed.role]));
          loaded.retry();
        }} />
      )}
      {open?.kind === 'handOver' && (
        <ConfirmDialog title={page.handOverTitle(open.member.email)} confirmLabel={page.handOverConfirm} onClose={() => setOpen(null)} onConfirm={async () => {
          const outcome = await attempt(api().PATCH('/team/members/{memberId}', { params: { path: { memberId: open.member.memberId } }, body: { role: 'owner' } }));
          if (!outcome.ok) return outcome.problem;
          setNotice(() => (w: Catalogue) => w.team.handedOver(open.member.email));
          // The caller became an admin: the console shows from now on what an admin may do.
          if (membership.value) membership.value = { ...membership.value, member: { ...membership.value.member, role: 'admin' } };
          loaded.retry();
          return null;
        }}>
          <p>{page.handOverText}</p>
        </ConfirmDialog>
      )}
      {open?.kind === 'remove' && (
        <ConfirmDialog title={page.removeTitle(open.member.email)} confirmLabel={page.remove} danger onClose={() => setOpen(null)} onConfirm={async () => {
          const outcome = await attempt(api().DELETE('/team/members/{memberId}', { params: { path: { memberId: open.member.memberId } } }));
          if (!outcome.ok) return outcome.problem;
          setNotice(() => (w: Catalogue) => w.team.removed(open.member.email));
          loaded.retry();
          return null;
        }}>
          <p>{page.removeText}</p>
        </ConfirmDialog>
      )}
    </AppShell>
  );
}

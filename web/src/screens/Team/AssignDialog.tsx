/** Assigns a selection of the clients list to a sales member of the team, or to nobody (`POST /clients/assignments`). */
import { useState } from 'preact/hooks';
import { api, attempt } from '../../api/client';
import type { Problem } from '../../api/errorMessages';
import { useLoaded } from '../../api/useLoaded';
import { t } from '../../i18n/catalogue';
import { Dialog } from '../../ui/Dialog';
import { ProblemMessage } from '../../ui/ProblemMessage';

/** Props of `AssignDialog`. */
export interface AssignDialogProps {
  readonly clientIds: readonly string[];
  /** Called with what was assigned, or null when cancelled. */
  readonly onClose: (done: { assigned: number; notFound: number } | null) => void;
}

/** The choice of a sales member in a dialog. */
export function AssignDialog({ clientIds, onClose }: AssignDialogProps) {
  const words = t.value;
  const team = useLoaded(() => attempt(api().GET('/team/members')), []);
  const sales = (team.data?.items ?? []).filter((member) => member.role === 'sales');
  const [chosen, setChosen] = useState('');
  const [problem, setProblem] = useState<Problem | null>(null);
  const [busy, setBusy] = useState(false);
  const memberId = chosen || sales[0]?.memberId || '';
  return (
    <Dialog title={words.team.assignTitle(clientIds.length)} onClose={() => onClose(null)}>
      <form noValidate onSubmit={async (event) => {
        event.preventDefault();
        setBusy(true);
        const outcome = await attempt(api().POST('/clients/assignments', { body: { clientIds: [...clientIds], memberId: memberId === 'nobody' ? null : memberId } }));
        setBusy(false);
        if (!outcome.ok) return setProblem(outcome.problem);
        onClose({ assigned: outcome.data.assigned.length, notFound: outcome.data.notFound.length });
      }}>
        <ProblemMessage problem={problem ?? team.problem} onRetry={team.problem ? team.retry : undefined} />
        {team.slow && <p role="status">{words.common.loading}</p>}
        {team.data && sales.length === 0 && <p>{words.team.noSales}</p>}
        {team.data && (
          <div class="field">
            <label for="field-assignee">{words.team.assignee}</label>
            <select id="field-assignee" value={memberId} onChange={(event) => setChosen(event.currentTarget.value)}>
              {sales.map((member) => <option value={member.memberId} translate={false}>{member.email}</option>)}
              <option value="nobody">{words.team.nobody}</option>
            </select>
          </div>
        )}
        <div class="actions">
          <button type="submit" disabled={busy || !team.data}>{words.team.assignSubmit}</button>
          <button type="button" class="secondary" onClick={() => onClose(null)}>{words.common.cancel}</button>
        </div>
      </form>
    </Dialog>
  );
}

import { NotFoundError } from '../errors';
import type { IdGenerator } from '../IdGenerator';
import { deliverNotice, type NoticeDeps } from './deliverNotices';
import { staffLoginExists } from './staffLogin';
import { type ApplicationNotice, assertTransition, type PartnerApplication } from './PartnerApplication';

/** A manager's decision on an application. */
export type Decision =
  | { readonly action: 'contact' }
  /** `reapproveEndedPartner`: the manager's explicit override to admit again an e-mail whose partnership ended. */
  | { readonly action: 'approve'; readonly reapproveEndedPartner?: boolean }
  | { readonly action: 'reject'; readonly reason: string };

const NOTICE_OF: Readonly<Record<Decision['action'], ApplicationNotice | undefined>> = {
  contact: undefined,
  approve: 'approved',
  reject: 'rejected',
};

/**
 * A manager contacts, approves or rejects an application.
 *
 * Input: application id, manager id, decision. Output: the updated application.
 * 1. Load it (not found if unknown) and check the transition (a conflict if not allowed from its status).
 * 2. Approval of an e-mail that already is a staff login (a manager's or a partner's) is a conflict
 *    (`staff_login_exists`) and changes nothing: the partner login it would create is that login.
 * 3. Write the change conditionally on the status just read (a conflict if it moved meanwhile). Approval
 *    creates the partner account bound to the application e-mail in the same transaction
 *    (a conflict if that e-mail already belongs to a partner; one whose partnership ended only with the
 *    manager's explicit `reapproveEndedPartner`, which moves the e-mail to the new partner). A partner's
 *    login is left to this step's refusals (`email_already_partner`, `email_of_ended_partner`, else
 *    `staff_login_exists`); admitted with the override, the ended partner's own login is reopened for
 *    the new partner (`reopenPartnerLogin`, never any other login) once the approval is written.
 * 4. Deliver the notice the decision owes (approval: the partner login and welcome mail). A failed
 *    delivery stays in the outbox for the job to retry; the decision itself stands.
 */
export async function decideApplication(
  deps: NoticeDeps & { readonly ids: IdGenerator },
  id: string,
  managerId: string,
  decision: Decision,
): Promise<PartnerApplication> {
  const current = await deps.applications.get(id);
  if (!current) throw new NotFoundError('Partner application');
  assertTransition(current.status, decision.action);
  const now = deps.clock.now();
  const notice = NOTICE_OF[decision.action];
  const change = {
    id,
    action: decision.action,
    status: current.status,
    at: now,
    by: managerId,
    ...(decision.action === 'reject' && { rejectionReason: decision.reason }),
    ...(notice && { notice }),
  };
  let updated: PartnerApplication;
  if (decision.action === 'approve') {
    const email = current.email.toLowerCase();
    if (!deps.directory) throw new Error('approving needs the account directory');
    const login = await deps.directory.findStaffLogin(email);
    if (login && (login.role !== 'partner' || !login.partnerId)) throw staffLoginExists(email);
    // A partner's login: the approval refuses it (or, with the override, takes over only that partner's ended e-mail).
    const loginPartnerId = login?.partnerId;
    const partnerId = deps.ids.next('ptn');
    updated = await deps.applications.approve(change, {
      partnerId,
      name: current.company,
      email,
      applicationId: id,
      createdAt: now,
      language: current.language,
    }, { reapproveEndedPartner: decision.reapproveEndedPartner === true, ...(loginPartnerId && { loginPartnerId }) });
    if (loginPartnerId) await deps.directory.reopenPartnerLogin({ email, partnerId, endedPartnerId: loginPartnerId });
  } else {
    updated = await deps.applications.apply(change);
  }
  if (notice) await deliverNotice(deps, id, notice, now).catch(() => false);
  return updated;
}

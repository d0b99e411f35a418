import { clientOperationDeps, partnerStandingDeps } from '../adapters/compositionRoot';
import { confirmPartnerState, previewPartnerState } from '../domain/partners/changePartnerState';
import type { PartnerRecord } from '../domain/partners/Partner';
import type { PartnerAction } from '../domain/partners/PartnerStanding';
import { partnerStateBody } from './schemas/partners';
import { toPartnerStatePreviewView, toPartnerStateResultView } from './views/partners';
import type { ClientOperation } from '../domain/clients/decideClientOperation';
import { confirmClientOperation, type ClientOperationRequest, previewClientOperation } from '../domain/clients/runClientOperation';
import { NotFoundError } from '../domain/errors';
import { httpRoute, partnerRoute, type RouteResult } from './httpRoute';
import { idempotentRequests } from './idempotentRequests';
import { partnerRateLimit } from './partnerRateLimit';
import { memberActor, type Principal } from './Principal';
import { bulkOperationBody } from './schemas/bulkClientOperation';
import { singleOperationBody } from './schemas/clientOperations';
import { toOperationPreviewView, toOperationResultView } from './views/clientOperations';
import { idParams } from './schemas/idParams';

type PartnerPrincipal = Extract<Principal, { kind: 'partner' }>;

/**
 * The two steps of every client operation: without `confirm` the preview (and its token), with it
 * the operation itself. `single` routes name one client by path: not the partner's → 404.
 */
async function previewOrConfirm(
  { principal, requestId }: { principal: PartnerPrincipal; requestId: string },
  request: ClientOperationRequest,
  confirm: string | undefined,
  single: boolean,
): Promise<RouteResult> {
  const actor = memberActor(principal);
  const notFound = () => new NotFoundError('Client', { clientId: request.clientIds[0] });
  if (confirm) {
    // A bulk operation also announces its completion (`BulkClientOperationCompleted`); one client's change has its own event.
    const results = await confirmClientOperation(clientOperationDeps(requestId), principal.partnerId, actor, request, confirm, { bulk: !single });
    if (single && results[0]?.result === 'not_found') throw notFound();
    return { status: 200, body: toOperationResultView(request.operation, results) };
  }
  const preview = await previewClientOperation(clientOperationDeps(requestId), principal.partnerId, actor, request);
  if (single && preview.clients[0]?.outcome === 'not_found') throw notFound();
  return { status: 200, body: toOperationPreviewView(preview) };
}

/**
 * The handler of a single-client operation route (`POST /clients/{id}/block`, `/unblock`, `DELETE /clients/{id}`).
 *
 * @example
 * export const handler = singleClientOperationRoute('block');
 */
export function singleClientOperationRoute(operation: ClientOperation) {
  return partnerRoute({ params: idParams, body: singleOperationBody, middlewares: [partnerRateLimit(), ...idempotentRequests()] },
    ({ principal, requestId, params, body }) => previewOrConfirm({ principal, requestId }, { operation, clientIds: [params.id] }, body?.confirm, true),
  );
}

/** The handler of `POST /clients/bulk`. */
export function bulkClientOperationRoute() {
  return partnerRoute({ body: bulkOperationBody, middlewares: [partnerRateLimit(), ...idempotentRequests()] },
    ({ principal, requestId, body }) => previewOrConfirm({ principal, requestId }, { operation: body.action, clientIds: body.clientIds }, body.confirm, false),
  );
}

/**
 * The handler of a manager's action on a partner (`POST /partners/{id}/suspend`, `/resume`, `/end`):
 * the same two steps as the client operations. Without `confirm` the preview (and its token), with it
 * the action; `afterConfirm` runs once it is committed (the end of a partnership starts closing it
 * there) and says whether that work is finished.
 *
 * @example
 * export const handler = partnerStateRoute('suspend');
 */
export function partnerStateRoute(
  action: PartnerAction,
  afterConfirm?: (partner: PartnerRecord, managerId: string, requestId: string) => Promise<boolean>,
) {
  return httpRoute({ auth: 'manager', params: idParams, body: partnerStateBody }, async ({ principal, params, body, requestId }) => {
    const deps = partnerStandingDeps(requestId);
    const request = { partnerId: params.id, action, reason: body.reason };
    if (!body.confirm) return { status: 200, body: toPartnerStatePreviewView(await previewPartnerState(deps, request, principal.userId)) };
    const partner = await confirmPartnerState(deps, request, principal.userId, body.confirm);
    const finished = afterConfirm && await afterConfirm(partner, principal.userId, requestId);
    const counts = (await deps.partners.clientCounts([partner.partnerId])).get(partner.partnerId);
    if (!counts) throw new Error(`no client counts for partner ${partner.partnerId}`);
    return { status: 200, body: toPartnerStateResultView(action, partner, counts, finished) };
  });
}

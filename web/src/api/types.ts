/** Names for the API's shapes the screens pass around, taken from the generated schema. */
import type { paths } from './schema';

type Json<Response> = Response extends { content: { 'application/json': infer Body } } ? Body : never;

/** A client as `GET /clients` lists it. */
export type ClientItem = Json<paths['/clients']['get']['responses'][200]>['items'][number];
/** A client's status. */
export type ClientStatus = ClientItem['status'];
/** Block, unblock or delete. */
export type ClientAction = paths['/clients/bulk']['post']['requestBody']['content']['application/json']['action'];
/** The preview, or the per-client results, of a bulk operation. */
export type OperationAnswer = Json<paths['/clients/bulk']['post']['responses'][200]>;
/** A partner application as managers see it. */
export type Application = Json<paths['/partner-applications/{id}']['get']['responses'][200]>;
/** An application's status. */
export type ApplicationStatus = Application['status'];
/** An audit entry. */
export type AuditEntry = Json<paths['/audit']['get']['responses'][200]>['items'][number];
/** The "Detail" of a balance. */
export type BalanceDetail = Json<paths['/clients/{id}/balance/detail']['get']['responses'][200]>;
/** "Expenses on services". */
export type Expenses = Json<paths['/clients/{id}/expenses']['get']['responses'][200]>;
/** The signed-in partner or manager (`GET /me`). */
export type Me = Json<paths['/me']['get']['responses'][200]>;
/** What an invitation link shows. */
export type InvitationView = Json<paths['/invitations/{token}']['get']['responses'][200]>;
/** One client as `GET /clients/{id}` answers it (and `PATCH /clients/{id}` after a change). */
export type Client = Json<paths['/clients/{id}']['get']['responses'][200]>;
/** Why a client needs attention (`GET /clients/attention`). */
export type AttentionReason = Json<paths['/clients/attention']['get']['responses'][200]>['items'][number]['reasons'][number];
/** A page of the managers' list of partners (as JSON: the route also answers CSV to `Accept: text/csv`). */
export type PartnerPage = Exclude<Json<paths['/partners']['get']['responses'][200]>, string>;
/** A partner as the managers' list shows it. */
export type PartnerItem = PartnerPage['items'][number];
/** A partner's state. */
export type PartnerState = PartnerItem['state'];
/** A partner's page. */
export type PartnerPageView = Json<paths['/partners/{id}']['get']['responses'][200]>;
/** Suspend, resume or end. */
export type PartnerAction = 'suspend' | 'resume' | 'end';
/** The preview, or the result, of a manager's action on a partner. */
export type PartnerActionAnswer = Json<paths['/partners/{id}/suspend']['post']['responses'][200]>;

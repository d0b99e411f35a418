import * as z from 'zod/mini';
import { MAX_ASSIGNED_PER_REQUEST } from '../../domain/team/clientAssignment';
import { GRANTABLE_ROLES } from '../../domain/team/Member';
import { email } from './contactDetails';

const id = z.string().check(z.minLength(1), z.maxLength(128));

/** A role an owner or admin gives (ownership is only handed over: `POST /team/ownership`). */
const role = z.enum(GRANTABLE_ROLES);

/** Body of `POST /team/members`. */
export const inviteMemberBody = z.strictObject({ email, role });

/** Body of `PATCH /team/members/{memberId}`. */
export const changeRoleBody = z.strictObject({ role });

/** Path of `/team/members/{memberId}`. */
export const memberParams = z.object({ memberId: id });

/** Body of `POST /team/ownership`: the admin who becomes the owner. */
export const ownershipBody = z.strictObject({ memberId: id });

/** Body of `POST /clients/assignments`: a selection of clients, and the sales member to assign them to (`null`: to nobody). */
export const assignClientsBody = z.strictObject({
  clientIds: z.array(id).check(z.minLength(1), z.maxLength(MAX_ASSIGNED_PER_REQUEST)),
  memberId: z.nullable(id),
});

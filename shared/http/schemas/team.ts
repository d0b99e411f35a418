import * as z from 'zod/mini';
import { MAX_ASSIGNED_PER_REQUEST } from '../../domain/team/clientAssignment';
import { GRANTABLE_ROLES, MEMBER_ROLES } from '../../domain/team/Member';
import { email } from './contactDetails';

const id = z.string().check(z.minLength(1), z.maxLength(128));

/** A role an owner or admin gives by invitation (ownership is only handed over). */
const role = z.enum(GRANTABLE_ROLES);

/** Body of `POST /team/members`. */
export const inviteMemberBody = z.strictObject({ email, role });

/** Body of `PATCH /team/members/{memberId}`: a role; `owner` hands ownership to that admin (the owner only). */
export const changeRoleBody = z.strictObject({ role: z.enum(MEMBER_ROLES) });

/** Path of `/team/members/{memberId}`. */
export const memberParams = z.object({ memberId: id });

/** Body of `POST /clients/assignments`: a selection of clients, and the sales member to assign them to (`null`: to nobody). */
export const assignClientsBody = z.strictObject({
  clientIds: z.array(id).check(z.minLength(1), z.maxLength(MAX_ASSIGNED_PER_REQUEST)),
  memberId: z.nullable(id),
});

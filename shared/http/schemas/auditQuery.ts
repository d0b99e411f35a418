import * as z from 'zod/mini';
import { isoInstant } from './isoInstant';
import { cursor, limit } from './paging';

const instant = z.pipe(isoInstant, z.transform((value: string) => new Date(value)));

/** Query of `GET /audit`: optional client or member who acted (one of them), optional period `[from, to)` in ISO-8601 with offset. */
export const auditQuery = z
  .strictObject({
    clientId: z.optional(z.string().check(z.minLength(1), z.maxLength(128))),
    memberId: z.optional(z.string().check(z.minLength(1), z.maxLength(128))),
    from: z.optional(instant),
    to: z.optional(instant),
    limit,
    cursor,
  })
  .check(
    z.refine((query) => !query.from || !query.to || query.from < query.to, { message: '`from` must be before `to`', path: ['from'] }),
    z.refine((query) => !query.clientId || !query.memberId, { message: 'Filter by `clientId` or by `memberId`, not both', path: ['memberId'] }),
  );

import * as z from 'zod/mini';

/** A path parameter holding an entity id. */
export const idParams = z.object({ id: z.string().check(z.minLength(1), z.maxLength(128)) });

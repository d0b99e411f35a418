/** One zod/mini schema with English messages, parsed per request, as the routes validate input. */
import * as z from 'zod/mini';
import { en } from 'zod/locales';
import type { FloorUse } from './FloorUse';

z.config(en());
const query = z.object({ limit: z.optional(z.string().check(z.maxLength(3))) });

export const floorUse: FloorUse = { run: async (event) => query.parse(event.query) };

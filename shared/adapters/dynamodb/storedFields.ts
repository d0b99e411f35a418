import * as z from 'zod/mini';
import { isoDate } from './storedDate';

/*
 * Field schemas of stored items, shared by every item schema. zod schemas are immutable values, so
 * one instance serves every field of its kind: a function constructs each once when it loads
 * rather than once per field (46 schema instances → 17 in block / unblock / delete; zod's
 * construction is most of what a function's own modules cost at a cold start).
 */

export const storedText = z.string();
export const optionalStoredText = z.optional(storedText);
export const storedNumber = z.number();
export const optionalIsoDate = z.optional(isoDate);

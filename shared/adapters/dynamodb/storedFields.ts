import * as z from 'zod/mini';

/*
 * Field schemas of stored items, shared by every item schema. zod schemas are immutable values, so
 * one instance serves every field of its kind: a function constructs each once when it loads
 * rather than once per field (46 schema instances → 24 in block / unblock / delete; zod's
 * construction is most of what a function's own modules cost at a cold start).
 */

// Marked pure so that a bundle drops the ones its item schemas do not use.
export const storedText = /* @__PURE__ */ z.string();
export const optionalStoredText = /* @__PURE__ */ z.optional(storedText);
export const storedNumber = /* @__PURE__ */ z.number();

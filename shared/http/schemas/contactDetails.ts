import * as z from 'zod/mini';

/** An e-mail address, trimmed and lower-cased (addresses are compared case-insensitively). */
export const email = z.pipe(
  z.string().check(z.trim(), z.toLowerCase(), z.maxLength(254)),
  z.email(),
);

/** A phone number in international format; spaces, dashes and brackets are dropped: `+7 (495) 123-45-67` → `+74951234567`. */
export const phone = z.pipe(
  z.string().check(z.maxLength(32), z.overwrite((value) => value.replace(/[\s\-().]/g, ''))),
  z.string().check(z.regex(/^\+[1-9]\d{6,14}$/, 'Expected an international phone number like +74951234567')),
);

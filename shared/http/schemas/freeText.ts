import * as z from 'zod/mini';

/**
 * An unpaired UTF-16 surrogate: not Unicode text. Such a string cannot be encoded as UTF-8, so it
 * would fail (or be mangled) at every sender and store that encodes it, mail first of all.
 */
const UNPAIRED_SURROGATE = /\p{Cs}/u;

/**
 * Characters no free-text field takes: C0 controls, DEL and C1 controls (invisible, and line breaks
 * in a one-line field), and the bidirectional embeddings, overrides and isolates U+202A–U+202E and
 * U+2066–U+2069 (they make text display in another order than it reads: a name that looks like
 * another one, a reversed file extension).
 */
const FORBIDDEN_IN_LINE = /[\u0000-\u001F\u007F-\u009F\u202A-\u202E\u2066-\u2069]/u;

/** The same, except that a multi-line message keeps its line breaks and tabs (`\n`, `\r`, `\t`). */
const FORBIDDEN_IN_MESSAGE = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F\u202A-\u202E\u2066-\u2069]/u;

/** The one free-text schema: trimmed, 1 to `max` characters, well-formed Unicode, none of `forbidden`. */
function freeText(max: number, forbidden: RegExp) {
  return z.string().check(
    z.trim(),
    z.minLength(1),
    z.maxLength(max),
    z.refine((value) => !UNPAIRED_SURROGATE.test(value), 'Expected well-formed Unicode text (an unpaired surrogate is not a character)'),
    z.refine((value) => !forbidden.test(value), 'Expected text without control characters or bidirectional formatting characters (U+202A–U+202E, U+2066–U+2069)'),
  );
}

/** One line of free text (a name, a company, a search): trimmed, 1 to `max` characters, no control or bidi formatting characters. */
export function text(max: number) {
  return freeText(max, FORBIDDEN_IN_LINE);
}

/** Free text of several lines (a message, a reason): as `text`, but line breaks and tabs are kept. */
export function multilineText(max: number) {
  return freeText(max, FORBIDDEN_IN_MESSAGE);
}

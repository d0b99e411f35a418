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
 * another one, a reversed file extension). A multi-line message keeps its line breaks and tabs.
 */
const FORBIDDEN_IN_MESSAGE = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F\u202A-\u202E\u2066-\u2069]/u;

/**
 * What a one-line field refuses: all of the above, line breaks and tabs (all C0 controls), the
 * Unicode line and paragraph separators U+2028/U+2029 (a fake paragraph in a mail greeting), and
 * characters that print nothing: zero-width space, non-joiner and joiner (U+200B–U+200D), the
 * direction marks LRM, RLM and ALM (U+200E, U+200F, U+061C), word joiner (U+2060), byte order mark
 * (U+FEFF) and the tag characters U+E0000–U+E007F. With them two names that look the same are two
 * strings, and a search finds nothing.
 */
const FORBIDDEN_IN_LINE = /[\u0000-\u001F\u007F-\u009F\u202A-\u202E\u2066-\u2069\u2028\u2029\u200B-\u200F\u061C\u2060\uFEFF\u{E0000}-\u{E007F}]/u;

const CONTROL_MESSAGE = 'Expected text without control characters or bidirectional formatting characters (U+202A–U+202E, U+2066–U+2069)';
const LINE_MESSAGE = 'Expected one line of text without control characters, line or paragraph separators (U+2028, U+2029), ' +
  'bidirectional formatting characters (U+202A–U+202E, U+2066–U+2069) or invisible characters ' +
  '(U+200B–U+200F, U+2060, U+FEFF, U+061C, U+E0000–U+E007F)';

/** The one free-text schema: trimmed, 1 to `max` characters, well-formed Unicode, none of `forbidden`. */
function freeText(max: number, forbidden: RegExp, message: string) {
  return z.string().check(
    z.trim(),
    z.minLength(1),
    z.maxLength(max),
    z.refine((value) => !UNPAIRED_SURROGATE.test(value), 'Expected well-formed Unicode text (an unpaired surrogate is not a character)'),
    z.refine((value) => !forbidden.test(value), message),
  );
}

/** One line of free text (a name, a company, a search): trimmed, 1 to `max` characters, no control, bidi formatting, separator or invisible characters. */
export function text(max: number) {
  return freeText(max, FORBIDDEN_IN_LINE, LINE_MESSAGE);
}

/** Free text of several lines (a message, a reason): control and bidi formatting characters refused, line breaks and tabs kept. */
export function multilineText(max: number) {
  return freeText(max, FORBIDDEN_IN_MESSAGE, CONTROL_MESSAGE);
}

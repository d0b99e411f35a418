import type { Language } from '../Language';
import type { MailSettings } from './MailSettings';

/**
 * What a mail says, apart from how it looks: a template (per kind and language) builds a
 * `MailContent` from our words and the values it inserts; `renderMail` turns it into the text and
 * the HTML part. Values stay marked as values up to the renderer, the one place that escapes them.
 */

/** A value inserted into our words: a name, an e-mail, an id, a date. */
export interface Value {
  readonly value: string;
}

/** A sentence: our words and the values inserted into them, in order. */
export type Words = readonly (string | Value)[];

/** One block of a mail, top to bottom. */
export type Block =
  /** A paragraph. */
  | { readonly p: Words }
  /** Labelled facts (label in our words, value inserted): a two-column table in HTML, `label: value` lines in text. */
  | { readonly facts: ReadonlyArray<readonly [label: string, value: string]> }
  /** The one thing to do: a button in HTML, the label and the bare link in text. */
  | { readonly action: string; readonly href: string }
  /** A small print paragraph (why you got this mail, what to ignore). */
  | { readonly small: Words };

/** A mail of one kind in one language, before rendering. */
export interface MailContent {
  /** Never holds text a partner or an applicant typed (templates build it from our words and settings). */
  readonly subject: string;
  readonly blocks: readonly Block[];
}

/**
 * Our words with values: `` words`Application ${id} was submitted` `` keeps `id` marked as a value.
 *
 * @example
 * words`Write to ${settings.supportEmail}.`; // ['Write to ', { value: 'support@…' }, '.']
 */
export function words(strings: TemplateStringsArray, ...values: readonly string[]): Words {
  return strings.flatMap((text, index) => (index < values.length ? [text, { value: values[index] as string }] : [text]));
}

/** Facts whose value is absent are left out (an optional account id, a name not given). */
export function facts(...rows: ReadonlyArray<readonly [string, string | undefined] | false>): Block {
  return { facts: rows.filter((row): row is readonly [string, string] => row !== false && row[1] !== undefined && row[1] !== '') };
}

/**
 * A mail of one kind in every language: TypeScript holds that no language is missing and that each
 * takes the same values.
 */
export type MailTemplate<V> = Readonly<Record<Language, (values: V, settings: MailSettings) => MailContent>>;

/** An address of the web console in a language: `consoleAddress('https://partners.example.com/', 'ru', '/clients')` is `https://partners.example.com/ru/clients`. */
export function consoleAddress(origin: string, language: Language, path: string): string {
  return `${origin.replace(/\/+$/, '')}/${language}${path}`;
}

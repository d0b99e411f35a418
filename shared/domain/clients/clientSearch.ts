import type { Client } from './Client';

/** Fewest characters a search needs (after normalising): one letter would match a large part of any list. */
export const MIN_SEARCH_LENGTH = 2;

/**
 * Longest prefix the index keeps per term. A longer search reads the partition of its first
 * `MAX_INDEXED_PREFIX` characters and keeps the clients with a term that starts with all of it.
 */
export const MAX_INDEXED_PREFIX = 8;

/** Words of a name that are indexed (a longer name is still found by its first words). */
const MAX_NAME_WORDS = 4;

/**
 * What a partner types and what is indexed, made comparable: Unicode-decomposed, combining marks
 * (accents) dropped, lower-cased, trimmed. `Ёлкина` and `ёлкина`, `José` and `jose` are the same.
 *
 * @example
 * normalizeSearch('  José ÉLAN '); // 'jose elan'
 */
export function normalizeSearch(text: string): string {
  return text.normalize('NFKD').replace(/\p{M}+/gu, '').toLowerCase().trim().replace(/\s+/g, ' ');
}

/**
 * The terms a client is found by: its e-mail (from the start), each word of its name (up to four),
 * and its cloud account id.
 */
export function clientSearchTerms(client: Pick<Client, 'email' | 'name' | 'accountId'>): string[] {
  const words = normalizeSearch(client.name ?? '').split(' ').filter((word) => word.length > 0).slice(0, MAX_NAME_WORDS);
  const terms = [normalizeSearch(client.email), ...words, ...(client.accountId ? [normalizeSearch(client.accountId)] : [])];
  return [...new Set(terms.filter((term) => term.length > 0))];
}

/** Every indexed prefix of the terms (2 to `MAX_INDEXED_PREFIX` characters), each once. */
export function searchPrefixes(terms: readonly string[]): string[] {
  const prefixes = new Set<string>();
  for (const term of terms) {
    const chars = [...term];
    for (let length = MIN_SEARCH_LENGTH; length <= Math.min(MAX_INDEXED_PREFIX, chars.length); length += 1) {
      prefixes.add(chars.slice(0, length).join(''));
    }
  }
  return [...prefixes];
}

/** The words of a normalised search; a client matches when each starts one of its terms. */
export function searchWords(search: string): string[] {
  return search.split(' ').filter((word) => word.length > 0);
}

/**
 * The word whose index partition a search reads: its longest (the first of equals), the most
 * selective; one-character words are not indexed, so a search needs one word of at least
 * `MIN_SEARCH_LENGTH` characters (`isSearchable`).
 *
 * @example
 * keyWordOf(['a', 'petrov']); // 'petrov'
 */
export function keyWordOf(words: readonly string[]): string {
  return words.reduce((longest, word) => ([...word].length > [...longest].length ? word : longest), '');
}

/** True when a (raw) search has a word long enough to be looked up in the index. */
export function isSearchable(search: string): boolean {
  return [...keyWordOf(searchWords(normalizeSearch(search)))].length >= MIN_SEARCH_LENGTH;
}

/** The indexed prefix a search reads: its first `MAX_INDEXED_PREFIX` characters. */
export function searchPartitionPrefix(search: string): string {
  return [...search].slice(0, MAX_INDEXED_PREFIX).join('');
}

/** True when one of `terms` starts with the (normalised) search. */
export function matchesSearch(terms: readonly string[], search: string): boolean {
  return terms.some((term) => term.startsWith(search));
}

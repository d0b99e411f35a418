import { normalizeSearch } from '../clients/clientSearch';
import type { Partner } from './Partner';

/** Words of a company name that are indexed (a longer name is still found by its first words). */
const MAX_COMPANY_WORDS = 4;

/**
 * The terms a partner is found by in the managers' list: its login e-mail (from the start) and each
 * word of its company name (up to four), normalised as the clients' search is (`clientSearch.ts`).
 *
 * @example
 * partnerSearchTerms({ name: 'Lee IT Group', email: 'Ann@Lee.example' }); // ['ann@lee.example', 'lee', 'it', 'group']
 */
export function partnerSearchTerms(partner: Pick<Partner, 'name' | 'email'>): string[] {
  const words = normalizeSearch(partner.name).split(' ').filter((word) => word.length > 0).slice(0, MAX_COMPANY_WORDS);
  return [...new Set([normalizeSearch(partner.email), ...words].filter((term) => term.length > 0))];
}

import { searchPrefixes } from '../../domain/clients/clientSearch';
import type { PartnerRecord } from '../../domain/partners/Partner';
import { partnerSearchTerms } from '../../domain/partners/partnerSearch';
import type { PartnerState } from '../../domain/partners/PartnerStanding';
import { ALL_PARTNERS, applicationListKey, applicationSearchPartition, partnerListKey, partnerSearchPartition, partnersInState } from './departmentIndexKeys';
import type { TransactItem } from './TransactItem';

/** The entry of a partner in the listing of its state. */
export function stateEntryKey(partner: PartnerRecord, state: PartnerState): { pk: string; sk: string } {
  return { pk: partnersInState(state), sk: partnerListKey(partner.createdAt, partner.partnerId) };
}

/**
 * The index entries a new partner gets, in the approval's transaction: one in the list of every
 * partner, one in the list of its state, one per search prefix of its company name and e-mail
 * (holding the terms, for searches longer than a prefix). At most 1 + 1 + 5 × 7 = 37 items.
 */
export function newPartnerIndexItems(partner: PartnerRecord, table: string): TransactItem[] {
  const listKey = partnerListKey(partner.createdAt, partner.partnerId);
  const terms = partnerSearchTerms(partner);
  const entries = [
    { pk: ALL_PARTNERS, sk: listKey, partnerId: partner.partnerId },
    { ...stateEntryKey(partner, partner.state), partnerId: partner.partnerId },
    ...searchPrefixes(terms).map((prefix) => ({ pk: partnerSearchPartition(prefix), sk: listKey, partnerId: partner.partnerId, terms: ` ${terms.join(' ')} ` })),
  ];
  // Derived from the partner created in the same transaction, whose condition guards them too.
  return entries.map((Item) => ({ Put: { TableName: table, Item } }));
}

/**
 * The search entries of a new application, in its creation's transaction: one per indexed prefix of
 * its company name's words and e-mail (the same terms as a partner's), holding the terms.
 */
export function applicationSearchItems(application: { id: string; company: string; email: string; createdAt: Date }, table: string): TransactItem[] {
  const terms = partnerSearchTerms({ name: application.company, email: application.email });
  const listKey = applicationListKey(application.createdAt, application.id);
  // Derived from the application created in the same transaction, whose condition guards them too.
  return searchPrefixes(terms).map((prefix) => ({
    Put: { TableName: table, Item: { pk: applicationSearchPartition(prefix), sk: listKey, applicationId: application.id, terms: ` ${terms.join(' ')} ` } },
  }));
}

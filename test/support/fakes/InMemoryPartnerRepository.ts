import type { Partner } from '../../../shared/domain/partners/Partner';
import type { PartnerRepository } from '../../../shared/ports/PartnerRepository';

/**
 * `PartnerRepository` in memory (and so the clients' `PartnerDirectory`), mirroring
 * `DynamoPartnerRepository`: a partner by id or by its login e-mail, `undefined` when unknown.
 */
export class InMemoryPartnerRepository implements PartnerRepository {
  private readonly partners = new Map<string, Partner>();

  /** Stores a partner account, as the approval of its application does. */
  public add(partner: Partner): Partner {
    this.partners.set(partner.partnerId, structuredClone(partner));
    return partner;
  }

  public async get(partnerId: string): Promise<Partner | undefined> {
    const partner = this.partners.get(partnerId);
    return partner && structuredClone(partner);
  }

  public async findByEmail(email: string): Promise<Partner | undefined> {
    const partner = [...this.partners.values()].find((each) => each.email === email);
    return partner && structuredClone(partner);
  }
}

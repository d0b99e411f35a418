import type { Partner } from '../domain/partners/Partner';

/** Reads partner accounts (they are created together with the approval of their application). */
export interface PartnerRepository {
  /** The partner, or `undefined`. */
  get(partnerId: string): Promise<Partner | undefined>;
  /** The partner whose login e-mail this is, or `undefined`. */
  findByEmail(email: string): Promise<Partner | undefined>;
}

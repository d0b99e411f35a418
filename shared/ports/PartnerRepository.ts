/** A partner account: a reseller or integrator admitted to the program. */
export interface Partner {
  readonly partnerId: string;
  /** The company name from the application. */
  readonly name: string;
  /** The login e-mail, bound to the approved application's e-mail. */
  readonly email: string;
  readonly applicationId: string;
  readonly createdAt: Date;
}

/** Reads partner accounts (they are created together with the approval of their application). */
export interface PartnerRepository {
  /** The partner, or `undefined`. */
  get(partnerId: string): Promise<Partner | undefined>;
  /** The partner whose login e-mail this is, or `undefined`. */
  findByEmail(email: string): Promise<Partner | undefined>;
}

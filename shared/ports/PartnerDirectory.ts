/** What the clients feature needs to know about a partner (`DynamoPartnerRepository` provides it). */
export interface PartnerDirectory {
  /** The partner's name and login e-mail, or `undefined` if there is no such partner. */
  get(partnerId: string): Promise<{ readonly name: string; readonly email: string } | undefined>;
}

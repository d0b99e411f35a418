/** Which sales member a partner's client is assigned to (apart from `ClientRepository`: only the assignment route writes this way). */
export interface ClientAssignments {
  /** Assigns the partner's attached client to `memberId` (`null`: to nobody); false when there is no such client. */
  assign(partnerId: string, clientId: string, memberId: string | null): Promise<boolean>;
}

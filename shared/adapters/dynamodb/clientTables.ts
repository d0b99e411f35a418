import { physicalTableName } from './tables';

/** The tables a client change writes: the client (with its marker, lock and search entries), its invitation, its audit entry. */
export interface ClientTables {
  readonly clients: string;
  readonly invitations: string;
  readonly audit: string;
}

/** The physical names of the client tables, unless given (tests give their own). */
export function clientTables(names: Partial<ClientTables> = {}): ClientTables {
  return {
    clients: names.clients ?? physicalTableName('clients'),
    invitations: names.invitations ?? physicalTableName('invitations'),
    audit: names.audit ?? physicalTableName('audit'),
  };
}

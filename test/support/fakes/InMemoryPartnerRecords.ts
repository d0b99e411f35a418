import { CLIENT_STATUSES, type ClientStatus } from '../../../shared/domain/clients/Client';
import { ConcurrentChangeError } from '../../../shared/domain/ConcurrentChange';
import { newPartnerRecord, type Partner, type PartnerRecord } from '../../../shared/domain/partners/Partner';
import type { PartnerAuditEntry } from '../../../shared/domain/partners/PartnerAuditEntry';
import type { Page } from '../../../shared/ports/Page';
import type { ClientCounts, PartnerEndings, PartnerListQuery, PartnerRecords, PartnerStateChange } from '../../../shared/ports/PartnerRecords';
import type { InMemoryClientTables } from './InMemoryClientTables';

/**
 * `PartnerRecords` and `PartnerEndings` in memory, over the clients world's tables: mirrors
 * `DynamoPartnerRecords` (state changes onto the version read, the managers' audit, the ending
 * queue). Client counts are counted from the in-memory clients, which is what the DynamoDB
 * counters maintain (the adapter's integration test holds the two to agree).
 */
export class InMemoryPartnerRecords implements PartnerRecords, PartnerEndings {
  private readonly partners = new Map<string, PartnerRecord>();
  public readonly audit: PartnerAuditEntry[] = [];
  public readonly ending = new Map<string, string>();

  public constructor(private readonly tables: InMemoryClientTables) {}

  /** Stores a partner as the approval of its application does. */
  public add(partner: Partner): PartnerRecord {
    const record = newPartnerRecord(partner);
    this.partners.set(partner.partnerId, structuredClone(record));
    return record;
  }

  public async get(partnerId: string): Promise<PartnerRecord | undefined> {
    const partner = this.partners.get(partnerId);
    return partner && structuredClone(partner);
  }

  public async list(query: PartnerListQuery): Promise<Page<PartnerRecord>> {
    const items = [...this.partners.values()]
      .filter((partner) => !query.state || partner.state === query.state)
      .sort((a, b) => b.createdAt.getTime() - a.createdAt.getTime())
      .slice(0, query.limit);
    return { items: structuredClone(items) };
  }

  public async clientCounts(partnerIds: readonly string[]): Promise<Map<string, ClientCounts>> {
    return new Map(partnerIds.map((partnerId) => {
      const counts = Object.fromEntries(CLIENT_STATUSES.map((status) => [status, 0])) as Record<ClientStatus, number>;
      for (const client of this.tables.clients.values()) if (client.partnerId === partnerId) counts[client.status] += 1;
      return [partnerId, counts];
    }));
  }

  public async history(partnerId: string, query: { limit: number }): Promise<Page<PartnerAuditEntry>> {
    return { items: this.audit.filter((entry) => entry.partnerId === partnerId).reverse().slice(0, query.limit) };
  }

  public async recordedChange(partnerId: string, at: Date, auditId: string): Promise<PartnerAuditEntry | undefined> {
    return this.audit.find((entry) => entry.partnerId === partnerId && entry.id === auditId && entry.at.getTime() === at.getTime());
  }

  public async changeState(change: PartnerStateChange): Promise<void> {
    const current = this.partners.get(change.before.partnerId);
    if (current?.version !== change.before.version) throw new ConcurrentChangeError('partner');
    this.partners.set(change.after.partnerId, structuredClone(change.after));
    this.audit.push(change.audit);
    if (change.ending) this.ending.set(change.after.partnerId, change.audit.managerId);
  }

  public async unfinished(limit: number): Promise<Array<{ partnerId: string; endedBy: string }>> {
    return [...this.ending].slice(0, limit).map(([partnerId, endedBy]) => ({ partnerId, endedBy }));
  }

  public async attachedClientIds(partnerId: string, limit: number): Promise<string[]> {
    return [...this.tables.clients.values()].filter((client) => client.partnerId === partnerId && client.status !== 'detached').slice(0, limit).map((c) => c.id);
  }

  public async finish(partnerId: string): Promise<void> {
    this.ending.delete(partnerId);
  }
}

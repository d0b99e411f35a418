import type { ClientAuditEntry } from '../../../shared/domain/audit/AuditEntry';
import type { Client } from '../../../shared/domain/clients/Client';
import type { ClientFollowUp } from '../../../shared/domain/clients/decideClientOperation';
import type { Invitation } from '../../../shared/domain/clients/Invitation';
import type { ClientBatchStore, ClientFollowUpOutbox, OperationChange, SaveOutcome, StoredFollowUp } from '../../../shared/ports/ClientBatchStore';
import { InMemoryClientTables } from './InMemoryClientTables';

/** A moment of a confirmation at which a test lets another request act. */
type Interleaving = 'invitationsByIds' | 'saveAll';

/**
 * `ClientBatchStore` (and the job's `ClientFollowUpOutbox`) in memory, on the same tables as `InMemoryClientRepository`, mirroring
 * `DynamoClientBatchStore`:
 * - `clientsByIds` returns the partner's records in any status (detached included); other partners'
 *   and unknown ids are absent;
 * - `saveAll` writes each client's change atomically under the conditions of `clientChangeItems`:
 *   any failed condition is `conflict` (the adapter's `lostRace`) and never stops the others; the
 *   follow-ups of the changes written in one call are stored together (the adapter's group, one per
 *   transaction; the fake puts one call in one group);
 * - `recordCompletion` stores a confirmation's completion follow-up once (the adapter marks the confirmation);
 * - `dueFollowUps` returns the follow-ups of the groups due, `completeFollowUps` removes exactly the
 *   delivered ones (the adapter leaves a group emptied in parts to the job, which deletes it when it
 *   reads it; neither is observable through the ports).
 * Test hooks: `unavailable` clients fail with `temporarily_unavailable` (a throttled transaction), and
 * `before` runs another request's write right before the confirmation's next read or write.
 */
export class InMemoryClientBatchStore implements ClientBatchStore, ClientFollowUpOutbox {
  /** Client ids whose writes fail as a throttled transaction does. */
  public readonly unavailable = new Set<string>();
  private readonly interleaved = new Map<Interleaving, Array<() => Promise<void>>>();
  /** Confirmations whose completion was recorded (the adapter's `completedAt` on the confirmation). */
  private readonly completed = new Set<string>();

  public constructor(public readonly tables: InMemoryClientTables = new InMemoryClientTables()) {}

  /** Runs `action` once, right before the next call of `moment` does its work. */
  public before(moment: Interleaving, action: () => Promise<void>): void {
    this.interleaved.set(moment, [...(this.interleaved.get(moment) ?? []), action]);
  }

  public async clientsByIds(partnerId: string, clientIds: readonly string[]): Promise<Client[]> {
    return clientIds.flatMap((clientId) => this.tables.client(partnerId, clientId) ?? []);
  }

  public async invitationsByIds(invitationIds: readonly string[]): Promise<Invitation[]> {
    await this.interleave('invitationsByIds');
    return invitationIds.flatMap((invitationId) => this.tables.invitation(invitationId) ?? []);
  }

  public async recordedChanges(partnerId: string, at: Date, auditIds: readonly string[]): Promise<ClientAuditEntry[]> {
    const ids = new Set(auditIds);
    return structuredClone(this.tables.audit.filter((entry) => entry.partnerId === partnerId && entry.at.getTime() === at.getTime() && ids.has(entry.id)));
  }

  public async saveAll(changes: readonly OperationChange[]): Promise<Map<string, SaveOutcome>> {
    await this.interleave('saveAll');
    const outcomes = new Map<string, SaveOutcome>();
    const written: OperationChange[] = [];
    for (const operationChange of changes) {
      const clientId = operationChange.change.after.id;
      if (this.unavailable.has(clientId)) {
        const error = Object.assign(new Error('Throughput exceeds the current capacity of your table'), { name: 'ThrottlingException' });
        outcomes.set(clientId, { kind: 'failed', reason: 'temporarily_unavailable', error });
      } else if (this.tables.failedParts(operationChange.change).size > 0) {
        outcomes.set(clientId, { kind: 'conflict' });
      } else {
        this.tables.apply(operationChange.change);
        written.push(operationChange);
      }
    }
    const stored = this.tables.storeFollowUps(written.map(({ followUp }) => followUp));
    for (const [index, { change }] of written.entries()) {
      const followUp = stored[index];
      if (followUp) outcomes.set(change.after.id, { kind: 'saved', followUp });
    }
    return outcomes;
  }

  public async recordCompletion(tokenHash: string, followUp: ClientFollowUp): Promise<StoredFollowUp | undefined> {
    if (this.completed.has(tokenHash)) return undefined;
    this.completed.add(tokenHash);
    return this.tables.storeFollowUps([followUp])[0];
  }

  public async dueFollowUps(now: Date, limit: number): Promise<StoredFollowUp[]> {
    return this.tables.dueFollowUps(now, limit);
  }

  public async completeFollowUps(followUps: readonly StoredFollowUp[]): Promise<void> {
    this.tables.removeFollowUps(followUps);
  }

  private async interleave(moment: Interleaving): Promise<void> {
    await this.interleaved.get(moment)?.shift()?.();
  }
}

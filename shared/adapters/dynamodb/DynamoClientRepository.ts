import type { Client, MailDelivery } from '../../domain/clients/Client';
import { GetCommand } from '@aws-sdk/lib-dynamodb';
import * as z from 'zod/mini';
import { normalizedEmail } from '../../domain/accounts/emailAddress';
import type { ClientChange, InviteeMarker } from '../../domain/clients/ClientChange';
import type { ClientRepository, PartnerNotice } from '../../ports/ClientRepository';
import { saveClientChange } from './clientChangeTransaction';
import { toClient } from './clientItems';
import { attentionKey, clientKey, partnerInviteeKey } from './clientKeys';
import { conditionalUpdate } from './conditionalUpdate';
import { DynamoClientQueries } from './DynamoClientQueries';
import { INVITATION_QUEUES, invitationKey } from './invitationKeys';
import { type OutboxEntry, writeUnderLease } from './outboxLease';
import { storedText } from './storedFields';

const inviteeItem = z.object({ clientId: storedText, invitationId: storedText });

/**
 * Partners' clients and their invitations on DynamoDB (tables `clients`, `invitations`, `audit`):
 * the queries of `DynamoClientQueries` and the writes. Every change is one conditional transaction
 * (`clientChangeTransaction.ts`).
 */
export class DynamoClientRepository extends DynamoClientQueries implements ClientRepository {
  public async save(change: ClientChange): Promise<void> {
    await saveClientChange(this.client, this.tables, change);
  }

  public async inviteeMarker(partnerId: string, email: string): Promise<InviteeMarker | undefined> {
    const marker = await this.client.send(new GetCommand({
      TableName: this.tables.clients, Key: partnerInviteeKey(partnerId, normalizedEmail(email)), ConsistentRead: true,
    }));
    return marker.Item ? inviteeItem.parse(marker.Item) : undefined;
  }

  public async recordMailDelivery(client: Client, mail: MailDelivery): Promise<Client> {
    const updated = await conditionalUpdate(this.client, {
      TableName: this.tables.clients,
      Key: clientKey(client.partnerId, client.id),
      // Invariant: a mail's status is recorded once, onto the invitation it was sent for, as issued (its id, and its
      // expiry, which a resend moves: the resend's own mail owns the status then), whatever else changed meanwhile
      // (an acceptance). The version moves, so a writer that read the client before loses its race instead of
      // writing `pending` back.
      ConditionExpression: 'invitationId = :invitation AND invitationExpiresAt = :expiresAt AND invitationMail = :pending',
      // `attentionKey` follows the mail (a failed one needs attention); it indexes only while the invitation is pending.
      UpdateExpression: 'SET invitationMail = :mail, attentionKey = :attention, version = version + :one',
      ExpressionAttributeValues: {
        ':invitation': client.invitation.id,
        ':expiresAt': client.invitation.expiresAt.toISOString(),
        ':pending': 'pending',
        ':mail': mail,
        ':attention': attentionKey(mail, client.invitation.expiresAt),
        ':one': 1,
      },
      ReturnValues: 'ALL_NEW',
    });
    return updated ? toClient(updated) : ((await this.get(client.partnerId, client.id)) ?? client);
  }

  public async claimPartnerNotice(notice: PartnerNotice, leaseUntil: Date): Promise<boolean> {
    // Invariant: one sender at a time per notice (the lease); a reader of a stale index entry loses.
    const claimed = await writeUnderLease(this.client, this.expiryNotice(notice.invitationId), notice.dueAt, 'SET dueAt = :lease', {
      ':lease': leaseUntil.toISOString(),
    });
    return claimed !== undefined;
  }

  public async completePartnerNotice(invitationId: string, leaseUntil: Date): Promise<void> {
    // Only the lease holder empties the outbox.
    await writeUnderLease(this.client, this.expiryNotice(invitationId), leaseUntil, 'REMOVE dueQueue, dueAt');
  }

  /** The expiry outbox entry of an invitation: its place in the `due` index, in the partner-notice queue. */
  private expiryNotice(invitationId: string): OutboxEntry {
    return {
      TableName: this.tables.invitations,
      Key: invitationKey(invitationId),
      owed: ['dueQueue', INVITATION_QUEUES.notifyPartner],
      dueAt: 'dueAt',
    };
  }
}

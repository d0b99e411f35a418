import { GetCommand, QueryCommand, TransactWriteCommand } from '@aws-sdk/lib-dynamodb';
import * as z from 'zod/mini';
import type { ApplicationNotice, ApplicationStatus, ContactAttempt, NoticeFailure, PartnerApplication } from '../../domain/applications/PartnerApplication';
import { allowedFrom, MAX_CONTACT_ATTEMPTS, OPEN_APPLICATION_STATUSES } from '../../domain/applications/PartnerApplication';
import { staffLoginExists } from '../../domain/applications/staffLogin';
import { ConcurrentChangeError } from '../../domain/ConcurrentChange';
import { ConflictError, InvalidTransitionError, RuleViolationError } from '../../domain/errors';
import type { ApplicationChange, ApplicationRepository } from '../../ports/ApplicationRepository';
import { newPartnerRecord, type Partner } from '../../domain/partners/Partner';
import { APPLICATION_INDEXES, APPLICATION_KIND, applicationKey, AWAITING_CONTACT, fingerprintKey, NOTICE_QUEUE } from './applicationKeys';
import { noticeName, toApplication } from './applicationItem';
import { DynamoApplicationQueries } from './DynamoApplicationQueries';
import { partnerEmailKey, partnerKey } from './partnerKeys';
import { partnerItem } from './DynamoPartnerRepository';
import { applicationSearchItems, newPartnerIndexItems } from './departmentIndexItems';
import { applicationListKey, heldApplicationsPartition } from './departmentIndexKeys';
import { lostRace } from './lostRace';
import { conditionalUpdate } from './conditionalUpdate';
import { cancellationCodes, CONDITION_FAILED } from './lostRace';
import { type OutboxEntry, writeUnderLease } from './outboxLease';
import { isoDate } from './storedDate';
import { physicalTableName } from './tables';
import { storedNumber, storedText } from './storedFields';

/** An application's outbox fields, as the notice job reads them. */
const noticeItem = z.object({
  id: storedText,
  pendingNotice: noticeName,
  noticeDueAt: isoDate,
});

/** Application items keep only these for their status; the rest is removed on each change. */
const ACTION_FIELDS: Readonly<Record<ApplicationChange['action'], { status: ApplicationStatus; at: string; by: string }>> = {
  contact: { status: 'contacted', at: 'contactedAt', by: 'contactedBy' },
  approve: { status: 'approved', at: 'decidedAt', by: 'decidedBy' },
  reject: { status: 'rejected', at: 'decidedAt', by: 'decidedBy' },
};

/** How a notice leaves the outbox (sent or given up). */
const LEAVE_OUTBOX = 'REMOVE pendingNotice, noticeQueue, noticeDueAt, noticeAttempts';

/** Partner applications on DynamoDB: the queries plus the writes, state machine enforced with conditional writes. */
export class DynamoApplicationRepository extends DynamoApplicationQueries implements ApplicationRepository {
  public async create(application: PartnerApplication, fingerprint: string, dedupUntil: Date) {
    const now = application.createdAt;
    const item = {
      ...applicationKey(application.id),
      kind: APPLICATION_KIND,
      ...Object.fromEntries(Object.entries(application).map(([k, v]) => [k, v instanceof Date ? v.toISOString() : v])),
      awaiting: AWAITING_CONTACT,
      noticeQueue: NOTICE_QUEUE,
      pendingNotice: 'received',
      noticeDueAt: now.toISOString(),
    };
    try {
      await this.client.send(new TransactWriteCommand({
        TransactItems: [
          {
            // Invariant: one application per identical form within the duplicate window.
            Put: {
              TableName: this.table,
              Item: { ...fingerprintKey(fingerprint), applicationId: application.id, expiresAt: Math.ceil(dedupUntil.getTime() / 1000) },
              ConditionExpression: 'attribute_not_exists(pk) OR expiresAt < :now',
              ExpressionAttributeValues: { ':now': Math.floor(now.getTime() / 1000) },
            },
          },
          // Invariant: ids are never reused.
          { Put: { TableName: this.table, Item: item, ConditionExpression: 'attribute_not_exists(pk)' } },
          ...applicationSearchItems(application, physicalTableName('departmentIndex')),
        ],
      }));
      return { application, created: true };
    } catch (error) {
      if (cancellationCodes(error)[0] !== CONDITION_FAILED) throw error;
      const marker = await this.client.send(new GetCommand({ TableName: this.table, Key: fingerprintKey(fingerprint), ConsistentRead: true }));
      const earlier = typeof marker.Item?.applicationId === 'string' ? await this.get(marker.Item.applicationId) : undefined;
      if (!earlier) throw new ConflictError('duplicate_submission', 'This form was just submitted; please wait a moment');
      return { application: earlier, created: false };
    }
  }

  public async apply(change: ApplicationChange): Promise<PartnerApplication> {
    const applied = await conditionalUpdate(this.client, { ...this.changeUpdate(change), ReturnValues: 'ALL_NEW' });
    if (!applied) throw await this.transitionError(change);
    return toApplication(applied);
  }

  public async approve(
    change: ApplicationChange, partner: Partner, options: { reapproveEndedPartner: boolean; loginPartnerId?: string } = { reapproveEndedPartner: false },
  ): Promise<PartnerApplication> {
    const update = this.changeUpdate(change, partner.partnerId);
    const partners = physicalTableName('partners');
    const holder = await this.emailHolder(partner.email);
    // Only the manager's explicit override moves an ended partner's e-mail to a new partner.
    const replacing = options.reapproveEndedPartner && holder?.state === 'ended' && (options.loginPartnerId ?? holder.partnerId) === holder.partnerId
      ? holder.partnerId : undefined;
    if (options.loginPartnerId && !replacing) {
      // The e-mail already is a partner's login: never approved past it but by the override, from that very ended partner.
      if (holder?.partnerId !== options.loginPartnerId) throw staffLoginExists(partner.email);
      throw this.emailRefusal(holder.state);
    }
    try {
      await this.client.send(new TransactWriteCommand({
        TransactItems: [
          { Update: update },
          // Invariant: a partner id is created once.
          { Put: { TableName: partners, Item: partnerItem(newPartnerRecord(partner)), ConditionExpression: 'attribute_not_exists(pk)' } },
          {
            Put: {
              TableName: partners,
              Item: { ...partnerEmailKey(partner.email), partnerId: partner.partnerId, ...(replacing && { previousPartnerId: replacing }) },
              // Invariant: one login e-mail belongs to at most one partner; an ended partner's only by the override, onto the holder read.
              ...(replacing
                ? { ConditionExpression: 'partnerId = :ended', ExpressionAttributeValues: { ':ended': replacing } }
                : { ConditionExpression: 'attribute_not_exists(pk)' }),
            },
          },
          ...newPartnerIndexItems(newPartnerRecord(partner), physicalTableName('departmentIndex')),
        ],
      }));
    } catch (error) {
      const [applicationReason, , emailReason] = cancellationCodes(error);
      if (applicationReason === CONDITION_FAILED) throw await this.transitionError(change);
      if (emailReason === CONDITION_FAILED) {
        throw this.emailRefusal((await this.emailHolder(partner.email))?.state);
      }
      throw error;
    }
    const approved = await this.get(change.id);
    if (!approved) throw new Error(`application ${change.id} vanished after approval`);
    return approved;
  }

  /** The refusal of an e-mail that belongs to a partner in `state`. */
  private emailRefusal(state: string | undefined): ConflictError {
    if (state === 'ended') {
      return new ConflictError('email_of_ended_partner', 'This e-mail belonged to a partner whose partnership ended; approve again with reapproveEndedPartner to admit it anew');
    }
    return new ConflictError('email_already_partner', 'This e-mail already belongs to a partner account');
  }

  public async take(id: string, managerId: string, at: Date, seen: { status: ApplicationStatus; heldBy?: string; createdAt: Date }): Promise<PartnerApplication> {
    const index = physicalTableName('departmentIndex');
    const listKey = applicationListKey(seen.createdAt, id);
    try {
      await this.client.send(new TransactWriteCommand({
        TransactItems: [
          {
            Update: {
              TableName: this.table,
              Key: applicationKey(id),
              // Invariant: only an open application is taken, and only from the manager who held it when read (no lost hand-over).
              ConditionExpression: `#status IN (${OPEN_APPLICATION_STATUSES.map((_, i) => `:open${i}`).join(', ')}) AND ${seen.heldBy ? 'assignedTo = :heldBy' : 'attribute_not_exists(assignedTo)'}`,
              UpdateExpression: 'SET assignedTo = :me, assignedAt = :at, updatedAt = :at',
              ExpressionAttributeNames: { '#status': 'status' },
              ExpressionAttributeValues: {
                ...Object.fromEntries(OPEN_APPLICATION_STATUSES.map((status, i) => [`:open${i}`, status])),
                ...(seen.heldBy && { ':heldBy': seen.heldBy }), ':me': managerId, ':at': at.toISOString(),
              },
            },
          },
          ...(seen.heldBy ? [{ Delete: { TableName: index, Key: { pk: heldApplicationsPartition(seen.heldBy), sk: listKey } } }] : []),
          { Put: { TableName: index, Item: { pk: heldApplicationsPartition(managerId), sk: listKey, applicationId: id } } },
        ],
      }));
    } catch (error) {
      if (lostRace(error)) throw new ConcurrentChangeError('partner application');
      throw error;
    }
    return this.current(id);
  }

  public async recordContactAttempt(id: string, attempt: ContactAttempt, seenStatus: ApplicationStatus): Promise<PartnerApplication> {
    const contacts = attempt.reached && allowedFrom('contact').includes(seenStatus);
    const values: Record<string, unknown> = {
      ':seen': seenStatus, ':max': MAX_CONTACT_ATTEMPTS, ':empty': [], ':at': attempt.at.toISOString(),
      ':attempt': [{ at: attempt.at.toISOString(), by: attempt.by, reached: attempt.reached, note: attempt.note }],
      ...(contacts && { ':contacted': 'contacted', ':by': attempt.by }),
    };
    const applied = await conditionalUpdate(this.client, {
      TableName: this.table,
      Key: applicationKey(id),
      // Invariant: the state machine (written onto the status read) and at most MAX_CONTACT_ATTEMPTS attempts per application.
      ConditionExpression: '#status = :seen AND (attribute_not_exists(contactAttempts) OR size(contactAttempts) < :max)',
      // A first attempt that reached the applicant is the contact: it stops the 48-hour clock (leaves the overdue index).
      UpdateExpression: 'SET contactAttempts = list_append(if_not_exists(contactAttempts, :empty), :attempt), updatedAt = :at' +
        (contacts ? ', #status = :contacted, contactedAt = :at, contactedBy = :by REMOVE awaiting' : ''),
      ExpressionAttributeNames: { '#status': 'status' },
      ExpressionAttributeValues: values,
      ReturnValues: 'ALL_NEW',
    });
    if (applied) return toApplication(applied);
    const now = await this.current(id);
    if ((now.contactAttempts?.length ?? 0) >= MAX_CONTACT_ATTEMPTS) {
      throw new RuleViolationError('too_many_contact_attempts', `An application keeps at most ${MAX_CONTACT_ATTEMPTS} contact attempts`);
    }
    throw new ConcurrentChangeError('partner application');
  }

  /** The application as it is now (it exists: the caller read it). */
  private async current(id: string): Promise<PartnerApplication> {
    const application = await this.get(id);
    if (!application) throw new Error(`application ${id} vanished`);
    return application;
  }

  public async overdue(now: Date, limit: number): Promise<PartnerApplication[]> {
    const result = await this.client.send(new QueryCommand({
      TableName: this.table,
      IndexName: APPLICATION_INDEXES.awaitingContact,
      KeyConditionExpression: 'awaiting = :awaiting AND contactDueAt <= :now',
      ExpressionAttributeValues: { ':awaiting': AWAITING_CONTACT, ':now': now.toISOString() },
      Limit: limit,
    }));
    return (result.Items ?? []).map(toApplication).filter((application) => application.status === 'new');
  }

  public async escalate(id: string, at: Date): Promise<boolean> {
    const escalated = await conditionalUpdate(this.client, {
      TableName: this.table,
      Key: applicationKey(id),
      // Invariant: escalated exactly once, and only while nobody has touched it.
      ConditionExpression: '#status = :new AND awaiting = :awaiting AND contactDueAt <= :at',
      UpdateExpression: 'SET #status = :escalated, escalatedAt = :at, updatedAt = :at, pendingNotice = :notice, noticeQueue = :queue, noticeDueAt = :at REMOVE awaiting, noticeAttempts',
      ExpressionAttributeNames: { '#status': 'status' },
      ExpressionAttributeValues: {
        ':new': 'new', ':escalated': 'escalated', ':awaiting': AWAITING_CONTACT, ':at': at.toISOString(),
        ':notice': 'escalated', ':queue': NOTICE_QUEUE,
      },
    });
    return escalated !== undefined;
  }

  public async dueNotices(now: Date, limit: number) {
    const result = await this.client.send(new QueryCommand({
      TableName: this.table,
      IndexName: APPLICATION_INDEXES.pendingNotices,
      KeyConditionExpression: 'noticeQueue = :queue AND noticeDueAt <= :now',
      ExpressionAttributeValues: { ':queue': NOTICE_QUEUE, ':now': now.toISOString() },
      Limit: limit,
    }));
    return (result.Items ?? []).map((item) => {
      const parsed = noticeItem.parse(item);
      return { id: parsed.id, notice: parsed.pendingNotice, dueAt: parsed.noticeDueAt };
    });
  }

  public async claimNotice(id: string, notice: ApplicationNotice, seenDueAt: Date, leaseUntil: Date): Promise<number | undefined> {
    // Invariant: one sender at a time per notice (the lease); a stale reader loses. Each claim is one counted attempt.
    const claimed = await writeUnderLease(this.client, this.noticeEntry(id, notice), seenDueAt, 'SET noticeDueAt = :lease ADD noticeAttempts :one', {
      ':lease': leaseUntil.toISOString(), ':one': 1,
    });
    return claimed && z.object({ noticeAttempts: storedNumber }).parse(claimed).noticeAttempts;
  }

  public async abandonNotice(id: string, notice: ApplicationNotice, leaseUntil: Date, failure: NoticeFailure): Promise<void> {
    // Only the lease holder gives the notice up; a newer notice queued meanwhile stays.
    await writeUnderLease(this.client, this.noticeEntry(id, notice), leaseUntil, `SET noticeFailed = :failure ${LEAVE_OUTBOX}`, {
      ':failure': { notice: failure.notice, attempts: failure.attempts, at: failure.at.toISOString() },
    });
  }

  public async completeNotice(id: string, notice: ApplicationNotice, leaseUntil: Date, at: Date): Promise<void> {
    // Only the lease holder clears the outbox; a newer notice queued meanwhile stays.
    await writeUnderLease(this.client, this.noticeEntry(id, notice), leaseUntil, `SET lastNoticeAt = :at ${LEAVE_OUTBOX}`, { ':at': at.toISOString() });
  }

  /** The partner an e-mail belongs to, with its state, or `undefined`. */
  private async emailHolder(email: string): Promise<{ partnerId: string; state: string } | undefined> {
    const partners = physicalTableName('partners');
    const marker = await this.client.send(new GetCommand({ TableName: partners, Key: partnerEmailKey(email), ConsistentRead: true }));
    if (typeof marker.Item?.partnerId !== 'string') return undefined;
    const holder = await this.client.send(new GetCommand({ TableName: partners, Key: partnerKey(marker.Item.partnerId), ConsistentRead: true }));
    return { partnerId: marker.Item.partnerId, state: typeof holder.Item?.state === 'string' ? holder.Item.state : 'active' };
  }

  /** The outbox entry of an application's pending notice. */
  private noticeEntry(id: string, notice: ApplicationNotice): OutboxEntry {
    return { TableName: this.table, Key: applicationKey(id), owed: ['pendingNotice', notice], dueAt: 'noticeDueAt' };
  }

  /** The conditional update for a manager's change: allowed only from the status the use case saw. */
  private changeUpdate(change: ApplicationChange, partnerId?: string) {
    const fields = ACTION_FIELDS[change.action];
    const sets = ['#status = :to', 'updatedAt = :at', `${fields.at} = :at`, `${fields.by} = :by`];
    const values: Record<string, unknown> = { ':from': change.status, ':to': fields.status, ':at': change.at.toISOString(), ':by': change.by };
    if (change.rejectionReason !== undefined) {
      sets.push('rejectionReason = :reason');
      values[':reason'] = change.rejectionReason;
    }
    if (partnerId) {
      sets.push('partnerId = :partnerId');
      values[':partnerId'] = partnerId;
    }
    if (change.notice) {
      sets.push('pendingNotice = :notice', 'noticeQueue = :queue', 'noticeDueAt = :at');
      values[':notice'] = change.notice;
      values[':queue'] = NOTICE_QUEUE;
    }
    if (!allowedFrom(change.action).includes(change.status)) throw new InvalidTransitionError('partner application', change.status, change.action);
    return {
      TableName: this.table,
      Key: applicationKey(change.id),
      // Invariant: the state machine; the status must still be the one the decision was made on.
      ConditionExpression: '#status = :from',
      // Any manager action meets the 48-hour contact duty, so the application leaves the overdue index.
      UpdateExpression: `SET ${sets.join(', ')} REMOVE ${change.notice ? 'awaiting, noticeAttempts' : 'awaiting'}`,
      ExpressionAttributeNames: { '#status': 'status' },
      ExpressionAttributeValues: values,
    };
  }

  private async transitionError(change: ApplicationChange): Promise<Error> {
    const now = await this.get(change.id);
    return new InvalidTransitionError('partner application', now?.status ?? change.status, change.action);
  }
}

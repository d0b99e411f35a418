import { type DynamoDBDocumentClient, GetCommand, TransactWriteCommand } from '@aws-sdk/lib-dynamodb';
import * as z from 'zod/mini';
import { ConcurrentChangeError } from '../../domain/ConcurrentChange';
import { ConflictError } from '../../domain/errors';
import { founder, MEMBER_ROLES, type Member, type Team } from '../../domain/team/Member';
import type { TeamChange, TeamStore } from '../../ports/TeamStore';
import { conditionalUpdate } from './conditionalUpdate';
import { cancellationCodes, CONDITION_FAILED } from './lostRace';
import { memberSignInAttribute, partnerEmailKey, partnerKey } from './partnerKeys';
import { isoDate, optionalIsoDate } from './storedDate';
import { optionalStoredText, storedNumber, storedText } from './storedFields';
import { physicalTableName } from './tables';
import type { TransactItem } from './TransactItem';

/** A member as the partner item's `members` map stores it (keyed by member id). */
const storedMember = z.object({ email: storedText, role: z.enum(MEMBER_ROLES), invitedAt: isoDate, invitedBy: optionalStoredText });

/** What the team reads of a partner item: the account (for the owner of a partner approved before teams) and its team. */
const storedTeam = z.object({
  partnerId: storedText,
  email: storedText,
  createdAt: isoDate,
  members: z.optional(z.record(z.string(), storedMember)),
  teamVersion: z.optional(storedNumber),
});

const signedIn = optionalIsoDate;

/** The team of a partner item, its members in the order they were invited (the owner the approval created first). */
function toTeam(item: Record<string, unknown>): Team {
  const parsed = storedTeam.parse(item);
  // A partner approved before teams existed has no member list: its approved login is its owner.
  const stored = parsed.members
    ? Object.entries(parsed.members).map(([memberId, m]): Member => ({ memberId, email: m.email, role: m.role, invitedAt: m.invitedAt, ...(m.invitedBy && { invitedBy: m.invitedBy }) }))
    : [founder(parsed)];
  const members = stored.map((member): Member => {
    const lastSignInAt = signedIn.parse(item[memberSignInAttribute(member.memberId)]);
    return lastSignInAt ? { ...member, lastSignInAt } : member;
  }).sort((a, b) => a.invitedAt.getTime() - b.invitedAt.getTime() || a.memberId.localeCompare(b.memberId));
  return { partnerId: parsed.partnerId, members, version: parsed.teamVersion ?? 0 };
}

function memberMap(members: readonly Member[]): Record<string, unknown> {
  return Object.fromEntries(members.map((m) => [m.memberId, {
    email: m.email, role: m.role, invitedAt: m.invitedAt.toISOString(), ...(m.invitedBy && { invitedBy: m.invitedBy }),
  }]));
}

/** Reading a team: all the membership check of every partner route needs, without the writes' code in its bundle. */
export class DynamoTeamReader implements Pick<TeamStore, 'team'> {
  public constructor(protected readonly client: DynamoDBDocumentClient, protected readonly table = physicalTableName('partners')) {}

  public async team(partnerId: string): Promise<Team | undefined> {
    const result = await this.client.send(new GetCommand({ TableName: this.table, Key: partnerKey(partnerId), ConsistentRead: true }));
    return result.Item ? toTeam(result.Item) : undefined;
  }
}

/**
 * Teams on DynamoDB: the member list lives in the partner's item — DynamoDB holds at most 400 KB in
 * an item, and a full team (50 members with the longest e-mails) takes ≈ 20 KB of it — so one read gives the membership check the whole team, and each change is one
 * conditional write of the list onto the version read, with the e-mail markers that bind logins to partners.
 */
export class DynamoTeamStore extends DynamoTeamReader implements TeamStore {

  public async save(change: TeamChange): Promise<void> {
    const { partnerId, version } = change.before;
    const removedSignIn = change.removed && memberSignInAttribute(change.removed.memberId);
    const items: TransactItem[] = [{
      Update: {
        TableName: this.table,
        Key: partnerKey(partnerId),
        UpdateExpression: `SET members = :members, teamVersion = :next${removedSignIn ? ' REMOVE #signedIn' : ''}`,
        // Invariant: a team changes only from the version it was decided on (no lost invitation, role change or removal).
        ConditionExpression: version === 0 ? 'attribute_exists(pk) AND attribute_not_exists(teamVersion)' : 'teamVersion = :version',
        ...(removedSignIn && { ExpressionAttributeNames: { '#signedIn': removedSignIn } }),
        ExpressionAttributeValues: { ':members': memberMap(change.members), ':next': version + 1, ...(version > 0 && { ':version': version }) },
      },
    }];
    if (change.added) {
      items.push({
        Put: {
          TableName: this.table,
          Item: { ...partnerEmailKey(change.added.email), partnerId },
          // Invariant: one login e-mail belongs to at most one partner (its owner's or one member's).
          ConditionExpression: 'attribute_not_exists(pk)',
        },
      });
    }
    if (change.removed) {
      items.push({
        Delete: {
          TableName: this.table,
          Key: partnerEmailKey(change.removed.email),
          // Invariant: a removal frees only this partner's binding of the e-mail.
          ConditionExpression: 'attribute_not_exists(pk) OR partnerId = :partnerId',
          ExpressionAttributeValues: { ':partnerId': partnerId },
        },
      });
    }
    try {
      await this.client.send(new TransactWriteCommand({ TransactItems: items }));
    } catch (error) {
      const [teamReason, markerReason] = cancellationCodes(error);
      if (teamReason === CONDITION_FAILED) throw new ConcurrentChangeError('team');
      if (change.added && markerReason === CONDITION_FAILED) {
        throw new ConflictError('email_already_partner', 'This e-mail already belongs to a partner account or team', { email: change.added.email });
      }
      throw error;
    }
  }

  public async recordSignIn(partnerId: string, memberId: string, at: Date): Promise<void> {
    // Invariant: a last sign-in only moves forward, and only for a member still in the team (or the owner of a partner approved before teams).
    await conditionalUpdate(this.client, {
      TableName: this.table,
      Key: partnerKey(partnerId),
      UpdateExpression: 'SET #signedIn = :at',
      ConditionExpression: 'attribute_exists(pk) AND (attribute_not_exists(#signedIn) OR #signedIn < :at) AND (attribute_exists(members.#member) OR attribute_not_exists(members))',
      ExpressionAttributeNames: { '#signedIn': memberSignInAttribute(memberId), '#member': memberId },
      ExpressionAttributeValues: { ':at': at.toISOString() },
    });
  }
}

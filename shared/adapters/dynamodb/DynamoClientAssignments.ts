import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { ClientAssignments } from '../../ports/ClientAssignments';
import { clientKey, partnerAssigneeKey } from './clientKeys';
import { conditionalUpdate } from './conditionalUpdate';
import { physicalTableName } from './tables';

/** Client assignments on DynamoDB: one conditional update of the client item each (its `assignee` and `byAssignee` index entry). */
export class DynamoClientAssignments implements ClientAssignments {
  public constructor(private readonly client: DynamoDBDocumentClient, private readonly table = physicalTableName('clients')) {}

  public async assign(partnerId: string, clientId: string, memberId: string | null): Promise<boolean> {
    const applied = await conditionalUpdate(this.client, {
      TableName: this.table,
      Key: clientKey(partnerId, clientId),
      UpdateExpression: memberId === null
        ? 'REMOVE assignee, clientsOfAssignee SET version = version + :one'
        : 'SET assignee = :member, clientsOfAssignee = :assigneeKey, version = version + :one',
      // Invariant: only a client the partner still has (attached: in its listing) is assigned; the version moves so a
      // writer that read the client before keeps its change only by reading the assignment again.
      ConditionExpression: 'attribute_exists(clientsOf)',
      ExpressionAttributeValues: { ':one': 1, ...(memberId !== null && { ':member': memberId, ':assigneeKey': partnerAssigneeKey(partnerId, memberId) }) },
    });
    return applied !== undefined;
  }
}

import { SQSClient } from '@aws-sdk/client-sqs';
import { SqsDeliveryQueue } from '../../../../../shared/adapters/sqs/SqsDeliveryQueue';
import type { DeliveryJob } from '../../../../../shared/domain/webhooks/deliverWebhookEvents';

/** An SQS client whose requests stop before the network: the inputs of the commands it was given. */
function capturingClient(): { client: SQSClient; sent: Array<{ command: string; input: Record<string, unknown> }> } {
  const client = new SQSClient({ region: 'eu-central-1', credentials: { accessKeyId: 'AKID', secretAccessKey: 'secret' } });
  const sent: Array<{ command: string; input: Record<string, unknown> }> = [];
  client.middlewareStack.add((_next, context) => async (args) => {
    sent.push({ command: context.commandName ?? '', input: args.input as Record<string, unknown> });
    return { output: { $metadata: {} } as never, response: {} };
  }, { step: 'initialize', name: 'capture' });
  return { client, sent };
}

const job: DeliveryJob = {
  partnerId: 'ptn_1', endpointId: 'whe_1', attempt: 2, notBefore: '2026-12-06T10:00:00.000Z',
  message: { messageId: 'msg_1', type: 'client.blocked', occurredAt: '2026-12-06T09:59:00.000Z', data: { clientId: 'cli_1' } },
};

describe('SqsDeliveryQueue', () => {
  it('sends the job to its queue with the delay, at most SQS\'s 900 s', async () => {
    const { client, sent } = capturingClient();
    const queue = new SqsDeliveryQueue(client, 'https://sqs.eu-central-1.amazonaws.com/123/webhooks');
    await queue.enqueue(job, 30.2);
    await queue.enqueue(job, 3_600);
    await queue.enqueue(job, -5);
    expect(sent.map(({ command, input }) => [command, input.QueueUrl, input.DelaySeconds])).toEqual([
      ['SendMessageCommand', 'https://sqs.eu-central-1.amazonaws.com/123/webhooks', 31],
      ['SendMessageCommand', 'https://sqs.eu-central-1.amazonaws.com/123/webhooks', 900],
      ['SendMessageCommand', 'https://sqs.eu-central-1.amazonaws.com/123/webhooks', 0],
    ]);
    expect(JSON.parse(String(sent[0]?.input.MessageBody))).toEqual({ job });
  });

  it('needs the queue named in its environment', () => {
    expect(() => SqsDeliveryQueue.fromEnv({})).toThrow('WEBHOOK_QUEUE_URL');
  });
});

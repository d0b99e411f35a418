/** SQS sending one message from a client created on first use, as the webhook consumer queues a retry. */
import { SendMessageCommand, SQSClient } from '@aws-sdk/client-sqs';
import type { FloorUse } from './FloorUse';

let queue: SQSClient | undefined;

export const floorUse: FloorUse = {
  run: () => {
    queue ??= new SQSClient({});
    return queue.send(new SendMessageCommand({ QueueUrl: 'https://sqs.eu-central-1.amazonaws.com/000000000000/floor', MessageBody: '{}' }));
  },
};

import { DescribeTableCommand, DynamoDBClient } from '@aws-sdk/client-dynamodb';
import {
  DescribeStreamCommand,
  DynamoDBStreamsClient,
  ExpiredIteratorException,
  GetRecordsCommand,
  GetShardIteratorCommand,
  TrimmedDataAccessException,
  type _Record as StreamRecord,
} from '@aws-sdk/client-dynamodb-streams';
import type { DynamoDBRecord, DynamoDBStreamEvent } from 'aws-lambda';
import { physicalTableName } from '../../shared/adapters/dynamodb/tables';
import type { StreamSpec } from '../../shared/routeTable';

/** Records handed to the handler at once: the event source mapping's batch size in AWS (`infra/constructs/Streams.ts`). */
const BATCH_SIZE = 100;
/** Tries of a single record that keeps failing before it goes to the "failure destination" (the log), as the mapping's retries do. */
const RECORD_ATTEMPTS = 3;

/** The stream consumers of the local stack: polled on a timer, and drained on demand (tests, the bench). */
export interface StreamPollers {
  /** Hands every record written so far to its consumer and resolves once they are all handled. */
  drain(): Promise<void>;
  /** Stops polling on the timer (after the pass under way); `drain` still works. The bench measures a request without its consumer's work. */
  pause(): Promise<void>;
  /** Polls on the timer again. */
  resume(): void;
  stop(): Promise<void>;
}

type StreamHandler = (event: DynamoDBStreamEvent) => Promise<unknown>;

/** A record as Lambda's event source mapping delivers it (the streams API's record, with Lambda's field types). */
function lambdaRecord(record: StreamRecord, streamArn: string): DynamoDBRecord {
  const approximate = record.dynamodb?.ApproximateCreationDateTime;
  return {
    eventID: record.eventID,
    eventName: record.eventName,
    eventVersion: record.eventVersion,
    eventSource: 'aws:dynamodb',
    awsRegion: 'local',
    eventSourceARN: streamArn,
    // The attribute values are DynamoDB's JSON in both; the declarations differ (the SDK's binary is bytes, Lambda's base64).
    dynamodb: { ...(record.dynamodb as DynamoDBRecord['dynamodb']), ...(approximate && { ApproximateCreationDateTime: approximate.getTime() / 1000 }) },
  };
}

/** Whether a record is for the consumer (the mapping's filter on the sort key). */
function wanted(record: StreamRecord, spec: StreamSpec): boolean {
  return !spec.sortKeyPrefix || (record.dynamodb?.Keys?.sk?.S ?? '').startsWith(spec.sortKeyPrefix);
}

/** One consumer: the stream's shards, where it stands in each, and its handler. */
class Consumer {
  private readonly iterators = new Map<string, string | undefined>();
  /** The last record handed over per shard, to start again after it when an iterator is no longer valid. */
  private readonly handed = new Map<string, string>();
  private handler?: StreamHandler;
  private streamArn = '';

  public constructor(private readonly spec: StreamSpec, private readonly dynamo: DynamoDBClient, private readonly streams: DynamoDBStreamsClient) {}

  /** Hands every record written so far to the handler, shard by shard, in order. */
  public async pass(): Promise<void> {
    this.handler ??= ((await import(`../../functions/${this.spec.handler}`)) as { handler: StreamHandler }).handler;
    await this.refreshShards();
    for (const [shardId, iterator] of this.iterators) {
      let next = iterator;
      let renewed = false;
      while (next) {
        let result;
        try {
          result = await this.streams.send(new GetRecordsCommand({ ShardIterator: next, Limit: 1000 }));
        } catch (error) {
          // An iterator DynamoDB Local no longer honours (expired, or behind its trimming): start again after the
          // last record handed over (the consumer is idempotent, so a record handed twice changes nothing).
          if (renewed || !(error instanceof TrimmedDataAccessException || error instanceof ExpiredIteratorException)) throw error;
          renewed = true;
          next = await this.iteratorAfter(shardId);
          continue;
        }
        const received = result.Records ?? [];
        const records = received.filter((record) => wanted(record, this.spec)).map((record) => lambdaRecord(record, this.streamArn));
        for (let start = 0; start < records.length; start += BATCH_SIZE) await this.deliver(records.slice(start, start + BATCH_SIZE));
        const last = received.at(-1)?.dynamodb?.SequenceNumber;
        if (last) this.handed.set(shardId, last);
        next = result.NextShardIterator;
        this.iterators.set(shardId, next);
        if (received.length === 0) break;
      }
    }
  }

  /** A fresh iterator of a shard: after the last record handed over, or from its start. */
  private async iteratorAfter(shardId: string): Promise<string | undefined> {
    const after = this.handed.get(shardId);
    const { ShardIterator } = await this.streams.send(new GetShardIteratorCommand({
      StreamArn: this.streamArn,
      ShardId: shardId,
      ...(after ? { ShardIteratorType: 'AFTER_SEQUENCE_NUMBER', SequenceNumber: after } : { ShardIteratorType: 'TRIM_HORIZON' }),
    }));
    return ShardIterator;
  }

  /** The stream's shards: a new one is read from its start (TRIM_HORIZON), a closed one is left. */
  private async refreshShards(): Promise<void> {
    if (!this.streamArn) {
      const table = await this.dynamo.send(new DescribeTableCommand({ TableName: physicalTableName(this.spec.table) }));
      this.streamArn = table.Table?.LatestStreamArn ?? '';
      if (!this.streamArn) throw new Error(`the table ${this.spec.table} has no stream for ${this.spec.handler}`);
    }
    let exclusiveStart: string | undefined;
    do {
      const description = (await this.streams.send(new DescribeStreamCommand({ StreamArn: this.streamArn, ExclusiveStartShardId: exclusiveStart }))).StreamDescription;
      for (const shard of description?.Shards ?? []) {
        if (!shard.ShardId || this.iterators.has(shard.ShardId)) continue;
        const { ShardIterator } = await this.streams.send(new GetShardIteratorCommand({
          StreamArn: this.streamArn, ShardId: shard.ShardId, ShardIteratorType: 'TRIM_HORIZON',
        }));
        this.iterators.set(shard.ShardId, ShardIterator);
      }
      exclusiveStart = description?.LastEvaluatedShardId;
    } while (exclusiveStart);
  }

  /** Runs the handler on a batch; on error splits it in two and retries each half (bisect on error), a lone record a few times. */
  private async deliver(records: readonly DynamoDBRecord[], attempt = 1): Promise<void> {
    try {
      await this.handler?.({ Records: [...records] });
    } catch (error) {
      if (records.length > 1) {
        const half = Math.ceil(records.length / 2);
        await this.deliver(records.slice(0, half));
        await this.deliver(records.slice(half));
      } else if (attempt < RECORD_ATTEMPTS) {
        await this.deliver(records, attempt + 1);
      } else {
        console.error(`[stream] ${this.spec.handler} gave up on record ${records[0]?.eventID ?? ''} (AWS: the failure destination)`, error);
      }
    }
  }
}

/**
 * Starts a poller per stream consumer of the route table on DynamoDB Local (which serves the
 * streams API): the local stand-in of the event source mappings, calling the same handlers with the
 * same events. `intervalMs` polls on a timer (`npm start`, e2e); without it only `drain` runs them.
 */
export function startStreamPollers(specs: readonly StreamSpec[], options: { endpoint: string; intervalMs?: number }): StreamPollers {
  const config = { endpoint: options.endpoint, region: process.env.AWS_REGION ?? 'local', credentials: { accessKeyId: 'local', secretAccessKey: 'local' } };
  const dynamo = new DynamoDBClient(config);
  const streams = new DynamoDBStreamsClient(config);
  const consumers = specs.map((spec) => new Consumer(spec, dynamo, streams));
  let running: Promise<void> = Promise.resolve();
  let stopped = false;
  /** One pass of every consumer, after the pass before it (passes never overlap, so each shard is read in order once). */
  const pass = (): Promise<void> => {
    // A failed pass does not stop the next one: it starts over from where the failed one stood.
    running = running.catch(() => undefined).then(async () => {
      if (stopped) return;
      for (const consumer of consumers) await consumer.pass();
    });
    return running;
  };
  const poll = (): ReturnType<typeof setInterval> | undefined => (options.intervalMs === undefined ? undefined : setInterval(() => {
    pass().catch((error: unknown) => console.error('[stream] polling failed', error));
  }, options.intervalMs));
  let timer = poll();
  return {
    drain: pass,
    pause: async () => {
      if (timer) clearInterval(timer);
      timer = undefined;
      await running.catch(() => undefined);
    },
    resume: () => {
      if (timer) clearInterval(timer);
      timer = poll();
    },
    stop: async () => {
      if (timer) clearInterval(timer);
      stopped = true;
      await running.catch(() => undefined);
      dynamo.destroy();
      streams.destroy();
    },
  };
}

import { type StreamPollers, startStreamPollers } from '../../infra/local/streamPoller';
import { streams } from '../../shared/routeTable';

/**
 * Runs the route table's stream consumers (search index, counts) on the calling test file's tables
 * (`useLocalTables`, declared before this): nothing polls on a timer, `drain()` hands every change
 * written so far to the consumers and waits for them, so a test decides when the index has caught up.
 */
export function useStreamConsumers(): { drain: () => Promise<void> } {
  let pollers: StreamPollers | undefined;
  beforeAll(() => {
    pollers = startStreamPollers(streams, { endpoint: process.env.DYNAMODB_ENDPOINT ?? '' });
  });
  afterAll(async () => {
    await pollers?.stop();
  });
  return {
    drain: async () => {
      if (!pollers) throw new Error('useStreamConsumers(): the consumers start in beforeAll; drain inside a test');
      await pollers.drain();
    },
  };
}

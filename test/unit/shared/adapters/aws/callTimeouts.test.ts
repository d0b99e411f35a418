import { readdirSync, readFileSync } from 'node:fs';
import { createServer, type Server, type Socket } from 'node:net';
import * as path from 'node:path';
import { DynamoDBClient, GetItemCommand } from '@aws-sdk/client-dynamodb';
import { clientTimeoutConfig, LOCAL_CALL_TIMEOUTS, REQUEST_CALL_TIMEOUTS, SIGN_IN_CALL_TIMEOUTS, timeoutsFor } from '../../../../../shared/adapters/aws/callTimeouts';

const ROOT = path.join(__dirname, '../../../../..');

/** Every TypeScript file below `dir`, recursively. */
function sources(dir: string): string[] {
  return readdirSync(path.join(ROOT, dir), { withFileTypes: true, recursive: true })
    .filter((entry) => entry.isFile() && entry.name.endsWith('.ts'))
    .map((entry) => path.join(entry.parentPath, entry.name));
}

/** A TCP server that accepts connections and never answers: a hung AWS endpoint. */
async function hungEndpoint(): Promise<{ url: string; server: Server; sockets: Socket[] }> {
  const sockets: Socket[] = [];
  const server = createServer((socket) => sockets.push(socket));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  return { url: `http://127.0.0.1:${port}`, server, sockets };
}

describe('AWS call time-outs', () => {
  it('gives every SDK client that a function creates explicit time-outs', () => {
    // Local stand-ins and the local stack are never bundled into a function.
    const files = [...sources('shared'), ...sources('functions')].filter((file) => !file.includes(`${path.sep}local${path.sep}`));
    const untimed = files.flatMap((file) => {
      const text = readFileSync(file, 'utf8');
      return [...text.matchAll(/new (\w+Client)\(([^)]*)\)/g)]
        .filter(([, name, args]) => name !== 'DynamoDBDocumentClient' && !(args ?? '').includes('clientTimeoutConfig'))
        .map(([call]) => `${path.relative(ROOT, file)}: ${call}`);
    });
    expect(untimed).toEqual([]);
  });

  it('keeps the AWS time-outs in AWS and is generous only with a local stand-in', () => {
    expect(timeoutsFor(REQUEST_CALL_TIMEOUTS, undefined)).toBe(REQUEST_CALL_TIMEOUTS);
    expect(timeoutsFor(SIGN_IN_CALL_TIMEOUTS, 'http://127.0.0.1:8000')).toBe(LOCAL_CALL_TIMEOUTS);
  });

  it('ends a DynamoDB call to a hung endpoint with a time-out instead of waiting for the function to die', async () => {
    const endpoint = await hungEndpoint();
    const client = new DynamoDBClient({ ...clientTimeoutConfig(SIGN_IN_CALL_TIMEOUTS), endpoint: endpoint.url });
    try {
      await expect(client.send(new GetItemCommand({ TableName: 'any', Key: { pk: { S: 'x' } } }))).rejects.toMatchObject({ name: 'TimeoutError' });
      expect(endpoint.sockets.length).toBe(SIGN_IN_CALL_TIMEOUTS.maxAttempts);
    } finally {
      client.destroy();
      for (const socket of endpoint.sockets) socket.destroy();
      endpoint.server.close();
    }
  });
});

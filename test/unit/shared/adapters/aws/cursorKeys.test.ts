import { createServer, type IncomingMessage, type Server } from 'node:http';
import { cursorKey, cursorKeys, forgetCursorKeys } from '../../../../../shared/adapters/aws/cursorKeys';

const SECRET_ARN = 'arn:aws:secretsmanager:eu-central-1:123456789012:secret:CursorSigningKey-AbCdEf';

/** A stand-in for Secrets Manager's JSON protocol holding one secret's versions by staging label. */
async function secretsManager(versions: Partial<Record<'AWSCURRENT' | 'AWSPREVIOUS', string>>): Promise<{ endpoint: string; server: Server; asked: string[] }> {
  const asked: string[] = [];
  const read = async (request: IncomingMessage): Promise<string> => {
    let body = '';
    for await (const chunk of request) body += String(chunk);
    return body;
  };
  const server = createServer((request, response) => {
    void read(request).then((body) => {
      const { SecretId, VersionStage } = JSON.parse(body) as { SecretId: string; VersionStage: 'AWSCURRENT' | 'AWSPREVIOUS' };
      asked.push(`${request.headers['x-amz-target']} ${VersionStage}`);
      const value = SecretId === SECRET_ARN ? versions[VersionStage] : undefined;
      response.setHeader('content-type', 'application/x-amz-json-1.1');
      if (value === undefined) {
        response.statusCode = 400;
        response.end(JSON.stringify({ __type: 'ResourceNotFoundException', message: "Secrets Manager can't find the specified secret value for staging label" }));
        return;
      }
      response.end(JSON.stringify({ ARN: SECRET_ARN, Name: 'CursorSigningKey', SecretString: value, VersionStages: [VersionStage] }));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  return { endpoint: `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`, server, asked };
}

describe('cursorKeys from the stack secret', () => {
  afterEach(() => forgetCursorKeys());

  it('reads the current and the previous version by their staging labels at run time', async () => {
    const service = await secretsManager({ AWSCURRENT: 'new-key', AWSPREVIOUS: 'old-key' });
    try {
      const ring = await cursorKeys({ CURSOR_KEY_SECRET_ARN: SECRET_ARN, SECRETS_MANAGER_ENDPOINT: service.endpoint }, 0);

      expect(ring).toEqual({ current: cursorKey('new-key'), previous: cursorKey('old-key') });
      expect(service.asked.sort()).toEqual(['secretsmanager.GetSecretValue AWSCURRENT', 'secretsmanager.GetSecretValue AWSPREVIOUS']);
    } finally {
      service.server.close();
    }
  });

  it('has no previous key before the first rotation', async () => {
    const service = await secretsManager({ AWSCURRENT: 'first-key' });
    try {
      expect(await cursorKeys({ CURSOR_KEY_SECRET_ARN: SECRET_ARN, SECRETS_MANAGER_ENDPOINT: service.endpoint }, 0)).toEqual({ current: cursorKey('first-key') });
    } finally {
      service.server.close();
    }
  });

  it('fails the request when the secret cannot be read and no keys were read before', async () => {
    const service = await secretsManager({});
    try {
      await expect(cursorKeys({ CURSOR_KEY_SECRET_ARN: SECRET_ARN, SECRETS_MANAGER_ENDPOINT: service.endpoint }, 0)).rejects.toMatchObject({ name: 'ResourceNotFoundException' });
    } finally {
      service.server.close();
    }
  });
});

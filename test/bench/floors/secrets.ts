/** Secrets Manager reading one secret from a client created on first use, as the cursor key is read. */
import { GetSecretValueCommand, SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import type { FloorUse } from './FloorUse';

let secrets: SecretsManagerClient | undefined;

export const floorUse: FloorUse = {
  run: () => {
    secrets ??= new SecretsManagerClient({});
    return secrets.send(new GetSecretValueCommand({ SecretId: 'floor' }));
  },
};

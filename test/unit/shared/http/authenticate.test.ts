import { LOCAL_CONSOLE_AUDIENCE } from '../../../../infra/local/consoleSignIn';
import { LOCAL_AUDIENCE, LOCAL_MACHINE_CLIENT } from '../../../../infra/local/localAuth';
import { consoleIssuerConfigFromEnv, issuerConfigFromEnv, verifyBearerToken } from '../../../../shared/http/authenticate';
import { BILLING_WRITE_SCOPE, CLAIMS } from '../../../../shared/http/Principal';
import { useLocalIssuer } from '../../../support/localIssuer';

const issued = useLocalIssuer();
const manager = { sub: 'mgr_cache', token_use: 'id', [CLAIMS.email]: 'manager@example.com', [CLAIMS.role]: 'manager' };
const verify = (token: string) => verifyBearerToken(`Bearer ${token}`, issuerConfigFromEnv());

describe('verifyBearerToken, with the tokens it has verified remembered', () => {
  it('accepts a token again until it expires, and refuses it from then on', async () => {
    const token = await issued().issuer.sign({ ...manager, aud: LOCAL_AUDIENCE }, '2s');

    await expect(verify(token)).resolves.toMatchObject({ sub: 'mgr_cache' });
    await expect(verify(token)).resolves.toMatchObject({ sub: 'mgr_cache' });
    await new Promise((resolve) => setTimeout(resolve, 2_100));

    await expect(verify(token)).rejects.toMatchObject({ statusCode: 401, code: 'unauthorized' });
  });

  it('checks the audience on every call, remembered or not', async () => {
    const token = await issued().otherAudience();

    await expect(verify(token)).rejects.toMatchObject({ statusCode: 401 });
    await expect(verify(token)).rejects.toMatchObject({ statusCode: 401 });
  });

  it('never takes a token with another signature for one it remembers', async () => {
    const token = await issued().manager();
    await expect(verify(token)).resolves.toMatchObject({ sub: 'mgr_test' });
    const [header, payload] = token.split('.');
    const forged = `${header}.${payload}.${(await issued().otherKey()).split('.')[2]}`;

    await expect(verify(forged)).rejects.toMatchObject({ statusCode: 401 });
    await expect(verify(token)).resolves.toMatchObject({ sub: 'mgr_test' });
  });
});

describe('verifyBearerToken, strict about what a token is', () => {
  it('refuses a token without an expiry', async () => {
    const never = await issued().issuer.sign({ ...manager, aud: LOCAL_AUDIENCE }, null);

    await expect(verify(never)).rejects.toMatchObject({ statusCode: 401 });
  });

  it('refuses a signature algorithm other than the provider\'s', async () => {
    const token = await issued().manager();

    await expect(verifyBearerToken(`Bearer ${token}`, { ...issuerConfigFromEnv(), algorithms: ['RS256'] })).rejects.toMatchObject({ statusCode: 401 });
  });

  it('takes a person only with the web client\'s audience, and a machine client only by its client id', async () => {
    const { issuer } = issued();
    const personForMachineClient = await issuer.sign({ ...manager, aud: LOCAL_MACHINE_CLIENT });
    const machineByAudience = await issuer.sign({ sub: 'feed', aud: LOCAL_AUDIENCE, token_use: 'access', scope: BILLING_WRITE_SCOPE });

    await expect(verify(personForMachineClient)).rejects.toMatchObject({ statusCode: 401 });
    await expect(verify(machineByAudience)).rejects.toMatchObject({ statusCode: 401 });
    await expect(verify(await issued().system())).resolves.toMatchObject({ client_id: LOCAL_MACHINE_CLIENT });
  });

  it('refuses a token without a subject', async () => {
    const { sub: _none, ...withoutSubject } = manager;
    const token = await issued().issuer.sign({ ...withoutSubject, aud: LOCAL_AUDIENCE });

    await expect(verify(token)).rejects.toMatchObject({ statusCode: 401, code: 'unauthorized' });
  });

  it('takes a token for several audiences only when its authorized party (azp) is our client', async () => {
    const { issuer } = issued();
    const noParty = await issuer.sign({ ...manager, aud: [LOCAL_AUDIENCE, 'another-app'] });
    const otherParty = await issuer.sign({ ...manager, aud: [LOCAL_AUDIENCE, 'another-app'], azp: 'another-app' });
    const ours = await issuer.sign({ ...manager, aud: [LOCAL_AUDIENCE, 'another-app'], azp: LOCAL_AUDIENCE });

    await expect(verify(noParty)).rejects.toMatchObject({ statusCode: 401 });
    await expect(verify(otherParty)).rejects.toMatchObject({ statusCode: 401 });
    await expect(verify(ours)).resolves.toMatchObject({ sub: manager.sub });
  });
});

describe('consoleIssuerConfigFromEnv', () => {
  it('requires token_use unless told the provider has none, and reads the claim names from settings', () => {
    expect(consoleIssuerConfigFromEnv({}).source).toEqual({
      kind: 'console', accountClaim: 'custom:accountId', emailClaim: 'email', emailVerifiedClaim: 'email_verified', tokenUseRequired: true,
    });
    expect(consoleIssuerConfigFromEnv({ CONSOLE_TOKEN_USE: 'optional', CONSOLE_EMAIL_CLAIM: 'mail', CONSOLE_EMAIL_VERIFIED_CLAIM: 'mail_ok' }).source)
      .toMatchObject({ emailClaim: 'mail', emailVerifiedClaim: 'mail_ok', tokenUseRequired: false });
    expect(consoleIssuerConfigFromEnv({ CONSOLE_TOKEN_USE: 'yes please' }).source).toMatchObject({ tokenUseRequired: true });
  });

  it('refuses a console token without a subject', async () => {
    const console = { ...issuerConfigFromEnv(), audiences: [LOCAL_CONSOLE_AUDIENCE], source: consoleIssuerConfigFromEnv().source };
    const claims = { aud: LOCAL_CONSOLE_AUDIENCE, token_use: 'id', 'custom:accountId': 'acc-7f3k9q2m4x8b1n5c6v0z' };

    await expect(verifyBearerToken(`Bearer ${await issued().issuer.sign(claims)}`, console)).rejects.toMatchObject({ statusCode: 401 });
    await expect(verifyBearerToken(`Bearer ${await issued().issuer.sign({ ...claims, sub: 'u2' })}`, console)).resolves.toMatchObject({ sub: 'u2' });
  });
});

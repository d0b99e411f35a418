import { routes } from '../../../shared/routeTable';
import { invokeRoute, jsonBody, routeOf } from '../../support/apiGatewayEvent';
import { createPartner, registerCloudAccount, tokenFromMail, uniqueClientEmail } from '../../support/clientFixtures';
import { useLocalIssuer } from '../../support/localIssuer';
import { useLocalTables } from '../../support/localTables';
import { mailsTo } from '../../support/sesInbox';

/**
 * Lost races on one invitation (issue 26): concurrent accepts, declines, cancels and resends through
 * the real handlers on DynamoDB Local. Every answer is checked against the OpenAPI document by
 * `invokeRoute` (status, and the error code among those the operation documents), so the state
 * machines' internal `invalid_transition` can never come out of an invitation route.
 */

const tables = useLocalTables();
const issued = useLocalIssuer();

const ADD = routeOf(routes, 'POST', '/clients');
const ACCEPT = routeOf(routes, 'POST', '/invitations/{token}/accept');
const DECLINE = routeOf(routes, 'POST', '/invitations/{token}/decline');
const CANCEL = routeOf(routes, 'POST', '/clients/{id}/invitation/cancel');
const RESEND = routeOf(routes, 'POST', '/clients/{id}/invitation/resend');

/** Requests of each kind fired at once at one invitation. */
const ACCEPTS = 10;
const OTHERS = 4;

beforeAll(() => {
  // Partner routes share a per-partner rate limit; lifted so that only the race decides.
  process.env.PARTNER_REQUESTS_PER_MINUTE = String(Number.MAX_SAFE_INTEGER);
});

afterAll(() => {
  delete process.env.PARTNER_REQUESTS_PER_MINUTE;
});

describe('concurrent answers to one invitation', () => {
  it.each([1, 2, 3])('answer only documented codes, and exactly one of accept / decline / cancel wins (round %i)', async () => {
    const partner = await createPartner(tables.documentClient());
    const partnerToken = await issued().partner(partner.partnerId);
    const accountId = await registerCloudAccount(tables.documentClient());
    const email = uniqueClientEmail();
    const added = await invokeRoute(ADD, { ...jsonBody({ email, accountId }), token: partnerToken });
    const clientId = String(JSON.parse(added.body ?? '{}').id);
    const mail = (await mailsTo(email)).at(-1);
    const token = tokenFromMail(mail!);
    const ownerToken = await issued().console(accountId);

    const fire = (kind: 'accept' | 'decline' | 'cancel' | 'resend') => {
      const route = { accept: ACCEPT, decline: DECLINE, cancel: CANCEL, resend: RESEND }[kind];
      const pathParameters: Record<string, string> = kind === 'accept' || kind === 'decline' ? { token } : { id: clientId };
      return invokeRoute(route, { pathParameters, token: kind === 'accept' || kind === 'decline' ? ownerToken : partnerToken })
        .then((response) => ({ kind, status: response.statusCode ?? 200, code: JSON.parse(response.body ?? '{}').error?.code as string | undefined }));
    };
    const answers = await Promise.all([
      ...Array.from({ length: ACCEPTS }, () => fire('accept')),
      ...(['decline', 'cancel', 'resend'] as const).flatMap((kind) => Array.from({ length: OTHERS }, () => fire(kind))),
    ]);

    const codes = new Set(answers.flatMap(({ code }) => (code ? [code] : [])));
    expect(codes.has('invalid_transition')).toBe(false);
    expect(answers.filter(({ status }) => status >= 500)).toEqual([]);
    const closing = answers.filter(({ kind, status }) => kind !== 'resend' && status === 200);
    expect(closing).toHaveLength(1);
  });
});

describe('invitations are no open mail channel (issue 26)', () => {
  it('sends one mail to a recipient however often a partner adds it: the others answer 409 invitation_pending naming the client', async () => {
    const partner = await createPartner(tables.documentClient());
    const partnerToken = await issued().partner(partner.partnerId);
    const email = uniqueClientEmail();

    const answers = [];
    for (const variant of [email, email.toUpperCase(), email, ` ${email}`, email]) {
      answers.push(await invokeRoute(ADD, { ...jsonBody({ email: variant, name: 'Your cloud account is suspended' }), token: partnerToken }));
    }

    expect(answers.map((answer) => answer.statusCode)).toEqual([201, 409, 409, 409, 409]);
    const clientId = JSON.parse(answers[0]?.body ?? '{}').id;
    for (const refused of answers.slice(1)) expect(JSON.parse(refused.body ?? '{}').error).toMatchObject({ code: 'invitation_pending', details: { clientId } });
    expect(await mailsTo(email)).toHaveLength(1);
  });

  it('stops a partner at its daily number of new invitations (INVITATIONS_PER_PARTNER_PER_DAY) with 429', async () => {
    process.env.INVITATIONS_PER_PARTNER_PER_DAY = '3';
    try {
      const partner = await createPartner(tables.documentClient());
      const partnerToken = await issued().partner(partner.partnerId);
      const statuses = [];
      for (let n = 0; n < 5; n += 1) statuses.push((await invokeRoute(ADD, { ...jsonBody({ email: uniqueClientEmail() }), token: partnerToken })).statusCode);
      expect(statuses).toEqual([201, 201, 201, 429, 429]);
    } finally {
      delete process.env.INVITATIONS_PER_PARTNER_PER_DAY;
    }
  });
});

import { addClient, DEFAULT_INVITATIONS_PER_DAY, invitationLimit } from '../../../../../shared/domain/clients/addClient';
import { acceptInvitation } from '../../../../../shared/domain/clients/answerInvitation';
import type { Client } from '../../../../../shared/domain/clients/Client';
import { clientOperationChange } from '../../../../../shared/domain/clients/decideClientOperation';
import { closeInvitation } from '../../../../../shared/domain/clients/invitationChanges';
import { hashSecretToken } from '../../../../../shared/domain/clients/secretToken';
import { ConflictError, NotFoundError, RuleViolationError } from '../../../../../shared/domain/errors';
import {
  addPartner,
  type InMemoryClientWorld,
  inMemoryClientWorld,
  invite,
  partnerActor,
  storedClient,
  tokenInMail,
  UNIT_BASE_URL,
} from '../../../../support/fakes/inMemoryClientWorld';

const ACCOUNT = 'acc-00000000000000000001';
const actor = partnerActor('ptn_1');

/** A world with partner `ptn_1` ("Volkova IT") and the registered account `ACCOUNT`. */
function world(): InMemoryClientWorld {
  const w = inMemoryClientWorld();
  addPartner(w, 'ptn_1');
  w.accounts.register(ACCOUNT);
  return w;
}

/** Moves the partner's client of `ACCOUNT` (first invited through `addClient`) to a closed status through the state machine. */
async function closedClient(w: InMemoryClientWorld, status: 'declined' | 'cancelled' | 'expired' | 'detached'): Promise<Client> {
  const context = { at: w.clock.now(), actor, auditId: w.ids.next('aud') };
  if (status === 'detached') {
    const active = await storedClient(w, 'ptn_1', 'active', ACCOUNT);
    await w.clients.save(clientOperationChange('delete', active, undefined, context));
    return active;
  }
  const { client } = await invite(w, 'ptn_1', { email: 'old@example.com', accountId: ACCOUNT });
  const invitation = await w.clients.getInvitation(client.invitation.id);
  const current = await w.clients.get('ptn_1', client.id);
  const action = status === 'declined' ? 'decline' : status === 'cancelled' ? 'cancel' : 'expire';
  await w.clients.save(closeInvitation(current!, invitation!, action, context));
  return client;
}

describe('addClient', () => {
  it('stores the client as invited with a pending invitation and its audit entry, and mails a link whose token only its hash is stored of', async () => {
    const w = world();

    const { client, created } = await addClient(w.deps, 'ptn_1', actor, { email: 'ivan@example.com', name: 'Ivan Petrov', accountId: ACCOUNT });

    expect(created).toBe(true);
    expect(client).toMatchObject({
      id: 'cli_1', partnerId: 'ptn_1', accountId: ACCOUNT, email: 'ivan@example.com', name: 'Ivan Petrov', status: 'invited', version: 2,
      invitation: { id: 'inv_1', status: 'pending', expiresAt: new Date('2026-03-08T10:00:00Z'), mail: 'sent' },
    });
    expect(w.tables.client('ptn_1', 'cli_1')).toEqual(client);
    const [mail, ...others] = w.mailer.sent;
    expect(others).toEqual([]);
    expect(mail).toMatchObject({ to: 'ivan@example.com', subject: 'Volkova IT invites you to their partner account' });
    const token = tokenInMail(mail);
    expect(mail?.text).toContain(`${UNIT_BASE_URL}/invitations/${token}`);
    expect(mail?.text).toContain(ACCOUNT);
    const invitation = w.tables.invitation('inv_1');
    expect(invitation).toMatchObject({ clientId: 'cli_1', partnerId: 'ptn_1', accountId: ACCOUNT, partnerName: 'Volkova IT', status: 'pending', tokenHash: hashSecretToken(token) });
    expect(JSON.stringify([...w.tables.invitations.values(), ...w.tables.tokens.entries()])).not.toContain(token);
    expect(w.tables.auditOf('cli_1')).toEqual([
      { id: 'aud_1', partnerId: 'ptn_1', clientId: 'cli_1', at: w.clock.now(), actor, action: 'invite', before: null, after: 'invited' },
    ]);
    // An invitation holds nothing: the account stays free until its owner accepts.
    expect(w.tables.locks.get(ACCOUNT)).toBeUndefined();
  });

  it('refuses an account the registry does not know, storing and mailing nothing', async () => {
    const w = world();

    await expect(addClient(w.deps, 'ptn_1', actor, { email: 'ivan@example.com', accountId: 'acc-99999999999999999999' }))
      .rejects.toMatchObject({ constructor: RuleViolationError, code: 'unknown_account', details: { accountId: 'acc-99999999999999999999' } });

    expect(w.tables.clients.size).toBe(0);
    expect(w.tables.audit).toEqual([]);
    expect(w.mailer.sent).toEqual([]);
  });

  it('refuses a partner that does not exist, storing and mailing nothing', async () => {
    const w = world();

    await expect(addClient(w.deps, 'ptn_unknown', partnerActor('ptn_unknown'), { email: 'ivan@example.com', accountId: ACCOUNT }))
      .rejects.toBeInstanceOf(NotFoundError);

    expect(w.tables.clients.size).toBe(0);
    expect(w.mailer.sent).toEqual([]);
  });

  it.each(['invited', 'active', 'blocked'] as const)('refuses the account again while the partner\'s client of it is %s, changing nothing', async (status) => {
    const w = world();
    const existing = await storedClient(w, 'ptn_1', status, ACCOUNT);
    const audit = [...w.tables.audit];

    await expect(addClient(w.deps, 'ptn_1', actor, { email: 'again@example.com', accountId: ACCOUNT }))
      .rejects.toMatchObject({ constructor: ConflictError, code: 'client_exists', details: { clientId: existing.id, status } });

    expect(w.tables.client('ptn_1', existing.id)).toEqual(existing);
    expect(w.tables.clients.size).toBe(1);
    expect(w.tables.audit).toEqual(audit);
    expect(w.mailer.sent).toEqual([]);
  });

  it('lets another partner invite an account the first one serves: the owner decides', async () => {
    const w = world();
    addPartner(w, 'ptn_2', 'Other IT');
    await storedClient(w, 'ptn_1', 'active', ACCOUNT);

    const { client, created } = await addClient(w.deps, 'ptn_2', partnerActor('ptn_2'), { email: 'ivan@example.com', accountId: ACCOUNT });

    expect(created).toBe(true);
    expect(w.tables.client('ptn_2', client.id)).toMatchObject({ status: 'invited', accountId: ACCOUNT });
    expect(w.tables.locks.get(ACCOUNT)?.partnerId).toBe('ptn_1');
  });

  it.each(['declined', 'cancelled', 'expired', 'detached'] as const)(
    'invites the account again as the same client once the earlier one is %s, with a new invitation',
    async (status) => {
      const w = world();
      const earlier = await closedClient(w, status);
      const closedInvitation = w.tables.invitation(earlier.invitation.id);

      const { client, created } = await addClient(w.deps, 'ptn_1', actor, { email: 'new@example.com', name: 'New Name', accountId: ACCOUNT });

      expect(created).toBe(false);
      expect(client).toMatchObject({ id: earlier.id, email: 'new@example.com', name: 'New Name', status: 'invited', invitation: { status: 'pending', mail: 'sent' } });
      expect(client.invitation.id).not.toBe(earlier.invitation.id);
      expect(client.servedSince).toBeUndefined();
      expect(w.tables.invitation(earlier.invitation.id)).toEqual(closedInvitation);
      expect(w.tables.auditOf(earlier.id).at(-1)).toMatchObject({ action: 'reinvite', before: status, after: 'invited' });
      expect(w.tables.clients.size).toBe(1);
      expect((await acceptInvitation(w.deps, tokenInMail(w.mailer.to('new@example.com').at(-1)), { accountId: ACCOUNT })).status).toBe('accepted');
    },
  );

  it('invites a person without a cloud account: nothing to check in the registry, no account marked, a mail without an account', async () => {
    const w = world();

    const { client } = await addClient(w.deps, 'ptn_1', actor, { email: 'new.person@example.com' });

    expect(client).toMatchObject({ status: 'invited', email: 'new.person@example.com', invitation: { mail: 'sent' } });
    expect(client.accountId).toBeUndefined();
    expect(w.tables.invitation(client.invitation.id)?.accountId).toBeUndefined();
    expect(w.tables.markers.size).toBe(0);
    expect(w.mailer.sent[0]?.text).toContain('If you have no cloud account yet');
  });

  it('keeps the client when the mail fails and marks it failed', async () => {
    const w = world();
    w.mailer.refuse();

    const { client } = await addClient(w.deps, 'ptn_1', actor, { email: 'ivan@example.com', accountId: ACCOUNT });

    expect(client.invitation.mail).toBe('failed');
    expect(w.tables.client('ptn_1', client.id)).toMatchObject({ status: 'invited', invitation: { status: 'pending', mail: 'failed' } });
    expect(w.mailer.sent).toEqual([]);
  });

  it('of two concurrent additions of one account by one partner, stores one client and refuses the other as client_exists', async () => {
    const w = world();

    const results = await Promise.allSettled([
      addClient(w.deps, 'ptn_1', actor, { email: 'first@example.com', accountId: ACCOUNT }),
      addClient(w.deps, 'ptn_1', actor, { email: 'second@example.com', accountId: ACCOUNT }),
    ]);

    const [added, refused] = results[0]?.status === 'fulfilled' ? results : [results[1], results[0]];
    expect(added?.status).toBe('fulfilled');
    expect(refused).toMatchObject({ status: 'rejected', reason: { code: 'client_exists' } });
    expect([...w.tables.clients.values()].map((client) => client.status)).toEqual(['invited']);
    expect(w.mailer.sent).toHaveLength(1);
  });
});

describe('addClient, limits on invitations (issue 26)', () => {
  it('refuses a second pending invitation to one address (any case) with the pending client\'s id, and takes it again once that one closed', async () => {
    const w = world();
    const { client: first } = await addClient(w.deps, 'ptn_1', actor, { email: 'victim1@example.com' });
    const before = snapshotOf(w);

    await expect(addClient(w.deps, 'ptn_1', actor, { email: 'Victim1@Example.com', name: 'Another name' }))
      .rejects.toMatchObject({ constructor: ConflictError, code: 'invitation_pending', details: { clientId: first.id } });
    expect(snapshotOf(w)).toEqual(before);
    expect(w.mailer.to('victim1@example.com')).toHaveLength(1);

    const current = await w.clients.get('ptn_1', first.id);
    const invitation = await w.clients.getInvitation(first.invitation.id);
    await w.clients.save(closeInvitation(current!, invitation!, 'cancel', { at: w.clock.now(), actor, auditId: w.ids.next('aud') }));
    await expect(addClient(w.deps, 'ptn_1', actor, { email: 'victim1@example.com' })).resolves.toMatchObject({ created: true });
  });

  it('of two concurrent invitations to one address stores one; the other answers invitation_pending', async () => {
    const w = world();

    const answers = await Promise.allSettled([1, 2].map(() => addClient(w.deps, 'ptn_1', actor, { email: 'same@example.com' })));

    expect(answers.map((answer) => answer.status).sort()).toEqual(['fulfilled', 'rejected']);
    expect(answers.find((answer) => answer.status === 'rejected')).toMatchObject({ reason: { code: 'invitation_pending' } });
    expect([...w.tables.clients.values()].filter((client) => client.email === 'same@example.com')).toHaveLength(1);
  });

  it('lets another partner invite the same address', async () => {
    const w = world();
    addPartner(w, 'ptn_2', 'Other IT');
    await addClient(w.deps, 'ptn_1', actor, { email: 'shared@example.com' });

    await expect(addClient(w.deps, 'ptn_2', partnerActor('ptn_2'), { email: 'shared@example.com' })).resolves.toMatchObject({ created: true });
  });

  it('counts new invitations per partner per day: over the limit rate_limited (nothing stored, no mail), the next day again', async () => {
    const w = world();
    const deps = { ...w.deps, invitationsPerDay: 3 };
    for (const n of [1, 2, 3]) await addClient(deps, 'ptn_1', actor, { email: `c${n}@example.com` });
    const before = snapshotOf(w);

    await expect(addClient(deps, 'ptn_1', actor, { email: 'c4@example.com' })).rejects.toMatchObject({ code: 'rate_limited', details: { retryAfterSeconds: expect.any(Number) } });
    expect(snapshotOf(w)).toEqual(before);
    expect(w.mailer.to('c4@example.com')).toEqual([]);

    w.clock.advance(24 * 60 * 60 * 1000);
    await expect(addClient(deps, 'ptn_1', actor, { email: 'c4@example.com' })).resolves.toMatchObject({ created: true });
  });

  it('allows 200 new invitations a day by default', () => {
    expect(invitationLimit()).toEqual({ limit: DEFAULT_INVITATIONS_PER_DAY, windowMs: 24 * 60 * 60 * 1000 });
    expect(DEFAULT_INVITATIONS_PER_DAY).toBe(200);
  });
});

/** What the clients store holds, to compare before and after a refused request. */
function snapshotOf(w: InMemoryClientWorld) {
  return { clients: [...w.tables.clients.values()], invitations: [...w.tables.invitations.values()], invitees: [...w.tables.invitees], audit: [...w.tables.audit] };
}

import fc from 'fast-check';
import { acceptInvitation, declineInvitation, viewInvitation } from '../../../../../shared/domain/clients/answerInvitation';
import { addClient } from '../../../../../shared/domain/clients/addClient';
import { closeInvitation, renewInvitation } from '../../../../../shared/domain/clients/invitationChanges';
import { INVITATION_LIFETIME_MS } from '../../../../../shared/domain/clients/Invitation';
import { issueSecretToken } from '../../../../../shared/domain/clients/secretToken';
import { ConflictError, NotFoundError, NotPermittedError, RuleViolationError } from '../../../../../shared/domain/errors';
import {
  addPartner,
  type InMemoryClientWorld,
  inMemoryClientWorld,
  invite,
  partnerActor,
  storedClient,
} from '../../../../support/fakes/inMemoryClientWorld';

const ACCOUNT = 'acc-00000000000000000001';
const OTHER_ACCOUNT = 'acc-00000000000000000002';
const HOUR = 60 * 60 * 1000;

/** A world with partner `ptn_1` ("Volkova IT") and two registered accounts. */
function world(): InMemoryClientWorld {
  const w = inMemoryClientWorld();
  addPartner(w, 'ptn_1');
  w.accounts.register(ACCOUNT, OTHER_ACCOUNT);
  return w;
}

/** What nobody may change by a refused answer: the partner's clients, invitations, locks, markers and audit trail. */
const snapshot = (w: InMemoryClientWorld) => structuredClone({
  clients: [...w.tables.clients.values()],
  invitations: [...w.tables.invitations.values()],
  locks: [...w.tables.locks.entries()],
  markers: [...w.tables.markers.entries()],
  audit: w.tables.audit,
});

describe('acceptInvitation', () => {
  it('makes the client active and served from now on, takes the account, and answers the same link again with invitation_closed', async () => {
    const w = world();
    const { client, token } = await invite(w, 'ptn_1', { email: 'ivan@example.com', accountId: ACCOUNT });
    w.clock.advance(HOUR);

    const view = await acceptInvitation(w.deps, token, { accountId: ACCOUNT });

    expect(view).toEqual({ partnerName: 'Volkova IT', accountId: ACCOUNT, status: 'accepted', expiresAt: client.invitation.expiresAt });
    expect(w.tables.client('ptn_1', client.id)).toMatchObject({
      status: 'active', servedSince: w.clock.now(), updatedAt: w.clock.now(), version: 3, invitation: { status: 'accepted' },
    });
    expect(w.tables.invitation(client.invitation.id)).toMatchObject({ status: 'accepted', closedAt: w.clock.now(), version: 2 });
    expect(w.tables.locks.get(ACCOUNT)).toEqual({ partnerId: 'ptn_1', clientId: client.id });
    expect(w.tables.auditOf(client.id).map(({ action, before, after, actor }) => [action, before, after, actor])).toEqual([
      ['invite', null, 'invited', partnerActor('ptn_1')],
      ['accept', 'invited', 'active', { kind: 'invitee', id: client.id }],
    ]);
    expect(await w.clients.findForPartner('ptn_1', client.id)).toEqual({
      clientId: client.id, partnerId: 'ptn_1', accountId: ACCOUNT, status: 'active', servedSince: w.clock.now(),
    });
    const after = snapshot(w);
    for (const answer of [acceptInvitation, declineInvitation]) {
      await expect(answer(w.deps, token, { accountId: ACCOUNT }))
        .rejects.toMatchObject({ constructor: ConflictError, code: 'invitation_closed', details: { status: 'accepted' } });
    }
    expect(snapshot(w)).toEqual(after);
  });

  it('lets exactly one of many concurrent accepts of one link succeed; the others read the winner\'s answer', async () => {
    const w = world();
    const { client, token } = await invite(w, 'ptn_1', { email: 'ivan@example.com', accountId: ACCOUNT });

    const answers = await Promise.allSettled(Array.from({ length: 20 }, () => acceptInvitation(w.deps, token, { accountId: ACCOUNT })));

    expect(answers.filter((answer) => answer.status === 'fulfilled')).toHaveLength(1);
    for (const answer of answers) {
      if (answer.status === 'rejected') expect(answer.reason).toMatchObject({ constructor: ConflictError, code: 'invitation_closed' });
    }
    expect(w.tables.client('ptn_1', client.id)).toMatchObject({ status: 'active', version: 3 });
    expect(w.tables.auditOf(client.id).map((entry) => entry.action)).toEqual(['invite', 'accept']);
  });

  it('refuses while another partner\'s client serves the account (account_served), changing nothing', async () => {
    const w = world();
    addPartner(w, 'ptn_2', 'Other IT');
    const serving = await storedClient(w, 'ptn_2', 'active', ACCOUNT);
    const { token } = await invite(w, 'ptn_1', { email: 'ivan@example.com', accountId: ACCOUNT });
    const before = snapshot(w);

    await expect(acceptInvitation(w.deps, token, { accountId: ACCOUNT })).rejects.toMatchObject({ constructor: ConflictError, code: 'account_served' });

    expect(snapshot(w)).toEqual(before);
    expect(w.tables.locks.get(ACCOUNT)).toEqual({ partnerId: 'ptn_2', clientId: serving.id });
  });

  it('refuses when another partner\'s client takes the account between the read and the write, changing nothing', async () => {
    const w = world();
    addPartner(w, 'ptn_2', 'Other IT');
    const { token } = await invite(w, 'ptn_1', { email: 'ivan@example.com', accountId: ACCOUNT });
    const { token: othersToken } = await invite(w, 'ptn_2', { email: 'ivan@example.com', accountId: ACCOUNT });
    w.clients.beforeNextSave(async () => {
      await acceptInvitation(w.deps, othersToken, { accountId: ACCOUNT });
    });

    await expect(acceptInvitation(w.deps, token, { accountId: ACCOUNT })).rejects.toMatchObject({ code: 'account_served' });

    expect(w.tables.locks.get(ACCOUNT)?.partnerId).toBe('ptn_2');
    expect([...w.tables.clients.values()].map((client) => [client.partnerId, client.status])).toEqual([['ptn_1', 'invited'], ['ptn_2', 'active']]);
  });
});

describe('declineInvitation', () => {
  it('closes the invitation and makes the client declined without taking the account; the partner may invite it again', async () => {
    const w = world();
    const { client, token } = await invite(w, 'ptn_1', { email: 'ivan@example.com', accountId: ACCOUNT });

    expect(await declineInvitation(w.deps, token, { accountId: ACCOUNT })).toMatchObject({ status: 'declined', accountId: ACCOUNT });

    expect(w.tables.client('ptn_1', client.id)).toMatchObject({ status: 'declined', invitation: { status: 'declined' } });
    expect(w.tables.client('ptn_1', client.id)?.servedSince).toBeUndefined();
    expect(w.tables.invitation(client.invitation.id)).toMatchObject({ status: 'declined', closedAt: w.clock.now() });
    expect(w.tables.locks.size).toBe(0);
    expect(w.tables.auditOf(client.id).at(-1)).toMatchObject({ action: 'decline', before: 'invited', after: 'declined', actor: { kind: 'invitee', id: client.id } });
    await expect(acceptInvitation(w.deps, token, { accountId: ACCOUNT })).rejects.toMatchObject({ code: 'invitation_closed', details: { status: 'declined' } });
    expect(await addClient(w.deps, 'ptn_1', partnerActor('ptn_1'), { email: 'ivan@example.com', accountId: ACCOUNT }))
      .toMatchObject({ created: false, client: { id: client.id, status: 'invited' } });
  });
});

describe('answering an invitation', () => {
  it.each([
    ['accept', acceptInvitation],
    ['decline', declineInvitation],
  ] as const)('lets only the owner of the invited account %s: another account\'s owner holding the link gets wrong_account', async (_, answer) => {
    const w = world();
    const { token } = await invite(w, 'ptn_1', { email: 'ivan@example.com', accountId: ACCOUNT });
    const before = snapshot(w);

    await expect(answer(w.deps, token, { accountId: OTHER_ACCOUNT })).rejects.toMatchObject({ constructor: NotPermittedError, code: 'wrong_account' });

    expect(snapshot(w)).toEqual(before);
  });

  it.each([
    ['accept', acceptInvitation],
    ['decline', declineInvitation],
  ] as const)('refuses to %s a link past its expiry, before and after the job marked it, changing nothing', async (_, answer) => {
    const w = world();
    const { client, token } = await invite(w, 'ptn_1', { email: 'ivan@example.com', accountId: ACCOUNT });
    w.clock.advance(INVITATION_LIFETIME_MS);
    const overdue = snapshot(w);

    await expect(answer(w.deps, token, { accountId: ACCOUNT })).rejects.toMatchObject({ constructor: RuleViolationError, code: 'invitation_expired' });
    expect(snapshot(w)).toEqual(overdue);
    expect((await viewInvitation(w.deps, token)).status).toBe('expired');

    const current = await w.clients.get('ptn_1', client.id);
    const invitation = await w.clients.getInvitation(client.invitation.id);
    await w.clients.save(closeInvitation(current!, invitation!, 'expire', { at: w.clock.now(), actor: { kind: 'system', id: 'expireInvitations' }, auditId: 'aud_job' }));
    await expect(answer(w.deps, token, { accountId: ACCOUNT })).rejects.toMatchObject({ code: 'invitation_expired' });
    expect(w.tables.client('ptn_1', client.id)?.status).toBe('expired');
  });

  it('accepts a link one millisecond before its expiry', async () => {
    const w = world();
    const { token } = await invite(w, 'ptn_1', { email: 'ivan@example.com', accountId: ACCOUNT });
    w.clock.advance(INVITATION_LIFETIME_MS - 1);

    expect((await acceptInvitation(w.deps, token, { accountId: ACCOUNT })).status).toBe('accepted');
  });

  it('answers an unknown token as not found, and a token replaced by a resend as invitation_superseded', async () => {
    const w = world();
    const { client, token } = await invite(w, 'ptn_1', { email: 'ivan@example.com', accountId: ACCOUNT });
    const renewed = issueSecretToken();
    const current = await w.clients.get('ptn_1', client.id);
    const invitation = await w.clients.getInvitation(client.invitation.id);
    await w.clients.save(renewInvitation(current!, invitation!, renewed.hash, { at: w.clock.now(), actor: partnerActor('ptn_1'), auditId: 'aud_resend' }));

    await expect(acceptInvitation(w.deps, issueSecretToken().token, { accountId: ACCOUNT })).rejects.toBeInstanceOf(NotFoundError);
    await expect(acceptInvitation(w.deps, token, { accountId: ACCOUNT })).rejects.toMatchObject({ constructor: RuleViolationError, code: 'invitation_superseded' });
    expect(w.tables.client('ptn_1', client.id)?.status).toBe('invited');
    expect((await acceptInvitation(w.deps, renewed.token, { accountId: ACCOUNT })).status).toBe('accepted');
  });

  it('answers the link of a cancelled invitation with invitation_closed', async () => {
    const w = world();
    const { client, token } = await invite(w, 'ptn_1', { email: 'ivan@example.com', accountId: ACCOUNT });
    const current = await w.clients.get('ptn_1', client.id);
    const invitation = await w.clients.getInvitation(client.invitation.id);
    await w.clients.save(closeInvitation(current!, invitation!, 'cancel', { at: w.clock.now(), actor: partnerActor('ptn_1'), auditId: 'aud_cancel' }));

    await expect(acceptInvitation(w.deps, token, { accountId: ACCOUNT })).rejects.toMatchObject({ code: 'invitation_closed', details: { status: 'cancelled' } });
    expect(w.tables.locks.size).toBe(0);
  });
});

describe('concurrent answers', () => {
  it('let exactly one of the owner\'s answers win, refuse everyone else\'s, and leave client, invitation and lock agreeing with the winner', async () => {
    const answerers = fc.record({ action: fc.constantFrom('accept', 'decline'), owner: fc.boolean() });
    await fc.assert(fc.asyncProperty(fc.array(answerers, { minLength: 1, maxLength: 8 }), async (answers) => {
      const w = world();
      const { client, token } = await invite(w, 'ptn_1', { email: 'ivan@example.com', accountId: ACCOUNT });

      const settled = await Promise.allSettled(answers.map(({ action, owner }) =>
        (action === 'accept' ? acceptInvitation : declineInvitation)(w.deps, token, { accountId: owner ? ACCOUNT : OTHER_ACCOUNT })));

      const won = settled.flatMap((result, index) => (result.status === 'fulfilled' ? [answers[index]] : []));
      expect(won).toHaveLength(answers.some(({ owner }) => owner) ? 1 : 0);
      for (const [index, result] of settled.entries()) {
        if (result.status === 'rejected') expect(result.reason).toMatchObject({ code: answers[index]?.owner ? 'invitation_closed' : 'wrong_account' });
      }
      const stored = w.tables.client('ptn_1', client.id);
      const expected = won[0] ? (won[0].action === 'accept' ? ['active', 'accepted'] : ['declined', 'declined']) : ['invited', 'pending'];
      expect([stored?.status, w.tables.invitation(client.invitation.id)?.status]).toEqual(expected);
      expect(w.tables.locks.get(ACCOUNT)?.clientId).toBe(stored?.status === 'active' ? client.id : undefined);
      expect(w.tables.auditOf(client.id)).toHaveLength(won.length + 1);
    }), { numRuns: 40 });
  });
});

describe('an invitation sent without a cloud account', () => {
  it.each([
    ['without a verified e-mail', undefined],
    ['with another verified e-mail', 'stranger@example.com'],
    ['with a look-alike e-mail', 'new.person@example.com\u0301'],
  ] as const)('is refused to a console user %s (wrong_account, naming the address that must sign in), changing nothing', async (_, verifiedEmail) => {
    const w = world();
    const { token } = await invite(w, 'ptn_1', { email: 'new.person@example.com' });
    const before = snapshot(w);

    for (const answer of [acceptInvitation, declineInvitation]) {
      await expect(answer(w.deps, token, { accountId: OTHER_ACCOUNT, ...(verifiedEmail && { verifiedEmail }) })).rejects.toMatchObject({
        constructor: NotPermittedError, code: 'wrong_account', message: expect.stringContaining('new.person@example.com'), details: { email: 'new.person@example.com' },
      });
    }
    expect(snapshot(w)).toEqual(before);
  });

  it('takes the invited address in another case or Unicode form (as sign-up normalises it)', async () => {
    const w = world();
    const { token } = await invite(w, 'ptn_1', { email: 'jos\u00e9@example.com' });

    await expect(acceptInvitation(w.deps, token, { accountId: OTHER_ACCOUNT, verifiedEmail: ' JOSE\u0301@Example.com' })).resolves.toMatchObject({ status: 'accepted' });
  });

  it('binds the account of the owner who accepts: client, invitation, the partner\'s marker and the lock', async () => {
    const w = world();
    const { client, token } = await invite(w, 'ptn_1', { email: 'new.person@example.com' });
    expect((await viewInvitation(w.deps, token)).accountId).toBeUndefined();

    const view = await acceptInvitation(w.deps, token, { accountId: OTHER_ACCOUNT, verifiedEmail: 'New.Person@Example.com' });

    expect(view).toMatchObject({ status: 'accepted', accountId: OTHER_ACCOUNT });
    expect(w.tables.client('ptn_1', client.id)).toMatchObject({ status: 'active', accountId: OTHER_ACCOUNT });
    expect(w.tables.invitation(client.invitation.id)?.accountId).toBe(OTHER_ACCOUNT);
    expect((await w.clients.findByAccount('ptn_1', OTHER_ACCOUNT))?.id).toBe(client.id);
    expect(w.tables.locks.get(OTHER_ACCOUNT)).toEqual({ partnerId: 'ptn_1', clientId: client.id });
  });

  it('refuses to bind an account another partner\'s client serves (account_served), changing nothing', async () => {
    const w = world();
    addPartner(w, 'ptn_2', 'Other IT');
    await storedClient(w, 'ptn_2', 'active', OTHER_ACCOUNT);
    const { token } = await invite(w, 'ptn_1', { email: 'new.person@example.com' });
    const before = snapshot(w);

    await expect(acceptInvitation(w.deps, token, { accountId: OTHER_ACCOUNT, verifiedEmail: 'new.person@example.com' })).rejects.toMatchObject({ code: 'account_served' });

    expect(snapshot(w)).toEqual(before);
  });

  it('is declined without binding any account', async () => {
    const w = world();
    const { client, token } = await invite(w, 'ptn_1', { email: 'new.person@example.com' });

    await declineInvitation(w.deps, token, { accountId: OTHER_ACCOUNT, verifiedEmail: 'new.person@example.com' });

    expect(w.tables.client('ptn_1', client.id)).toMatchObject({ status: 'declined' });
    expect(w.tables.client('ptn_1', client.id)?.accountId).toBeUndefined();
    expect(w.tables.markers.size).toBe(0);
    expect(w.tables.locks.size).toBe(0);
  });

  it('takes the place of the partner\'s closed record of the owner\'s account, then refuses a second client of it (already_client)', async () => {
    const w = world();
    const earlier = await invite(w, 'ptn_1', { email: 'ivan@example.com', accountId: ACCOUNT });
    await declineInvitation(w.deps, earlier.token, { accountId: ACCOUNT });
    const first = await invite(w, 'ptn_1', { email: 'ivan@example.com' });

    await acceptInvitation(w.deps, first.token, { accountId: ACCOUNT, verifiedEmail: 'ivan@example.com' });

    expect((await w.clients.findByAccount('ptn_1', ACCOUNT))?.id).toBe(first.client.id);
    expect(w.tables.client('ptn_1', earlier.client.id)?.status).toBe('declined');
    const second = await invite(w, 'ptn_1', { email: 'ivan@example.com' });
    const before = snapshot(w);
    await expect(acceptInvitation(w.deps, second.token, { accountId: ACCOUNT, verifiedEmail: 'ivan@example.com' }))
      .rejects.toMatchObject({ constructor: ConflictError, code: 'already_client' });
    expect(snapshot(w)).toEqual(before);
  });

  it('of two such invitations accepted at once by one owner, binds one and refuses the other as already_client', async () => {
    const w = world();
    const first = await invite(w, 'ptn_1', { email: 'first@example.com' });
    const second = await invite(w, 'ptn_1', { email: 'second@example.com' });
    // Two pending invitations to one address, as stored before a partner could hold only one (issue 26).
    w.tables.putClient({ ...w.tables.client('ptn_1', second.client.id)!, email: 'first@example.com' });

    const owner = { accountId: ACCOUNT, verifiedEmail: 'first@example.com' };
    const answers = await Promise.allSettled([first, second].map(({ token }) => acceptInvitation(w.deps, token, owner)));

    expect(answers.map((answer) => answer.status).sort()).toEqual(['fulfilled', 'rejected']);
    expect(answers.find((answer) => answer.status === 'rejected')).toMatchObject({ reason: { code: 'already_client' } });
    const active = [...w.tables.clients.values()].filter((client) => client.status === 'active');
    expect(active.map((client) => client.accountId)).toEqual([ACCOUNT]);
    expect(w.tables.markerOf('ptn_1', ACCOUNT)).toBe(active[0]?.id);
  });
});

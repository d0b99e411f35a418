import { DynamoAuditTrail } from '../../shared/adapters/dynamodb/DynamoAuditTrail';
import { FixedClock } from '../../shared/domain/Clock';
import { acceptInvitation, declineInvitation, viewInvitation } from '../../shared/domain/clients/answerInvitation';
import { addClient } from '../../shared/domain/clients/addClient';
import { cancelInvitation } from '../../shared/domain/clients/cancelInvitation';
import { hashSecretToken } from '../../shared/domain/clients/secretToken';
import { RESEND_LIMIT, resendInvitation } from '../../shared/domain/clients/resendInvitation';
import { ConflictError, NotFoundError, NotPermittedError, RateLimitedError, RuleViolationError } from '../../shared/domain/errors';
import type { Mailer } from '../../shared/ports/Mailer';
import type { Partner } from '../../shared/domain/partners/Partner';
import {
  accountLock,
  clientTestDeps,
  createPartner,
  inviteClient,
  newCloudAccountId,
  partnerActor,
  registerCloudAccount,
  TEST_BASE_URL,
  tokenFromMail,
  uniqueClientEmail,
  ownerOf,
} from '../support/clientFixtures';
import { useLocalTables } from '../support/localTables';
import { mailsTo } from '../support/sesInbox';

const tables = useLocalTables();
const owner = (token: string) => ownerOf(tables.documentClient(), token);
const DAY = 24 * 60 * 60 * 1000;

const deps = (clock: FixedClock, mailer?: Mailer) => clientTestDeps(tables.documentClient(), clock, mailer);
const actorOf = partnerActor;

const invite = (clock: FixedClock, partner: Partner, details?: { email?: string; name?: string; accountId?: string }) =>
  inviteClient(tables.documentClient(), clock, partner, details);

const accountHolder = async (accountId: string) => (await accountLock(tables.documentClient(), accountId))?.partnerId;

describe('addClient', () => {
  it('stores the client as invited, mails a working single-use link, and stores only the token hash', async () => {
    const clock = new FixedClock('2026-03-01T10:00:00Z');
    const partner = await createPartner(tables.documentClient(), 'Volkova Cloud Integration');
    const { client, token, email, accountId } = await invite(clock, partner, { name: 'Ivan Petrov' });

    expect(client).toMatchObject({ partnerId: partner.partnerId, accountId, email, status: 'invited', invitation: { status: 'pending', mail: 'sent' } });
    expect(client.invitation.expiresAt.toISOString()).toBe('2026-03-08T10:00:00.000Z');
    const [mail] = await mailsTo(email);
    expect(mail?.subject).toBe('Volkova Cloud Integration invites you to their partner account');
    expect(mail?.body.text).toContain(`${TEST_BASE_URL}/invitations/${token}`);
    expect(mail?.body.text).toContain(accountId);

    const invitation = await deps(clock).clients.getInvitation(client.invitation.id);
    expect(invitation?.tokenHash).toBe(hashSecretToken(token));
    expect(JSON.stringify(invitation)).not.toContain(token);
    expect(await viewInvitation(deps(clock), token)).toEqual({
      partnerName: 'Volkova Cloud Integration', accountId, status: 'pending', expiresAt: client.invitation.expiresAt,
    });
    expect(await accountHolder(accountId)).toBeUndefined();
  });

  it('refuses an account the registry does not know, storing nothing', async () => {
    const clock = new FixedClock('2026-03-01T10:00:00Z');
    const partner = await createPartner(tables.documentClient());
    const accountId = newCloudAccountId();
    const email = uniqueClientEmail();

    await expect(addClient(deps(clock), partner.partnerId, actorOf(partner), { email, accountId }))
      .rejects.toMatchObject({ constructor: RuleViolationError, code: 'unknown_account' });
    expect(await deps(clock).clients.findByAccount(partner.partnerId, accountId)).toBeUndefined();
    expect(await mailsTo(email)).toHaveLength(0);
  });

  it('refuses the same account twice for one partner, yet lets another partner invite it too (invitations hold nothing)', async () => {
    const clock = new FixedClock('2026-03-01T10:00:00Z');
    const [first, second] = [await createPartner(tables.documentClient()), await createPartner(tables.documentClient())];
    const { client, accountId } = await invite(clock, first);

    await expect(addClient(deps(clock), first.partnerId, actorOf(first), { email: uniqueClientEmail(), accountId }))
      .rejects.toMatchObject({ constructor: ConflictError, code: 'client_exists', details: { clientId: client.id, status: 'invited' } });
    const { client: secondsClient } = await addClient(deps(clock), second.partnerId, actorOf(second), { email: uniqueClientEmail(), accountId });
    expect(secondsClient).toMatchObject({ status: 'invited', accountId });
    expect(await accountHolder(accountId)).toBeUndefined();
  });

  it('lets many partners invite one account, and exactly one of them serve it: the owner decides', async () => {
    const clock = new FixedClock('2026-03-01T10:00:00Z');
    const accountId = await registerCloudAccount(tables.documentClient());
    const partners = await Promise.all(Array.from({ length: 5 }, () => createPartner(tables.documentClient())));
    const invited = await Promise.all(partners.map((partner) => invite(clock, partner, { accountId })));

    const answers = await Promise.allSettled(invited.map(({ token }) => acceptInvitation(deps(clock), token, { accountId })));

    expect(answers.filter((answer) => answer.status === 'fulfilled')).toHaveLength(1);
    for (const answer of answers) {
      if (answer.status === 'rejected') expect(answer.reason).toMatchObject({ constructor: ConflictError, code: 'account_served' });
    }
    const winner = answers.findIndex((answer) => answer.status === 'fulfilled');
    expect(await accountHolder(accountId)).toBe(partners[winner]?.partnerId);
    for (const [i, { client }] of invited.entries()) {
      expect((await deps(clock).clients.get(partners[i]!.partnerId, client.id))?.status).toBe(i === winner ? 'active' : 'invited');
    }
  });

  it('invites a person with no cloud account: the link binds the account of the console user whose verified e-mail is the invited one', async () => {
    const clock = new FixedClock('2026-03-01T10:00:00Z');
    const partner = await createPartner(tables.documentClient());
    const email = uniqueClientEmail();
    const { client } = await addClient(deps(clock), partner.partnerId, actorOf(partner), { email, name: 'New Person' });
    expect(client).toMatchObject({ status: 'invited', email });
    expect(client.accountId).toBeUndefined();
    const token = tokenFromMail((await mailsTo(email)).at(-1)!);
    expect((await viewInvitation(deps(clock), token)).accountId).toBeUndefined();

    const newAccount = await registerCloudAccount(tables.documentClient());
    const stranger = await registerCloudAccount(tables.documentClient());
    await expect(acceptInvitation(deps(clock), token, { accountId: stranger, verifiedEmail: 'holder.of.the.link@example.com' }))
      .rejects.toMatchObject({ code: 'wrong_account', details: { email } });
    const accepted = await acceptInvitation(deps(clock), token, { accountId: newAccount, verifiedEmail: email.toUpperCase() });

    expect(accepted).toMatchObject({ status: 'accepted', accountId: newAccount });
    expect(await deps(clock).clients.get(partner.partnerId, client.id)).toMatchObject({ status: 'active', accountId: newAccount });
    expect((await deps(clock).clients.findByAccount(partner.partnerId, newAccount))?.id).toBe(client.id);
    expect(await accountHolder(newAccount)).toBe(partner.partnerId);
  });

  it('an identifier-less invitation replaces the partner\'s closed record of the account, and refuses a second client of it', async () => {
    const clock = new FixedClock('2026-03-01T10:00:00Z');
    const partner = await createPartner(tables.documentClient());
    const { client: earlier, token: earlierToken, accountId } = await invite(clock, partner);
    await declineInvitation(deps(clock), earlierToken, { accountId });
    const email = uniqueClientEmail();
    const byEmail = async () => {
      await addClient(deps(clock), partner.partnerId, actorOf(partner), { email });
      return tokenFromMail((await mailsTo(email)).at(-1)!);
    };
    const owner = { accountId, verifiedEmail: email };

    await acceptInvitation(deps(clock), await byEmail(), owner);
    const bound = await deps(clock).clients.findByAccount(partner.partnerId, accountId);
    expect(bound?.id).not.toBe(earlier.id);
    expect(bound?.status).toBe('active');
    await expect(acceptInvitation(deps(clock), await byEmail(), owner)).rejects.toMatchObject({ constructor: ConflictError, code: 'already_client' });
  });

  it('keeps the client when the mail fails, marks it, and a resend delivers a working link', async () => {
    const clock = new FixedClock('2026-03-01T10:00:00Z');
    const partner = await createPartner(tables.documentClient());
    const accountId = await registerCloudAccount(tables.documentClient());
    const email = uniqueClientEmail();
    const failing: Mailer = { send: async () => { throw new Error('SES is down'); } };

    const { client } = await addClient(deps(clock, failing), partner.partnerId, actorOf(partner), { email, accountId });
    expect(client.invitation.mail).toBe('failed');
    expect((await deps(clock).clients.get(partner.partnerId, client.id))?.invitation.mail).toBe('failed');
    expect(await mailsTo(email)).toHaveLength(0);

    const resent = await resendInvitation(deps(clock), partner.partnerId, client.id, actorOf(partner));
    expect(resent.invitation.mail).toBe('sent');
    const [mail] = await mailsTo(email);
    expect((await acceptInvitation(deps(clock), tokenFromMail(mail!), await owner(tokenFromMail(mail!)))).status).toBe('accepted');
  });
});

describe('acceptInvitation and declineInvitation', () => {
  it('accepting makes the client active, and the same link then answers "already accepted"', async () => {
    const clock = new FixedClock('2026-03-01T10:00:00Z');
    const partner = await createPartner(tables.documentClient());
    const { client, token } = await invite(clock, partner);
    clock.advance(DAY);

    expect(await acceptInvitation(deps(clock), token, await owner(token))).toMatchObject({ status: 'accepted', partnerName: partner.name });
    expect(await deps(clock).clients.get(partner.partnerId, client.id)).toMatchObject({ status: 'active', invitation: { status: 'accepted' } });
    await expect(acceptInvitation(deps(clock), token, await owner(token))).rejects.toMatchObject({ code: 'invitation_closed', details: { status: 'accepted' } });
    await expect(declineInvitation(deps(clock), token, await owner(token))).rejects.toMatchObject({ code: 'invitation_closed' });
    // Served since the acceptance: its partner sees the account's billing from then on.
    expect(await deps(clock).clients.findForPartner(partner.partnerId, client.id)).toEqual({
      clientId: client.id, partnerId: partner.partnerId, accountId: client.accountId, status: 'active', servedSince: clock.now(),
    });
  });

  it('lets exactly one of 50 concurrent accepts of the same link succeed', async () => {
    const clock = new FixedClock('2026-03-01T10:00:00Z');
    const partner = await createPartner(tables.documentClient());
    const { client, token } = await invite(clock, partner);
    clock.advance(1000);

    const accountOwner = await owner(token);
    const results = await Promise.allSettled(Array.from({ length: 50 }, () => acceptInvitation(deps(clock), token, accountOwner)));

    expect(results.filter((result) => result.status === 'fulfilled')).toHaveLength(1);
    for (const result of results) {
      if (result.status === 'rejected') expect(result.reason).toBeInstanceOf(ConflictError);
    }
    expect(await deps(clock).clients.get(partner.partnerId, client.id)).toMatchObject({ status: 'active', version: 3 });
    const trail = await new DynamoAuditTrail(tables.documentClient()).list(partner.partnerId, { clientId: client.id, limit: 100 });
    expect(trail.items.map((entry) => entry.action)).toEqual(['accept', 'invite']);
  });

  it('declining closes the invitation; another partner\'s invitation can then be accepted', async () => {
    const clock = new FixedClock('2026-03-01T10:00:00Z');
    const [first, second] = [await createPartner(tables.documentClient()), await createPartner(tables.documentClient())];
    const { client, token, accountId } = await invite(clock, first);

    expect((await declineInvitation(deps(clock), token, await owner(token))).status).toBe('declined');
    expect((await deps(clock).clients.get(first.partnerId, client.id))?.status).toBe('declined');
    const { token: secondsToken } = await invite(clock, second, { accountId });
    await acceptInvitation(deps(clock), secondsToken, { accountId });
    expect(await accountHolder(accountId)).toBe(second.partnerId);
  });

  it('only the owner of the invited account answers: a partner holding the link and its own mailbox cannot', async () => {
    const clock = new FixedClock('2026-03-01T10:00:00Z');
    const attacker = await createPartner(tables.documentClient());
    const victimAccount = await registerCloudAccount(tables.documentClient());
    const { client, token } = await invite(clock, attacker, { accountId: victimAccount, email: uniqueClientEmail() });
    const attackersOwnAccount = await registerCloudAccount(tables.documentClient());

    for (const answer of [acceptInvitation, declineInvitation]) {
      await expect(answer(deps(clock), token, { accountId: attackersOwnAccount }))
        .rejects.toMatchObject({ constructor: NotPermittedError, code: 'wrong_account' });
    }
    expect(await deps(clock).clients.get(attacker.partnerId, client.id)).toEqual(client);
    expect(await accountHolder(victimAccount)).toBeUndefined();
    const trail = await new DynamoAuditTrail(tables.documentClient()).list(attacker.partnerId, { clientId: client.id, limit: 10 });
    expect(trail.items.map((entry) => entry.action)).toEqual(['invite']);
  });

  it('refuses an expired link even before the expiry job has run, and an unknown one as not found', async () => {
    const clock = new FixedClock('2026-03-01T10:00:00Z');
    const partner = await createPartner(tables.documentClient());
    const { client, token } = await invite(clock, partner);
    clock.advance(7 * DAY);

    await expect(acceptInvitation(deps(clock), token, await owner(token))).rejects.toMatchObject({ constructor: RuleViolationError, code: 'invitation_expired' });
    expect((await deps(clock).clients.get(partner.partnerId, client.id))?.status).toBe('invited');
    await expect(acceptInvitation(deps(clock), 'x'.repeat(43), await owner(token))).rejects.toBeInstanceOf(NotFoundError);
  });
});

describe('resendInvitation', () => {
  it('issues a new link, the old one stops working, and the expiry restarts', async () => {
    const clock = new FixedClock('2026-03-01T10:00:00Z');
    const partner = await createPartner(tables.documentClient());
    const { client, token: oldToken, email } = await invite(clock, partner);
    clock.advance(2 * DAY);

    const resent = await resendInvitation(deps(clock), partner.partnerId, client.id, actorOf(partner));
    const newToken = tokenFromMail((await mailsTo(email)).at(-1)!);

    expect(newToken).not.toBe(oldToken);
    expect(resent.invitation).toMatchObject({ id: client.invitation.id, status: 'pending', expiresAt: new Date('2026-03-10T10:00:00Z') });
    await expect(acceptInvitation(deps(clock), oldToken, await owner(oldToken))).rejects.toMatchObject({ code: 'invitation_superseded' });
    expect((await acceptInvitation(deps(clock), newToken, await owner(newToken))).status).toBe('accepted');
  });

  it('allows a limited number of resends per client and then answers with the wait', async () => {
    const clock = new FixedClock('2026-03-01T10:00:00Z');
    const partner = await createPartner(tables.documentClient());
    const { client } = await invite(clock, partner);
    for (let i = 0; i < RESEND_LIMIT.limit; i += 1) await resendInvitation(deps(clock), partner.partnerId, client.id, actorOf(partner));

    const refused = resendInvitation(deps(clock), partner.partnerId, client.id, actorOf(partner));
    await expect(refused).rejects.toBeInstanceOf(RateLimitedError);
    await expect(refused).rejects.toMatchObject({ retryAfterSeconds: RESEND_LIMIT.windowMs / 1000 });
    clock.advance(RESEND_LIMIT.windowMs);
    await expect(resendInvitation(deps(clock), partner.partnerId, client.id, actorOf(partner))).resolves.toMatchObject({ status: 'invited' });
  });

  it('refuses to resend an invitation past its expiry even before the job marked it, changing nothing', async () => {
    const clock = new FixedClock('2026-03-01T10:00:00Z');
    const partner = await createPartner(tables.documentClient());
    const { client, token } = await invite(clock, partner);
    clock.advance(7 * DAY + 1000);

    await expect(resendInvitation(deps(clock), partner.partnerId, client.id, actorOf(partner)))
      .rejects.toMatchObject({ constructor: RuleViolationError, code: 'invitation_expired' });
    expect(await deps(clock).clients.get(partner.partnerId, client.id)).toEqual(client);
    await expect(acceptInvitation(deps(clock), token, await owner(token))).rejects.toMatchObject({ code: 'invitation_expired' });
  });

  it('refuses to resend once the client has answered', async () => {
    const clock = new FixedClock('2026-03-01T10:00:00Z');
    const partner = await createPartner(tables.documentClient());
    const { client, token } = await invite(clock, partner);
    await acceptInvitation(deps(clock), token, await owner(token));

    await expect(resendInvitation(deps(clock), partner.partnerId, client.id, actorOf(partner)))
      .rejects.toMatchObject({ code: 'invitation_closed', details: { status: 'accepted' } });
  });
});

describe('cancelInvitation', () => {
  it('withdraws the invitation, kills the link, and the same account can be invited again as the same client', async () => {
    const clock = new FixedClock('2026-03-01T10:00:00Z');
    const partner = await createPartner(tables.documentClient());
    const { client, token, accountId } = await invite(clock, partner);

    expect((await cancelInvitation(deps(clock), partner.partnerId, client.id, actorOf(partner))).status).toBe('cancelled');
    await expect(acceptInvitation(deps(clock), token, await owner(token))).rejects.toMatchObject({ code: 'invitation_closed', details: { status: 'cancelled' } });
    expect(await accountHolder(accountId)).toBeUndefined();

    const again = await invite(clock, partner, { accountId });
    expect(again.client).toMatchObject({ id: client.id, status: 'invited' });
    expect(again.client.invitation.id).not.toBe(client.invitation.id);
    await expect(acceptInvitation(deps(clock), token, await owner(token))).rejects.toMatchObject({ code: 'invitation_closed' });
    expect((await acceptInvitation(deps(clock), again.token, await owner(again.token))).status).toBe('accepted');
  });
});

describe('tenant isolation', () => {
  it('answers another partner\'s client as not found and changes nothing', async () => {
    const clock = new FixedClock('2026-03-01T10:00:00Z');
    const [owner, intruder] = [await createPartner(tables.documentClient()), await createPartner(tables.documentClient())];
    const { client, email } = await invite(clock, owner);

    expect(await deps(clock).clients.get(intruder.partnerId, client.id)).toBeUndefined();
    expect(await deps(clock).clients.findForPartner(intruder.partnerId, client.id)).toBeUndefined();
    await expect(cancelInvitation(deps(clock), intruder.partnerId, client.id, actorOf(intruder))).rejects.toBeInstanceOf(NotFoundError);
    await expect(resendInvitation(deps(clock), intruder.partnerId, client.id, actorOf(intruder))).rejects.toBeInstanceOf(NotFoundError);

    expect(await deps(clock).clients.get(owner.partnerId, client.id)).toEqual(client);
    expect(await mailsTo(email)).toHaveLength(1);
    expect((await new DynamoAuditTrail(tables.documentClient()).list(intruder.partnerId, { limit: 10 })).items).toEqual([]);
  });
});

import { acceptInvitation, declineInvitation } from '../../../../../shared/domain/clients/answerInvitation';
import { expireInvitations } from '../../../../../shared/domain/clients/expireInvitations';
import { PARTNER_NOTICE_LEASE_MS } from '../../../../../shared/domain/clients/notifyPartner';
import { resendInvitation } from '../../../../../shared/domain/clients/resendInvitation';
import { addPartner, type InMemoryClientWorld, inMemoryClientWorld, invite, partnerActor, tokenInMail, UNIT_BASE_URL } from '../../../../support/fakes/inMemoryClientWorld';

const ACCOUNT = 'acc-00000000000000000001';
const PARTNER_MAIL = 'ptn_1@partners.example.com';

/** A world with a Russian-reading partner `ptn_1` and a registered account. */
function world(): InMemoryClientWorld {
  const w = inMemoryClientWorld();
  addPartner(w, 'ptn_1', 'Volkova IT', 'ru');
  w.accounts.register(ACCOUNT);
  return w;
}

describe('the language of an invitation', () => {
  it('is the partner\'s by default, stored on the invitation', async () => {
    const w = world();
    const { client } = await invite(w, 'ptn_1', { email: 'ivan@example.com', accountId: ACCOUNT });

    const mail = w.mailer.to('ivan@example.com').at(-1);
    expect(mail?.subject).toBe('Приглашение стать клиентом партнёра Partnerdesk Cloud');
    expect(mail?.text).toContain(`${UNIT_BASE_URL}/invitations/`);
    expect(w.tables.invitation(client.invitation.id)?.language).toBe('ru');
  });

  it('is the one the partner chose for the client, and every resend keeps it', async () => {
    const w = world();
    const { client } = await invite(w, 'ptn_1', { email: 'ivan@example.com', accountId: ACCOUNT, language: 'en' });
    w.clock.advance(60_000);
    await resendInvitation({ ...w.deps, limits: { take: async () => undefined } }, 'ptn_1', client.id, partnerActor('ptn_1'));

    const [first, resent] = w.mailer.to('ivan@example.com');
    for (const mail of [first, resent]) {
      expect(mail?.subject).toBe('Invitation to become a client of a Partnerdesk Cloud partner');
      expect(mail?.html).toContain('<html lang="en">');
    }
    expect(tokenInMail(resent)).not.toBe(tokenInMail(first));
    expect(w.tables.invitation(client.invitation.id)?.language).toBe('en');
  });
});

describe('telling the partner of an answer', () => {
  it('mails the partner in its language when the owner accepts, once', async () => {
    const w = world();
    const { client, token } = await invite(w, 'ptn_1', { email: 'ivan@example.com', accountId: ACCOUNT, language: 'en' });

    await acceptInvitation(w.deps, token, { accountId: ACCOUNT });

    const [mail, ...more] = w.mailer.to(PARTNER_MAIL);
    expect(more).toEqual([]);
    expect(mail?.subject).toBe('Клиент принял приглашение');
    expect(mail?.text).toContain('ivan@example.com');
    expect(mail?.text).toContain(client.id);
    expect(mail?.html).toContain(`href="${UNIT_BASE_URL}/ru/clients"`);
    w.clock.advance(PARTNER_NOTICE_LEASE_MS);
    expect(await expireInvitations(w.deps)).toMatchObject({ notified: 0, failed: 0 });
    expect(w.mailer.to(PARTNER_MAIL)).toHaveLength(1);
  });

  it('mails the partner when the owner declines', async () => {
    const w = world();
    const { token } = await invite(w, 'ptn_1', { email: 'ivan@example.com', accountId: ACCOUNT });

    await declineInvitation(w.deps, token, { accountId: ACCOUNT });

    expect(w.mailer.to(PARTNER_MAIL).map((mail) => mail.subject)).toEqual(['Клиент отклонил приглашение']);
    const entry = w.tables.audit.find((candidate) => candidate.action === 'decline');
    expect(w.events.published).toEqual([{
      id: entry?.id, type: 'ClientInvitationDeclined', at: entry?.at,
      detail: { partnerId: 'ptn_1', clientId: entry?.clientId, invitationId: expect.any(String), accountId: ACCOUNT, declinedAt: entry?.at.toISOString() },
    }]);
  });

  it('publishes the acceptance once under the id of its audit entry, without the token', async () => {
    const w = world();
    const { client, token } = await invite(w, 'ptn_1', { email: 'ivan@example.com', accountId: ACCOUNT });

    await acceptInvitation(w.deps, token, { accountId: ACCOUNT });
    w.clock.advance(PARTNER_NOTICE_LEASE_MS);
    await expireInvitations(w.deps);

    const entry = w.tables.audit.find((candidate) => candidate.action === 'accept');
    expect(w.events.published).toEqual([{
      id: entry?.id, type: 'ClientInvitationAccepted', at: entry?.at,
      detail: { partnerId: 'ptn_1', clientId: client.id, invitationId: client.invitation.id, accountId: ACCOUNT, acceptedAt: entry?.at.toISOString() },
    }]);
    expect(JSON.stringify(w.events.published)).not.toContain(token);
  });

  it('keeps the answer when the mail fails, and the expiry job sends the notice once the lease ran out', async () => {
    const w = world();
    const { client, token } = await invite(w, 'ptn_1', { email: 'ivan@example.com', accountId: ACCOUNT });
    w.mailer.refuse();

    const view = await acceptInvitation(w.deps, token, { accountId: ACCOUNT });

    expect(view.status).toBe('accepted');
    expect(w.tables.client('ptn_1', client.id)?.status).toBe('active');
    expect(w.mailer.to(PARTNER_MAIL)).toEqual([]);
    w.mailer.refuse(false);
    expect(await expireInvitations(w.deps)).toMatchObject({ notified: 0 });
    w.clock.advance(PARTNER_NOTICE_LEASE_MS);
    expect(await expireInvitations(w.deps)).toMatchObject({ notified: 1, failed: 0 });
    expect(await expireInvitations(w.deps)).toMatchObject({ notified: 0, failed: 0 });
    expect(w.mailer.to(PARTNER_MAIL).map((mail) => mail.subject)).toEqual(['Клиент принял приглашение']);
    expect(w.events.published.map((event) => event.type)).toEqual(['ClientInvitationAccepted']);
  });

  it('keeps the notice owed while the bus refuses the event, and the expiry job publishes it with the same id', async () => {
    const w = world();
    const { token } = await invite(w, 'ptn_1', { email: 'ivan@example.com', accountId: ACCOUNT });
    w.events.refuseWhen(() => true);

    await acceptInvitation(w.deps, token, { accountId: ACCOUNT });
    w.events.refuseWhen(() => false);
    w.clock.advance(PARTNER_NOTICE_LEASE_MS);
    expect(await expireInvitations(w.deps)).toMatchObject({ notified: 1, failed: 0 });
    expect(await expireInvitations(w.deps)).toMatchObject({ notified: 0, failed: 0 });

    const entry = w.tables.audit.find((candidate) => candidate.action === 'accept');
    expect(w.events.published.map((event) => [event.type, event.id])).toEqual([['ClientInvitationAccepted', entry?.id]]);
  });
});

import { LocalEventStore } from '../../shared/adapters/local/LocalEventStore';
import { DynamoAuditTrail } from '../../shared/adapters/dynamodb/DynamoAuditTrail';
import { FixedClock } from '../../shared/domain/Clock';
import { acceptInvitation, viewInvitation } from '../../shared/domain/clients/answerInvitation';
import { addClient } from '../../shared/domain/clients/addClient';
import { EXPIRY_NOTICE_LEASE_MS, expireInvitations } from '../../shared/domain/clients/expireInvitations';
import { INVITATION_LIFETIME_MS, INVITATION_MAX_LIFE_MS } from '../../shared/domain/clients/Invitation';
import { resendInvitation } from '../../shared/domain/clients/resendInvitation';
import type { Mailer } from '../../shared/ports/Mailer';
import type { Partner } from '../../shared/domain/partners/Partner';
import { clientTestDeps, createPartner, inviteClient, partnerActor, uniqueClientEmail, ownerOf } from '../support/clientFixtures';
import { useLocalTables } from '../support/localTables';
import { mailsTo } from '../support/sesInbox';

const tables = useLocalTables();
const owner = (token: string) => ownerOf(tables.documentClient(), token);
const DAY = 24 * 60 * 60 * 1000;

const deps = (clock: FixedClock, mailer?: Mailer) => clientTestDeps(tables.documentClient(), clock, mailer);
const actorOf = partnerActor;

const invite = (clock: FixedClock, partner: Partner) => inviteClient(tables.documentClient(), clock, partner);

const expiredEventsFor = async (invitationId: string) =>
  (await new LocalEventStore(tables.documentClient()).published()).filter(
    (event) => event.type === 'ClientInvitationExpired' && event.detail.invitationId === invitationId,
  );

describe('expireInvitations', () => {
  it('expires an overdue invitation once: client expired, partner mailed once, one event, account released', async () => {
    const clock = new FixedClock('2026-03-01T10:00:00Z');
    const partner = await createPartner(tables.documentClient());
    const { client, token, accountId } = await invite(clock, partner);
    clock.advance(INVITATION_LIFETIME_MS);

    const first = await expireInvitations(deps(clock));
    const second = await expireInvitations(deps(clock));

    expect(first.expired).toBeGreaterThanOrEqual(1);
    expect(await deps(clock).clients.get(partner.partnerId, client.id)).toMatchObject({ status: 'expired', invitation: { status: 'expired' } });
    expect((await deps(clock).clients.getInvitation(client.invitation.id))?.status).toBe('expired');
    const partnerMails = await mailsTo(partner.email);
    expect(partnerMails.map((mail) => mail.subject)).toEqual(['An invitation to your client expired']);
    expect(partnerMails[0]?.body.text).toContain(client.id);
    expect(await expiredEventsFor(client.invitation.id)).toEqual([
      expect.objectContaining({
        id: `${client.invitation.id}.expired`,
        detail: expect.objectContaining({ partnerId: partner.partnerId, clientId: client.id, accountId }),
      }),
    ]);
    expect(second).toEqual({ expired: 0, notified: 0, failed: 0 });

    await expect(acceptInvitation(deps(clock), token, await owner(token))).rejects.toMatchObject({ code: 'invitation_expired' });
    expect((await viewInvitation(deps(clock), token)).status).toBe('expired');
    const trail = await new DynamoAuditTrail(tables.documentClient()).list(partner.partnerId, { clientId: client.id, limit: 10 });
    expect(trail.items[0]).toMatchObject({ action: 'expire', before: 'invited', after: 'expired', actor: { kind: 'system', id: 'expireInvitations' } });
    const other = await createPartner(tables.documentClient());
    await expect(addClient(deps(clock), other.partnerId, actorOf(other), { email: uniqueClientEmail(), accountId }))
      .resolves.toMatchObject({ created: true });
  });

  it('leaves invitations that are not yet due, answered, or renewed by a resend', async () => {
    const clock = new FixedClock('2026-03-01T10:00:00Z');
    const partner = await createPartner(tables.documentClient());
    const answered = await invite(clock, partner);
    const renewed = await invite(clock, partner);
    await acceptInvitation(deps(clock), answered.token, await owner(answered.token));
    clock.advance(INVITATION_LIFETIME_MS - DAY);
    await resendInvitation(deps(clock), partner.partnerId, renewed.client.id, actorOf(partner));
    clock.advance(DAY);

    await expireInvitations(deps(clock));

    expect((await deps(clock).clients.get(partner.partnerId, answered.client.id))?.status).toBe('active');
    expect((await deps(clock).clients.get(partner.partnerId, renewed.client.id))?.status).toBe('invited');
    expect(await mailsTo(partner.email)).toHaveLength(0);
  });

  it('never lets resends keep an invitation alive beyond 30 days from its first mail (issue 26)', async () => {
    const clock = new FixedClock('2026-03-01T10:00:00Z');
    const firstMail = clock.now().getTime();
    const partner = await createPartner(tables.documentClient());
    const { client } = await invite(clock, partner);
    const expiries: string[] = [];
    for (const days of [6, 6, 6, 6, 5]) {
      clock.advance(days * DAY);
      const renewed = await resendInvitation(deps(clock), partner.partnerId, client.id, actorOf(partner));
      expiries.push(renewed.invitation.expiresAt.toISOString());
    }

    expect(expiries).toEqual(['2026-03-14T10:00:00.000Z', '2026-03-20T10:00:00.000Z', '2026-03-26T10:00:00.000Z', '2026-03-31T10:00:00.000Z', '2026-03-31T10:00:00.000Z']);
    expect(new Date(expiries.at(-1)!).getTime()).toBe(firstMail + INVITATION_MAX_LIFE_MS);
    clock.advance(DAY); // day 30: the last link has just run out, and no resend revives it
    await expect(resendInvitation(deps(clock), partner.partnerId, client.id, actorOf(partner))).rejects.toMatchObject({ code: 'invitation_expired' });
    await expireInvitations(deps(clock));
    expect((await deps(clock).clients.get(partner.partnerId, client.id))?.status).toBe('expired');
  });

  it('tells the partner on a later run when the mail failed, and never silently drops the notice', async () => {
    const clock = new FixedClock('2026-03-01T10:00:00Z');
    const partner = await createPartner(tables.documentClient());
    const { client } = await invite(clock, partner);
    clock.advance(INVITATION_LIFETIME_MS);
    const failing: Mailer = { send: async () => { throw new Error('SES is down'); } };

    const failed = await expireInvitations(deps(clock, failing));
    expect(failed.failed).toBeGreaterThanOrEqual(1);
    expect((await deps(clock).clients.get(partner.partnerId, client.id))?.status).toBe('expired');
    expect(await mailsTo(partner.email)).toHaveLength(0);
    expect(await expiredEventsFor(client.invitation.id)).toEqual([]);

    clock.advance(EXPIRY_NOTICE_LEASE_MS);
    await expireInvitations(deps(clock));
    expect(await mailsTo(partner.email)).toHaveLength(1);
    expect(await expiredEventsFor(client.invitation.id)).toHaveLength(1);
  });
});

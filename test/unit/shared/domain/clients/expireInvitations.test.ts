import fc from 'fast-check';
import type { TimeBudget } from '../../../../../shared/domain/TimeBudget';
import { acceptInvitation, viewInvitation } from '../../../../../shared/domain/clients/answerInvitation';
import { expireInvitations } from '../../../../../shared/domain/clients/expireInvitations';
import { PARTNER_NOTICE_LEASE_MS } from '../../../../../shared/domain/clients/notifyPartner';
import { renewInvitation } from '../../../../../shared/domain/clients/invitationChanges';
import { INVITATION_LIFETIME_MS } from '../../../../../shared/domain/clients/Invitation';
import { issueSecretToken } from '../../../../../shared/domain/clients/secretToken';
import {
  addPartner,
  type InMemoryClientWorld,
  inMemoryClientWorld,
  invite,
  partnerActor,
} from '../../../../support/fakes/inMemoryClientWorld';

const ACCOUNT = 'acc-00000000000000000001';
const DAY = 24 * 60 * 60 * 1000;
const JOB = { kind: 'system', id: 'expireInvitations' } as const;

/** A world with partner `ptn_1` (mail `ptn_1@partners.example.com`) and a registered account. */
function world(): InMemoryClientWorld {
  const w = inMemoryClientWorld();
  addPartner(w, 'ptn_1');
  w.accounts.register(ACCOUNT);
  return w;
}

/** The mails the partner received. */
const partnerMails = (w: InMemoryClientWorld) => w.mailer.to('ptn_1@partners.example.com');

describe('expireInvitations', () => {
  it('expires an overdue invitation once: client and invitation expired, audit by the job, the partner mailed once, one event', async () => {
    const w = world();
    const { client, token } = await invite(w, 'ptn_1', { email: 'ivan@example.com', accountId: ACCOUNT });
    w.clock.advance(INVITATION_LIFETIME_MS);

    const first = await expireInvitations(w.deps);
    const second = await expireInvitations(w.deps);

    expect(first).toEqual({ expired: 1, notified: 1, failed: 0, oldestDueAt: client.invitation.expiresAt });
    expect(second).toEqual({ expired: 0, notified: 0, failed: 0 });
    expect(w.tables.client('ptn_1', client.id)).toMatchObject({ status: 'expired', invitation: { status: 'expired' } });
    expect(w.tables.invitation(client.invitation.id)).toMatchObject({ status: 'expired', closedAt: w.clock.now() });
    expect(w.tables.auditOf(client.id).at(-1)).toMatchObject({ action: 'expire', before: 'invited', after: 'expired', actor: JOB });
    const [mail, ...more] = partnerMails(w);
    expect(more).toEqual([]);
    expect(mail?.subject).toBe('An invitation to your client expired');
    expect(mail?.text).toContain(client.id);
    expect(mail?.text).toContain('ivan@example.com');
    expect(w.events.published).toEqual([{
      id: `${client.invitation.id}.expired`,
      type: 'ClientInvitationExpired',
      at: w.clock.now(),
      detail: {
        partnerId: 'ptn_1', clientId: client.id, invitationId: client.invitation.id, accountId: ACCOUNT,
        expiresAt: client.invitation.expiresAt.toISOString(), expiredAt: w.clock.now().toISOString(),
      },
    }]);
    expect(w.tables.due.size).toBe(0);
    await expect(acceptInvitation(w.deps, token, { accountId: ACCOUNT })).rejects.toMatchObject({ code: 'invitation_expired' });
    expect((await viewInvitation(w.deps, token)).status).toBe('expired');
  });

  it('leaves invitations not yet due, answered, or renewed by a resend', async () => {
    const w = world();
    const notYet = await invite(w, 'ptn_1', { email: 'later@example.com' });
    const answered = await invite(w, 'ptn_1', { email: 'answered@example.com', accountId: ACCOUNT });
    const renewed = await invite(w, 'ptn_1', { email: 'renewed@example.com' });
    await acceptInvitation(w.deps, answered.token, { accountId: ACCOUNT });
    w.clock.advance(DAY);
    const toRenew = await w.clients.get('ptn_1', renewed.client.id);
    const invitation = await w.clients.getInvitation(renewed.client.invitation.id);
    await w.clients.save(renewInvitation(toRenew!, invitation!, issueSecretToken().hash, { at: w.clock.now(), actor: partnerActor('ptn_1'), auditId: 'aud_resend' }));
    w.clock.advance(INVITATION_LIFETIME_MS - DAY);

    expect(await expireInvitations(w.deps)).toEqual({ expired: 1, notified: 1, failed: 0, oldestDueAt: notYet.client.invitation.expiresAt });

    expect(w.tables.client('ptn_1', notYet.client.id)?.status).toBe('expired');
    expect(w.tables.client('ptn_1', answered.client.id)?.status).toBe('active');
    expect(w.tables.client('ptn_1', renewed.client.id)?.status).toBe('invited');
    // The answered invitation's acceptance is published too (by its answer); only one invitation expired.
    expect(w.events.published.filter((event) => event.type === 'ClientInvitationExpired').map((event) => event.detail.clientId)).toEqual([notYet.client.id]);
  });

  it('does nothing a millisecond before the expiry', async () => {
    const w = world();
    const { client } = await invite(w, 'ptn_1', { email: 'ivan@example.com' });
    w.clock.advance(INVITATION_LIFETIME_MS - 1);

    expect(await expireInvitations(w.deps)).toEqual({ expired: 0, notified: 0, failed: 0 });
    expect(w.tables.client('ptn_1', client.id)?.status).toBe('invited');
  });

  it('loses to an answer written between its read and its write: the client stays accepted, the partner is told of the acceptance only', async () => {
    const w = world();
    const { client, token } = await invite(w, 'ptn_1', { email: 'ivan@example.com', accountId: ACCOUNT });
    w.clock.advance(INVITATION_LIFETIME_MS);
    // The owner's answer, sent a millisecond before the expiry, commits while the job is deciding.
    w.clients.beforeNextSave(async () => {
      w.clock.advance(-1);
      await acceptInvitation(w.deps, token, { accountId: ACCOUNT });
      w.clock.advance(1);
    });

    expect(await expireInvitations(w.deps)).toMatchObject({ expired: 0, notified: 0, failed: 0 });

    expect(w.tables.client('ptn_1', client.id)?.status).toBe('active');
    expect(w.tables.auditOf(client.id).map((entry) => entry.action)).toEqual(['invite', 'accept']);
    expect(partnerMails(w).map((mail) => mail.subject)).toEqual(['Your client accepted the invitation']);
    expect(w.events.published.map((event) => event.type)).toEqual(['ClientInvitationAccepted']);
  });

  it('tries every overdue invitation once per run when more than a page of them keep failing', async () => {
    const w = world();
    const invited = [];
    for (let index = 0; index < 101; index += 1) {
      invited.push((await invite(w, 'ptn_1', { email: `client${index}@example.com` })).client);
      w.clock.advance(1);
    }
    w.clock.advance(INVITATION_LIFETIME_MS);
    const broken = new Set(invited.slice(0, 100).map((client) => client.id));
    const save = w.clients.save.bind(w.clients);
    const attempts = new Map<string, number>();
    w.clients.save = async (change) => {
      attempts.set(change.after.id, (attempts.get(change.after.id) ?? 0) + 1);
      if (broken.has(change.after.id)) throw new Error('the clients table is unavailable');
      return save(change);
    };

    expect(await expireInvitations(w.deps)).toMatchObject({ expired: 1, notified: 1, failed: 100 });
    expect([...attempts.values()].every((count) => count === 1)).toBe(true);
    expect(attempts.size).toBe(101);
    expect(w.tables.client('ptn_1', invited[100]!.id)?.status).toBe('expired');
  });

  it('tells the partner on a run after the lease when the mail failed, and never drops the notice', async () => {
    const w = world();
    const { client } = await invite(w, 'ptn_1', { email: 'ivan@example.com' });
    w.clock.advance(INVITATION_LIFETIME_MS);
    w.mailer.refuse();

    expect(await expireInvitations(w.deps)).toMatchObject({ expired: 1, notified: 0, failed: 1 });
    expect(w.tables.client('ptn_1', client.id)?.status).toBe('expired');
    expect(w.events.published).toEqual([]);

    w.mailer.refuse(false);
    expect(await expireInvitations(w.deps)).toEqual({ expired: 0, notified: 0, failed: 0 });
    w.clock.advance(PARTNER_NOTICE_LEASE_MS);
    const retried = await expireInvitations(w.deps);

    expect(retried).toMatchObject({ expired: 0, notified: 1, failed: 0 });
    expect(partnerMails(w)).toHaveLength(1);
    expect(w.events.published.map((event) => event.id)).toEqual([`${client.invitation.id}.expired`]);
    expect(w.tables.due.size).toBe(0);
  });

  it('publishes the event on a later run when the bus failed, mailing the partner again (at least once)', async () => {
    const w = world();
    const { client } = await invite(w, 'ptn_1', { email: 'ivan@example.com' });
    w.clock.advance(INVITATION_LIFETIME_MS);
    w.events.refuseWhen(() => true);

    expect(await expireInvitations(w.deps)).toMatchObject({ expired: 1, notified: 0, failed: 1 });
    w.events.refuseWhen(() => false);
    w.clock.advance(PARTNER_NOTICE_LEASE_MS);
    expect(await expireInvitations(w.deps)).toMatchObject({ notified: 1, failed: 0 });

    expect(w.events.published.map((event) => event.id)).toEqual([`${client.invitation.id}.expired`]);
    expect(partnerMails(w)).toHaveLength(2);
  });

  it('expires exactly the overdue invitations, whatever their ages, tells the partner once about each, and then has nothing left', async () => {
    await fc.assert(fc.asyncProperty(fc.array(fc.integer({ min: 0, max: 2 * INVITATION_LIFETIME_MS }), { minLength: 1, maxLength: 10 }), async (ages) => {
      const w = world();
      const start = w.clock.now().getTime();
      const invited = [];
      for (const [index, age] of ages.entries()) {
        w.clock.set(new Date(start - age));
        invited.push({ age, ...(await invite(w, 'ptn_1', { email: `c${index}@example.com` })) });
      }
      w.clock.set(new Date(start));
      const overdue = invited.filter(({ age }) => age >= INVITATION_LIFETIME_MS);

      const run = await expireInvitations(w.deps);

      expect(run).toMatchObject({ expired: overdue.length, notified: overdue.length, failed: 0 });
      for (const { age, client } of invited) {
        expect(w.tables.client('ptn_1', client.id)?.status).toBe(age >= INVITATION_LIFETIME_MS ? 'expired' : 'invited');
      }
      expect(partnerMails(w)).toHaveLength(overdue.length);
      expect(w.events.published.map((event) => event.detail.clientId).sort()).toEqual(overdue.map(({ client }) => client.id).sort());
      expect(await expireInvitations(w.deps)).toEqual({ expired: 0, notified: 0, failed: 0 });
    }), { numRuns: 40 });
  });

  it('of two runs at once, expires each invitation once and tells the partner once', async () => {
    const w = world();
    const invited = [await invite(w, 'ptn_1', { email: 'a@example.com' }), await invite(w, 'ptn_1', { email: 'b@example.com' })];
    w.clock.advance(INVITATION_LIFETIME_MS);

    const runs = await Promise.all([expireInvitations(w.deps), expireInvitations(w.deps)]);

    expect(runs.reduce((sum, run) => sum + run.expired, 0)).toBe(2);
    expect(runs.reduce((sum, run) => sum + run.notified, 0)).toBe(2);
    expect(runs.every((run) => run.failed === 0)).toBe(true);
    expect(partnerMails(w)).toHaveLength(2);
    expect(w.events.published.map((event) => event.detail.clientId).sort()).toEqual(invited.map(({ client }) => client.id).sort());
    for (const { client } of invited) expect(w.tables.auditOf(client.id).map((entry) => entry.action)).toEqual(['invite', 'expire']);
  });
});

/** A budget with time for `checks` more looks, then none: what a run near its Lambda timeout sees. */
function budgetFor(checks: number): TimeBudget {
  let left = checks;
  return { hasTimeLeft: () => left-- > 0 };
}

describe('expireInvitations within a time budget', () => {
  it('stops taking invitations when the time is short and leaves the rest, untouched, to the next run', async () => {
    const w = world();
    const invited = [];
    for (const email of ['a@example.com', 'b@example.com', 'c@example.com']) invited.push(await invite(w, 'ptn_1', { email }));
    w.clock.advance(INVITATION_LIFETIME_MS);

    // One look before the page, one before each of two invitations, then the time is gone.
    const short = await expireInvitations(w.deps, budgetFor(3));
    const statusesAfterShortRun = invited.map(({ client }) => w.tables.client('ptn_1', client.id)?.status).sort();
    const next = await expireInvitations(w.deps);

    expect(short).toMatchObject({ expired: 2, notified: 0, failed: 0 });
    expect(statusesAfterShortRun).toEqual(['expired', 'expired', 'invited']);
    expect(next).toMatchObject({ expired: 1, notified: 3, failed: 0 });
    expect(partnerMails(w)).toHaveLength(3);
  });

  it('takes no work at all when it starts without time', async () => {
    const w = world();
    await invite(w, 'ptn_1', { email: 'a@example.com' });
    w.clock.advance(INVITATION_LIFETIME_MS);

    expect(await expireInvitations(w.deps, budgetFor(0))).toEqual({ expired: 0, notified: 0, failed: 0 });
  });
});

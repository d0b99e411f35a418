import { FixedClock } from '../../../../../shared/domain/Clock';
import { closeInvitation, inviteNewClient, reinviteClient, renewInvitation } from '../../../../../shared/domain/clients/invitationChanges';
import { InvalidTransitionError } from '../../../../../shared/domain/errors';

const DAY = 24 * 60 * 60 * 1000;
const partner = { kind: 'partner', id: 'usr_1' } as const;
const details = { accountId: 'acc-7f3k9q2m4x8b1n5c6v0z', email: 'ivan@example.com', name: 'Ivan', phone: '+74951234567' };

function invited(clock: FixedClock) {
  return inviteNewClient('ptn_1', 'cli_1', details, { id: 'inv_1', tokenHash: 'hash-1', partnerName: 'Volkova IT' }, {
    at: clock.now(), actor: partner, auditId: 'aud_1',
  });
}

describe('inviteNewClient', () => {
  it('creates an invited client with a pending invitation that expires in 7 days, and audits the creation', () => {
    const clock = new FixedClock('2026-03-01T10:00:00Z');
    const change = invited(clock);

    expect(change.before).toBeUndefined();
    expect(change.after).toMatchObject({
      id: 'cli_1', partnerId: 'ptn_1', status: 'invited', version: 1,
      invitation: { id: 'inv_1', status: 'pending', expiresAt: new Date('2026-03-08T10:00:00Z'), mail: 'pending' },
    });
    expect(change.invitation?.after).toMatchObject({ status: 'pending', tokenHash: 'hash-1', partnerName: 'Volkova IT', version: 1 });
    expect(change.audit).toEqual({
      id: 'aud_1', partnerId: 'ptn_1', clientId: 'cli_1', at: clock.now(), actor: partner, action: 'invite', before: null, after: 'invited',
    });
  });
});

describe('renewInvitation', () => {
  it('replaces the token hash, restarts the 7 days and bumps both versions', () => {
    const clock = new FixedClock('2026-03-01T10:00:00Z');
    const first = invited(clock);
    clock.advance(3 * DAY);
    const change = renewInvitation(first.after, first.invitation!.after, 'hash-2', { at: clock.now(), actor: partner, auditId: 'aud_2' });

    expect(change.invitation?.after).toMatchObject({ id: 'inv_1', status: 'pending', tokenHash: 'hash-2', version: 2 });
    expect(change.invitation?.after.expiresAt).toEqual(new Date('2026-03-11T10:00:00Z'));
    expect(change.after).toMatchObject({ status: 'invited', version: 2, invitation: { expiresAt: new Date('2026-03-11T10:00:00Z'), mail: 'pending' } });
    expect(change.audit).toMatchObject({ action: 'resend', before: 'invited', after: 'invited' });
  });
});

describe('renewInvitation, however often', () => {
  it('never moves the expiry beyond 30 days from the first issue', () => {
    const clock = new FixedClock('2026-03-01T10:00:00Z');
    const first = invited(clock);
    clock.advance(27 * DAY);
    const change = renewInvitation(first.after, first.invitation!.after, 'hash-2', { at: clock.now(), actor: partner, auditId: 'aud_2' });

    expect(change.invitation?.after.expiresAt).toEqual(new Date('2026-03-31T10:00:00Z'));
    expect(change.after.invitation.expiresAt).toEqual(new Date('2026-03-31T10:00:00Z'));
  });
});

describe('closeInvitation', () => {
  it.each([
    ['accept', 'active', 'accepted'],
    ['decline', 'declined', 'declined'],
    ['cancel', 'cancelled', 'cancelled'],
    ['expire', 'expired', 'expired'],
  ] as const)('%s moves the client to %s and closes the invitation as %s', (action, clientStatus, invitationStatus) => {
    const clock = new FixedClock('2026-03-01T10:00:00Z');
    const first = invited(clock);
    clock.advance(DAY);
    const change = closeInvitation(first.after, first.invitation!.after, action, { at: clock.now(), actor: partner, auditId: 'aud_2' });

    expect(change.after).toMatchObject({ status: clientStatus, version: 2, invitation: { status: invitationStatus } });
    expect(change.invitation?.after).toMatchObject({ status: invitationStatus, closedAt: clock.now(), version: 2 });
    expect(change.audit).toMatchObject({ action, before: 'invited', after: clientStatus });
  });

  it('records since when the partner serves the account on acceptance only, and a re-invitation forgets it', () => {
    const clock = new FixedClock('2026-03-01T10:00:00Z');
    const first = invited(clock);
    clock.advance(DAY);
    const accepted = closeInvitation(first.after, first.invitation!.after, 'accept', { at: clock.now(), actor: partner, auditId: 'aud_2' });
    const declined = closeInvitation(first.after, first.invitation!.after, 'decline', { at: clock.now(), actor: partner, auditId: 'aud_3' });

    expect(accepted.after.servedSince).toEqual(new Date('2026-03-02T10:00:00Z'));
    expect(declined.after.servedSince).toBeUndefined();
    const detached = { ...accepted.after, status: 'detached' as const };
    const again = reinviteClient(detached, details, { id: 'inv_2', tokenHash: 'hash-2', partnerName: 'Volkova IT' }, { at: clock.now(), actor: partner, auditId: 'aud_4' });
    expect(again.after.servedSince).toBeUndefined();
  });

  it('refuses to close an invitation twice, in the invitation\'s words (invitation_closed), never the state machine\'s', () => {
    const clock = new FixedClock('2026-03-01T10:00:00Z');
    const first = invited(clock);
    const accepted = closeInvitation(first.after, first.invitation!.after, 'accept', { at: clock.now(), actor: partner, auditId: 'aud_2' });
    expect(() => closeInvitation(accepted.after, accepted.invitation!.after, 'decline', { at: clock.now(), actor: partner, auditId: 'aud_3' }))
      .toThrow(expect.objectContaining({ code: 'invitation_closed', details: { status: 'accepted' } }));
  });

  it('answers invitation_closed when its reads straddle another answer: the invitation read pending, the client read after', () => {
    const clock = new FixedClock('2026-03-01T10:00:00Z');
    const first = invited(clock);
    const accepted = closeInvitation(first.after, first.invitation!.after, 'accept', { at: clock.now(), actor: partner, auditId: 'aud_2' });
    for (const action of ['accept', 'decline', 'cancel', 'expire'] as const) {
      expect(() => closeInvitation(accepted.after, first.invitation!.after, action, { at: clock.now(), actor: partner, auditId: 'aud_3' }))
        .toThrow(expect.objectContaining({ code: 'invitation_closed', details: { status: 'accepted' } }));
    }
    expect(() => renewInvitation(accepted.after, first.invitation!.after, 'hash-3', { at: clock.now(), actor: partner, auditId: 'aud_4' }))
      .toThrow(expect.objectContaining({ code: 'invitation_closed' }));
  });
});

describe('reinviteClient', () => {
  it('keeps the client id, takes the new contact details and issues a brand-new invitation', () => {
    const clock = new FixedClock('2026-03-01T10:00:00Z');
    const first = invited(clock);
    const declined = closeInvitation(first.after, first.invitation!.after, 'decline', { at: clock.now(), actor: partner, auditId: 'aud_2' });
    clock.advance(DAY);
    const change = reinviteClient(declined.after, { ...details, email: 'new@example.com', name: undefined }, {
      id: 'inv_2', tokenHash: 'hash-2', partnerName: 'Volkova IT',
    }, { at: clock.now(), actor: partner, auditId: 'aud_3' });

    expect(change.after).toMatchObject({ id: 'cli_1', email: 'new@example.com', name: undefined, status: 'invited', version: 3 });
    expect(change.after.invitation).toMatchObject({ id: 'inv_2', status: 'pending', mail: 'pending' });
    expect(change.invitation?.before).toBeUndefined();
    expect(change.audit).toMatchObject({ action: 'reinvite', before: 'declined', after: 'invited' });
  });

  it('refuses to re-invite a client whose invitation is still open', () => {
    const clock = new FixedClock('2026-03-01T10:00:00Z');
    const first = invited(clock);
    expect(() => reinviteClient(first.after, details, { id: 'inv_2', tokenHash: 'h', partnerName: 'P' }, {
      at: clock.now(), actor: partner, auditId: 'aud_2',
    })).toThrow(InvalidTransitionError);
  });
});

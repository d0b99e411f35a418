import { FixedClock } from '../../../../../shared/domain/Clock';
import {
  assertAnswerable,
  effectiveInvitationStatus,
  INVITATION_STATUSES,
  invitationExpiry,
  isOverdue,
  nextInvitationStatus,
} from '../../../../../shared/domain/clients/Invitation';
import { ConflictError, InvalidTransitionError, RuleViolationError } from '../../../../../shared/domain/errors';

describe('invitationExpiry', () => {
  it('is seven days after sending', () => {
    expect(invitationExpiry(new Date('2026-03-01T10:00:00Z')).toISOString()).toBe('2026-03-08T10:00:00.000Z');
  });
});

describe('nextInvitationStatus', () => {
  it('closes a pending invitation by each answer, and renewing keeps it pending', () => {
    expect(nextInvitationStatus('pending', 'accept')).toBe('accepted');
    expect(nextInvitationStatus('pending', 'decline')).toBe('declined');
    expect(nextInvitationStatus('pending', 'cancel')).toBe('cancelled');
    expect(nextInvitationStatus('pending', 'expire')).toBe('expired');
    expect(nextInvitationStatus('pending', 'renew')).toBe('pending');
  });

  it('never reopens or moves a closed invitation', () => {
    for (const status of INVITATION_STATUSES.filter((s) => s !== 'pending')) {
      for (const action of ['accept', 'decline', 'cancel', 'expire', 'renew'] as const) {
        expect(() => nextInvitationStatus(status, action)).toThrow(InvalidTransitionError);
      }
    }
  });
});

describe('isOverdue', () => {
  const clock = new FixedClock('2026-03-01T10:00:00Z');
  const invitation = { status: 'pending' as const, expiresAt: invitationExpiry(clock.now()) };

  it('becomes overdue exactly at the expiry instant, not a millisecond before', () => {
    clock.set(new Date(invitation.expiresAt.getTime() - 1));
    expect(isOverdue(invitation, clock.now())).toBe(false);
    clock.advance(1);
    expect(isOverdue(invitation, clock.now())).toBe(true);
  });

  it('only concerns pending invitations', () => {
    clock.set('2026-04-01T00:00:00Z');
    expect(isOverdue({ ...invitation, status: 'accepted' }, clock.now())).toBe(false);
    expect(effectiveInvitationStatus({ ...invitation, status: 'accepted' }, clock.now())).toBe('accepted');
    expect(effectiveInvitationStatus(invitation, clock.now())).toBe('expired');
  });
});

describe('assertAnswerable', () => {
  const expiresAt = new Date('2026-03-08T10:00:00Z');

  it('lets a pending invitation be answered before its expiry', () => {
    expect(() => assertAnswerable({ status: 'pending', expiresAt }, new Date('2026-03-08T09:59:59Z'))).not.toThrow();
  });

  it('refuses an overdue invitation as expired even before the job has marked it', () => {
    expect(() => assertAnswerable({ status: 'pending', expiresAt }, expiresAt)).toThrow(
      expect.objectContaining({ constructor: RuleViolationError, code: 'invitation_expired' }),
    );
    expect(() => assertAnswerable({ status: 'expired', expiresAt }, new Date('2026-03-01T00:00:00Z'))).toThrow(
      expect.objectContaining({ code: 'invitation_expired' }),
    );
  });

  it('refuses an answered or withdrawn invitation as closed, saying how it closed', () => {
    for (const status of ['accepted', 'declined', 'cancelled'] as const) {
      const attempt = () => assertAnswerable({ status, expiresAt }, new Date('2026-03-02T00:00:00Z'));
      expect(attempt).toThrow(ConflictError);
      expect(attempt).toThrow(expect.objectContaining({ code: 'invitation_closed', details: { status } }));
    }
  });
});

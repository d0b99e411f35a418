import {
  type ApplicationAction,
  type ApplicationStatus,
  assertTransition,
  CONTACT_DEADLINE_MS,
  isOverdue,
} from '../../../../../shared/domain/applications/PartnerApplication';
import { InvalidTransitionError } from '../../../../../shared/domain/errors';

const statuses: ApplicationStatus[] = ['new', 'escalated', 'contacted', 'approved', 'rejected'];

describe('PartnerApplication state machine', () => {
  const allowed: Record<ApplicationAction, ApplicationStatus[]> = {
    contact: ['new', 'escalated'],
    approve: ['contacted'],
    reject: ['new', 'escalated', 'contacted'],
    escalate: ['new'],
  };

  for (const [action, from] of Object.entries(allowed) as Array<[ApplicationAction, ApplicationStatus[]]>) {
    for (const status of statuses) {
      const ok = from.includes(status);
      it(`${ok ? 'allows' : 'refuses'} ${action} from ${status}`, () => {
        const act = () => assertTransition(status, action);
        if (ok) expect(act).not.toThrow();
        else expect(act).toThrow(InvalidTransitionError);
      });
    }
  }

  it('names the current status and the action in the refusal', () => {
    expect(() => assertTransition('approved', 'reject')).toThrow("Cannot reject a partner application in status 'approved'");
  });
});

describe('isOverdue', () => {
  const createdAt = new Date('2026-03-01T10:00:00Z');
  const contactDueAt = new Date(createdAt.getTime() + CONTACT_DEADLINE_MS);

  it('is not overdue one millisecond before 48 hours', () => {
    expect(isOverdue({ status: 'new', contactDueAt }, new Date(contactDueAt.getTime() - 1))).toBe(false);
  });

  it('is overdue at exactly 48 hours', () => {
    expect(isOverdue({ status: 'new', contactDueAt }, contactDueAt)).toBe(true);
  });

  it('is never overdue once a manager has touched it', () => {
    for (const status of ['contacted', 'approved', 'rejected', 'escalated'] as const) {
      expect(isOverdue({ status, contactDueAt }, new Date('2027-01-01T00:00:00Z'))).toBe(false);
    }
  });
});

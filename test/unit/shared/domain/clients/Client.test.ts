import { claimsAccount, CLIENT_STATUSES, type ClientStatus, type ClientTransition, holdsAccount, nextClientStatus } from '../../../../../shared/domain/clients/Client';
import { InvalidTransitionError } from '../../../../../shared/domain/errors';

/** The state machine as the issue states it, written out independently of the implementation. */
const EXPECTED: Record<ClientTransition, { from: ClientStatus[]; to: ClientStatus }> = {
  reinvite: { from: ['declined', 'cancelled', 'expired', 'detached'], to: 'invited' },
  resend: { from: ['invited'], to: 'invited' },
  accept: { from: ['invited'], to: 'active' },
  decline: { from: ['invited'], to: 'declined' },
  cancel: { from: ['invited'], to: 'cancelled' },
  expire: { from: ['invited'], to: 'expired' },
  block: { from: ['active'], to: 'blocked' },
  unblock: { from: ['blocked'], to: 'active' },
  detach: { from: ['invited', 'active', 'blocked', 'declined', 'cancelled', 'expired'], to: 'detached' },
};

describe('nextClientStatus', () => {
  for (const [action, { from, to }] of Object.entries(EXPECTED) as Array<[ClientTransition, { from: ClientStatus[]; to: ClientStatus }]>) {
    it(`allows ${action} only from ${from.join(', ')}, leading to ${to}`, () => {
      for (const status of CLIENT_STATUSES) {
        if (from.includes(status)) {
          expect(nextClientStatus(status, action)).toBe(to);
        } else {
          expect(() => nextClientStatus(status, action)).toThrow(InvalidTransitionError);
        }
      }
    });
  }

  it('explains a refused transition with the current status and the action', () => {
    expect(() => nextClientStatus('active', 'cancel')).toThrow(
      expect.objectContaining({ code: 'invalid_transition', details: { from: 'active', action: 'cancel' } }),
    );
  });
});

describe('holdsAccount', () => {
  it('holds the cloud account only while the client is served (active or blocked): an invitation holds nothing', () => {
    expect(CLIENT_STATUSES.filter(holdsAccount)).toEqual(['active', 'blocked']);
  });
});

describe('claimsAccount', () => {
  it('keeps a partner from adding an account it has invited or serves', () => {
    expect(CLIENT_STATUSES.filter(claimsAccount)).toEqual(['invited', 'active', 'blocked']);
  });
});

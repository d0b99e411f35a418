import {
  advanceClient,
  claimsAccount,
  type Client,
  CLIENT_STATUSES,
  type ClientStatus,
  type ClientTransition,
  holdsAccount,
  nextClientStatus,
} from '../../../../../shared/domain/clients/Client';
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

describe('advanceClient', () => {
  const client: Client = {
    id: 'cli_1', partnerId: 'ptn_1', accountId: 'acc_1', email: 'owner@example.com', status: 'active',
    createdAt: new Date('2026-03-01T10:00:00Z'), updatedAt: new Date('2026-03-01T10:00:00Z'), version: 4,
    servedSince: new Date('2026-03-01T10:00:00Z'),
    invitation: { id: 'inv_1', status: 'accepted', expiresAt: new Date('2026-03-08T10:00:00Z'), mail: 'sent' },
  };
  const at = new Date('2026-03-02T08:00:00Z');

  it('moves the client by the state machine, one version on, stamped with the time, the rest unchanged', () => {
    expect(advanceClient(client, 'block', at)).toEqual({ ...client, status: 'blocked', updatedAt: at, version: 5 });
  });

  it('applies the update (details, invitation summary) along with the move', () => {
    const moved = advanceClient(client, 'detach', at, { name: 'Nina', invitation: { ...client.invitation, mail: 'failed' } });
    expect(moved).toEqual({ ...client, name: 'Nina', invitation: { ...client.invitation, mail: 'failed' }, status: 'detached', updatedAt: at, version: 5 });
  });

  it('refuses a transition the state machine does not allow, changing nothing', () => {
    expect(() => advanceClient(client, 'accept', at)).toThrow(InvalidTransitionError);
    expect(client.version).toBe(4);
  });
});

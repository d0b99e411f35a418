import { CLIENT_STATUSES, type Client, type ClientStatus } from '../../../../../shared/domain/clients/Client';
import { inviteNewClient } from '../../../../../shared/domain/clients/invitationChanges';
import {
  CLIENT_OPERATIONS,
  type ClientOperation,
  clientFollowUp,
  clientOperationChange,
  decideClientOperation,
  FOLLOW_UP_GRACE_MS,
  planClientOperation,
  signInFor,
} from '../../../../../shared/domain/clients/decideClientOperation';
import { FixedClock } from '../../../../../shared/domain/Clock';

const partner = { kind: 'partner', id: 'usr_1' } as const;
const clock = new FixedClock('2026-03-01T10:00:00Z');

/** A freshly invited client, with its pending invitation. */
function invited(clientId = 'cli_1') {
  const change = inviteNewClient('ptn_1', clientId, { accountId: `acc-${clientId.padEnd(20, '0').slice(0, 20)}`, email: `${clientId}@example.com` }, {
    id: `inv_${clientId}`, tokenHash: `hash-${clientId}`, partnerName: 'Volkova IT',
  }, { at: clock.now(), actor: partner, auditId: `aud_${clientId}` });
  const invitation = change.invitation?.after;
  if (!invitation) throw new Error('no invitation');
  return { client: change.after, invitation };
}

/** A client in `status` (the invitation summary follows: pending only while invited). */
function inStatus(status: ClientStatus, clientId = 'cli_1'): Client {
  const { client } = invited(clientId);
  return { ...client, status, version: 3, invitation: { ...client.invitation, status: status === 'invited' ? 'pending' : 'accepted' } };
}

/** What each operation does from each status, written out independently of the implementation. */
const EXPECTED: Record<ClientOperation, Record<ClientStatus, string>> = {
  block: {
    invited: 'skipped:not_active', active: 'change:blocked', blocked: 'skipped:already_blocked',
    declined: 'skipped:not_active', cancelled: 'skipped:not_active', expired: 'skipped:not_active', detached: 'not_found',
  },
  unblock: {
    invited: 'skipped:not_blocked', active: 'skipped:already_active', blocked: 'change:active',
    declined: 'skipped:not_blocked', cancelled: 'skipped:not_blocked', expired: 'skipped:not_blocked', detached: 'not_found',
  },
  delete: {
    invited: 'change:detached', active: 'change:detached', blocked: 'change:detached',
    declined: 'change:detached', cancelled: 'change:detached', expired: 'change:detached', detached: 'not_found',
  },
};

describe('decideClientOperation', () => {
  for (const operation of CLIENT_OPERATIONS) {
    it(`decides ${operation} from every status as the table says`, () => {
      for (const status of CLIENT_STATUSES) {
        const decision = decideClientOperation(operation, inStatus(status));
        const summary = decision.kind === 'change' ? `change:${decision.to}` : decision.kind === 'skipped' ? `skipped:${decision.reason}` : 'not_found';
        expect(`${status} → ${summary}`).toBe(`${status} → ${EXPECTED[operation][status]}`);
      }
    });
  }

  it('answers not_found for a client it was not given (unknown, or another partner\'s)', () => {
    expect(decideClientOperation('block', undefined)).toEqual({ kind: 'not_found' });
  });
});

describe('planClientOperation', () => {
  it('previews each requested id in the order given, never revealing anything about ids it was not given', () => {
    const active = inStatus('active', 'cli_a');
    const blocked = inStatus('blocked', 'cli_b');

    const preview = planClientOperation('block', ['cli_x', 'cli_b', 'cli_a'], [active, blocked]);

    expect(preview).toEqual([
      { clientId: 'cli_x', outcome: 'not_found' },
      { clientId: 'cli_b', outcome: 'skipped', status: 'blocked', reason: 'already_blocked' },
      { clientId: 'cli_a', outcome: 'will_block', status: 'active' },
    ]);
  });

  it('says will_delete for clients a delete detaches', () => {
    expect(planClientOperation('delete', ['cli_1'], [inStatus('declined')])).toEqual([{ clientId: 'cli_1', outcome: 'will_delete', status: 'declined' }]);
  });
});

describe('clientOperationChange', () => {
  const context = { at: new Date('2026-03-02T08:00:00Z'), actor: partner, auditId: 'aud_op' };

  it('blocks an active client: new status and version, the invitation untouched, an audit entry', () => {
    const client = inStatus('active');
    const change = clientOperationChange('block', client, undefined, context);

    expect(change.before).toBe(client);
    expect(change.after).toEqual({ ...client, status: 'blocked', version: client.version + 1, updatedAt: context.at });
    expect(change.invitation).toBeUndefined();
    expect(change.audit).toEqual({
      id: 'aud_op', partnerId: 'ptn_1', clientId: client.id, at: context.at, actor: partner, action: 'block', before: 'active', after: 'blocked',
    });
  });

  it('deletes an invited client by cancelling its pending invitation in the same change', () => {
    const { client, invitation } = invited();
    const change = clientOperationChange('delete', client, invitation, context);

    expect(change.after).toMatchObject({ status: 'detached', version: client.version + 1, invitation: { id: invitation.id, status: 'cancelled' } });
    expect(change.invitation).toEqual({ before: invitation, after: { ...invitation, status: 'cancelled', closedAt: context.at, version: invitation.version + 1 } });
    expect(change.audit).toMatchObject({ action: 'detach', before: 'invited', after: 'detached' });
  });

  it('deletes an invited client without reading its invitation by closing it by id (written only while still pending)', () => {
    const { client, invitation } = invited();
    const change = clientOperationChange('delete', client, undefined, context);

    expect(change.after).toMatchObject({ status: 'detached', invitation: { id: invitation.id, status: 'cancelled' } });
    expect(change.invitation).toBeUndefined();
    expect(change.closesInvitation).toEqual({ id: invitation.id, status: 'cancelled', at: context.at });
  });

  it('refuses to delete an invited client with another invitation than its current one (it would leave the link working)', () => {
    const { client, invitation } = invited();
    expect(() => clientOperationChange('delete', client, { ...invitation, id: 'inv_other' }, context)).toThrow(/pending invitation/);
  });

  it('deletes an active client leaving its accepted invitation alone', () => {
    const change = clientOperationChange('delete', inStatus('active'), undefined, context);
    expect(change.after.status).toBe('detached');
    expect(change.invitation).toBeUndefined();
  });
});

describe('clientFollowUp', () => {
  const context = { at: new Date('2026-03-02T08:00:00Z'), actor: partner, auditId: 'aud_op' };

  it('carries the event with the audit entry id as its stable id, and is due after the grace period', () => {
    const client = inStatus('active');
    const followUp = clientFollowUp('block', clientOperationChange('block', client, undefined, context));

    expect(followUp).toEqual({
      id: 'aud_op', partnerId: 'ptn_1', clientId: client.id, accountId: client.accountId,
      event: {
        id: 'aud_op', type: 'ClientBlocked', at: context.at,
        detail: { partnerId: 'ptn_1', clientId: client.id, accountId: client.accountId, before: 'active', after: 'blocked', actor: 'partner' },
      },
      dueAt: new Date(context.at.getTime() + FOLLOW_UP_GRACE_MS),
    });
  });
});

describe('signInFor', () => {
  it('refuses the owner\'s console sign-in only while the client is blocked', () => {
    expect(CLIENT_STATUSES.filter((status) => signInFor(status) === 'refused')).toEqual(['blocked']);
  });
});

import fc from 'fast-check';
import type { Client } from '../../../../../shared/domain/clients/Client';
import { deliverDueFollowUps } from '../../../../../shared/domain/clients/clientFollowUps';
import {
  CLIENT_OPERATIONS,
  type ClientOperation,
  clientOperationChange,
  FOLLOW_UP_GRACE_MS,
} from '../../../../../shared/domain/clients/decideClientOperation';
import { closeInvitation } from '../../../../../shared/domain/clients/invitationChanges';
import { CONFIRMATION_LIFETIME_MS, CONFIRMATION_RESUMABLE_MS } from '../../../../../shared/domain/clients/operationConfirmation';
import {
  type ClientOperationRequest,
  confirmClientOperation,
  operationConfirmationId,
  previewClientOperation,
} from '../../../../../shared/domain/clients/runClientOperation';
import { hashSecretToken, issueSecretToken } from '../../../../../shared/domain/clients/secretToken';
import { ConflictError, RuleViolationError } from '../../../../../shared/domain/errors';
import { logger } from '../../../../../shared/observability/logger';
import {
  addPartner,
  type InMemoryClientWorld,
  inMemoryClientWorld,
  partnerActor,
  storedClient,
} from '../../../../support/fakes/inMemoryClientWorld';

const actor = partnerActor('ptn_1');

/** A world with partners `ptn_1` and `ptn_2`. */
function world(): InMemoryClientWorld {
  const w = inMemoryClientWorld();
  addPartner(w, 'ptn_1');
  addPartner(w, 'ptn_2', 'Other IT');
  return w;
}

/** The preview's token for `request` by `ptn_1` (fails the test when the preview has nothing to confirm). */
async function previewToken(w: InMemoryClientWorld, request: ClientOperationRequest): Promise<string> {
  const preview = await previewClientOperation(w.operationDeps, 'ptn_1', actor, request);
  if (!preview.confirmation) throw new Error('nothing to confirm');
  return preview.confirmation.token;
}

/** Preview, then confirm with the preview's token, as `ptn_1`. */
async function previewAndConfirm(w: InMemoryClientWorld, request: ClientOperationRequest) {
  return confirmClientOperation(w.operationDeps, 'ptn_1', actor, request, await previewToken(w, request));
}

/** Another request changes a stored client through the repository, as a concurrent confirmation would. */
async function changeMeanwhile(w: InMemoryClientWorld, client: Client, operation: ClientOperation): Promise<void> {
  const current = w.tables.client(client.partnerId, client.id);
  await w.clients.save(clientOperationChange(operation, current!, undefined, { at: w.clock.now(), actor, auditId: w.ids.next('aud') }));
}

/** Another writer moves the version of `ptn_1`'s client, leaving its state as it is: a write decided before loses its race. */
function moveVersion(w: InMemoryClientWorld, clientId: string): void {
  const current = w.tables.client('ptn_1', clientId)!;
  w.tables.putClient({ ...current, version: current.version + 1 });
}

/** The state a refused confirmation must leave alone. */
const snapshot = (w: InMemoryClientWorld) => structuredClone({
  clients: [...w.tables.clients.values()],
  invitations: [...w.tables.invitations.values()],
  locks: [...w.tables.locks.entries()],
  audit: w.tables.audit,
  events: w.events.published,
});

describe('previewClientOperation', () => {
  it('says per client what would happen and stores only the hash of a confirmation bound to partner, operation and clients; it changes nothing', async () => {
    const w = world();
    const active = await storedClient(w, 'ptn_1', 'active');
    const blocked = await storedClient(w, 'ptn_1', 'blocked');
    const before = snapshot(w);

    const preview = await previewClientOperation(w.operationDeps, 'ptn_1', actor, { operation: 'block', clientIds: [active.id, blocked.id, 'cli_unknown'] });

    expect(preview).toEqual({
      operation: 'block',
      clients: [
        { clientId: active.id, outcome: 'will_block', status: 'active' },
        { clientId: blocked.id, outcome: 'skipped', status: 'blocked', reason: 'already_blocked' },
        { clientId: 'cli_unknown', outcome: 'not_found' },
      ],
      confirmation: { token: expect.any(String), expiresAt: new Date(w.clock.now().getTime() + CONFIRMATION_LIFETIME_MS) },
    });
    expect(w.confirmations.all()).toEqual([expect.objectContaining({
      tokenHash: hashSecretToken(preview.confirmation?.token ?? ''), partnerId: 'ptn_1', operation: 'block', issuedBy: actor.id,
    })]);
    expect(JSON.stringify(w.confirmations.all())).not.toContain(preview.confirmation?.token);
    expect(snapshot(w)).toEqual(before);
  });

  it('issues no confirmation when nothing would change', async () => {
    const w = world();
    const blocked = await storedClient(w, 'ptn_1', 'blocked');

    const preview = await previewClientOperation(w.operationDeps, 'ptn_1', actor, { operation: 'block', clientIds: [blocked.id] });

    expect(preview.confirmation).toBeUndefined();
    expect(w.confirmations.all()).toEqual([]);
  });
});

describe('confirmClientOperation', () => {
  it('blocks a mix of clients, answering each in the order asked: done, skipped (why), not_found (unknown, another partner\'s, deleted)', async () => {
    const w = world();
    const [active, blocked, invited, others] = [
      await storedClient(w, 'ptn_1', 'active'), await storedClient(w, 'ptn_1', 'blocked'),
      await storedClient(w, 'ptn_1', 'invited'), await storedClient(w, 'ptn_2', 'active'),
    ];
    const deleted = await storedClient(w, 'ptn_1', 'active');
    await changeMeanwhile(w, deleted, 'delete');
    const clientIds = [others.id, active.id, 'cli_unknown', blocked.id, invited.id, deleted.id];

    const results = await previewAndConfirm(w, { operation: 'block', clientIds });

    expect(results).toEqual([
      { clientId: others.id, result: 'not_found' },
      { clientId: active.id, result: 'done', status: 'blocked', signIn: 'refused' },
      { clientId: 'cli_unknown', result: 'not_found' },
      { clientId: blocked.id, result: 'skipped', status: 'blocked', reason: 'already_blocked' },
      { clientId: invited.id, result: 'skipped', status: 'invited', reason: 'not_active' },
      { clientId: deleted.id, result: 'not_found' },
    ]);
    expect(w.tables.client('ptn_1', active.id)).toMatchObject({ status: 'blocked', version: active.version + 1, updatedAt: w.clock.now() });
    expect(w.tables.auditOf(active.id).at(-1)).toMatchObject({ action: 'block', before: 'active', after: 'blocked', actor });
    expect(w.tables.client('ptn_2', others.id)).toEqual(others);
    expect(w.tables.locks.get(active.accountId!)).toEqual({ partnerId: 'ptn_1', clientId: active.id });
    expect(w.events.published).toEqual([expect.objectContaining({
      type: 'ClientBlocked', detail: expect.objectContaining({ partnerId: 'ptn_1', clientId: active.id, before: 'active', after: 'blocked' }),
    })]);
    expect(w.tables.followUpGroupCount).toBe(0);
    expect(w.confirmations.all()[0]?.usedAt).toEqual(w.clock.now());
  });

  it('unblocks a blocked client: its sign-in is allowed again', async () => {
    const w = world();
    const blocked = await storedClient(w, 'ptn_1', 'blocked');

    expect(await previewAndConfirm(w, { operation: 'unblock', clientIds: [blocked.id] }))
      .toEqual([{ clientId: blocked.id, result: 'done', status: 'active', signIn: 'allowed' }]);
    expect(w.events.published.map((event) => event.type)).toEqual(['ClientUnblocked']);
  });

  it('deletes an invited client: detached, its pending invitation cancelled, nothing told to the sign-in gate', async () => {
    const w = world();
    const invited = await storedClient(w, 'ptn_1', 'invited');

    expect(await previewAndConfirm(w, { operation: 'delete', clientIds: [invited.id] }))
      .toEqual([{ clientId: invited.id, result: 'done', status: 'detached' }]);
    expect(w.tables.client('ptn_1', invited.id)).toMatchObject({ status: 'detached', invitation: { status: 'cancelled' } });
    expect(w.tables.invitation(invited.invitation.id)).toMatchObject({ status: 'cancelled', closedAt: w.clock.now() });
    expect(await w.clients.get('ptn_1', invited.id)).toBeUndefined();
    expect(w.events.published.map((event) => event.type)).toEqual(['ClientDetached']);
  });

  it('deletes a blocked client: the account is released and its owner may sign in again', async () => {
    const w = world();
    const blocked = await storedClient(w, 'ptn_1', 'blocked');

    expect(await previewAndConfirm(w, { operation: 'delete', clientIds: [blocked.id] }))
      .toEqual([{ clientId: blocked.id, result: 'done', status: 'detached', signIn: 'allowed' }]);
    expect(w.tables.locks.has(blocked.accountId!)).toBe(false);
    expect(w.tables.auditOf(blocked.id).at(-1)).toMatchObject({ action: 'detach', before: 'blocked', after: 'detached' });
  });

  describe('refuses a token that does not confirm exactly this, and changes nothing', () => {
    it.each([
      ['an unknown token', 'confirmation_invalid', async () => issueSecretToken().token],
      ['another partner\'s token', 'confirmation_invalid', async (w: InMemoryClientWorld, ids: string[]) => {
        const preview = await previewClientOperation(w.operationDeps, 'ptn_2', partnerActor('ptn_2'), { operation: 'block', clientIds: ids });
        return preview.confirmation?.token ?? '';
      }],
      ['a token for another operation', 'confirmation_mismatch', async (w: InMemoryClientWorld, ids: string[]) =>
        previewToken(w, { operation: 'delete', clientIds: ids })],
      ['a token for another set of clients', 'confirmation_mismatch', async (w: InMemoryClientWorld, ids: string[]) =>
        previewToken(w, { operation: 'block', clientIds: ids.slice(1) })],
      ['an expired token', 'confirmation_expired', async (w: InMemoryClientWorld, ids: string[]) => {
        const token = await previewToken(w, { operation: 'block', clientIds: ids });
        w.clock.advance(CONFIRMATION_LIFETIME_MS);
        return token;
      }],
    ])('%s: %s', async (_, code, tokenFor) => {
      const w = world();
      const clients = [await storedClient(w, 'ptn_1', 'active'), await storedClient(w, 'ptn_1', 'active')];
      const clientIds = clients.map((client) => client.id);
      const token = await tokenFor(w, clientIds);
      const before = snapshot(w);

      await expect(confirmClientOperation(w.operationDeps, 'ptn_1', actor, { operation: 'block', clientIds }, token))
        .rejects.toMatchObject({ constructor: RuleViolationError, code });

      expect(snapshot(w)).toEqual(before);
    });

    it('a token sent again answers the recorded results and the operation runs once; after an hour: confirmation_used', async () => {
      const w = world();
      const client = await storedClient(w, 'ptn_1', 'active');
      const request = { operation: 'block', clientIds: [client.id] } as const;
      const token = await previewToken(w, request);
      const first = await confirmClientOperation(w.operationDeps, 'ptn_1', actor, request, token);
      const after = snapshot(w);

      await expect(confirmClientOperation(w.operationDeps, 'ptn_1', actor, request, token)).resolves.toEqual(first);
      w.clock.advance(CONFIRMATION_RESUMABLE_MS + 1);
      await expect(confirmClientOperation(w.operationDeps, 'ptn_1', actor, request, token))
        .rejects.toMatchObject({ constructor: ConflictError, code: 'confirmation_used' });

      expect(snapshot(w)).toEqual(after);
      expect(w.tables.auditOf(client.id).map((entry) => entry.action)).toEqual(['invite', 'accept', 'block']);
    });
  });

  it('accepts the token for the same set of clients named in another order', async () => {
    const w = world();
    const [first, second] = [await storedClient(w, 'ptn_1', 'active'), await storedClient(w, 'ptn_1', 'active')];
    const token = await previewToken(w, { operation: 'block', clientIds: [first.id, second.id] });

    const results = await confirmClientOperation(w.operationDeps, 'ptn_1', actor, { operation: 'block', clientIds: [second.id, first.id] }, token);

    expect(results.map((result) => [result.clientId, result.result])).toEqual([[second.id, 'done'], [first.id, 'done']]);
  });

  it('decides again on the clients as they are at confirmation: one blocked meanwhile is skipped, one deleted meanwhile is not found', async () => {
    const w = world();
    const [blockedMeanwhile, deletedMeanwhile, untouched] = [
      await storedClient(w, 'ptn_1', 'active'), await storedClient(w, 'ptn_1', 'active'), await storedClient(w, 'ptn_1', 'active'),
    ];
    const request = { operation: 'block', clientIds: [blockedMeanwhile.id, deletedMeanwhile.id, untouched.id] } as const;
    const token = await previewToken(w, request);
    await changeMeanwhile(w, blockedMeanwhile, 'block');
    await changeMeanwhile(w, deletedMeanwhile, 'delete');

    const results = await confirmClientOperation(w.operationDeps, 'ptn_1', actor, request, token);

    expect(results).toEqual([
      { clientId: blockedMeanwhile.id, result: 'skipped', status: 'blocked', reason: 'already_blocked' },
      { clientId: deletedMeanwhile.id, result: 'not_found' },
      { clientId: untouched.id, result: 'done', status: 'blocked', signIn: 'refused' },
    ]);
    expect(w.tables.auditOf(blockedMeanwhile.id).filter((entry) => entry.action === 'block')).toHaveLength(1);
    expect(w.tables.client('ptn_1', deletedMeanwhile.id)?.status).toBe('detached');
  });

  it('re-reads and decides again, alone, a client whose write lost a race; the others are done', async () => {
    const w = world();
    const clients = [await storedClient(w, 'ptn_1', 'active'), await storedClient(w, 'ptn_1', 'active'), await storedClient(w, 'ptn_1', 'active')];
    const [raced] = clients;
    w.operations.before('saveAll', () => changeMeanwhile(w, raced!, 'block'));

    const results = await previewAndConfirm(w, { operation: 'block', clientIds: clients.map((client) => client.id) });

    expect(results).toEqual([
      { clientId: raced!.id, result: 'skipped', status: 'blocked', reason: 'already_blocked' },
      ...clients.slice(1).map((client) => ({ clientId: client.id, result: 'done', status: 'blocked', signIn: 'refused' })),
    ]);
    expect(w.tables.auditOf(raced!.id).filter((entry) => entry.action === 'block')).toHaveLength(1);
    expect(w.events.published.map((event) => event.detail.clientId)).toEqual(clients.slice(1).map((client) => client.id));
  });

  it('deletes a client blocked by a racing request from its new state: released, sign-in allowed again', async () => {
    const w = world();
    const active = await storedClient(w, 'ptn_1', 'active');
    w.operations.before('saveAll', () => changeMeanwhile(w, active, 'block'));

    const results = await previewAndConfirm(w, { operation: 'delete', clientIds: [active.id] });

    expect(results).toEqual([{ clientId: active.id, result: 'done', status: 'detached', signIn: 'allowed' }]);
    expect(w.tables.auditOf(active.id).slice(-2).map((entry) => [entry.before, entry.after])).toEqual([['active', 'blocked'], ['blocked', 'detached']]);
    expect(w.tables.locks.has(active.accountId!)).toBe(false);
  });

  it('deletes a client whose invitation was accepted while the delete was prepared, from its new state, leaving the invitation accepted', async () => {
    const w = world();
    const invited = await storedClient(w, 'ptn_1', 'invited');
    w.operations.before('saveAll', async () => {
      const client = w.tables.client('ptn_1', invited.id)!;
      const invitation = w.tables.invitation(invited.invitation.id)!;
      await w.clients.save(closeInvitation(client, invitation, 'accept', { at: w.clock.now(), actor: { kind: 'invitee', id: client.id }, auditId: 'aud_accept' }));
    });

    const results = await previewAndConfirm(w, { operation: 'delete', clientIds: [invited.id] });

    expect(results).toEqual([{ clientId: invited.id, result: 'done', status: 'detached' }]);
    expect(w.tables.auditOf(invited.id).map((entry) => entry.action)).toEqual(['invite', 'accept', 'detach']);
    expect(w.tables.invitation(invited.invitation.id)?.status).toBe('accepted');
    expect(w.tables.locks.has(invited.accountId!)).toBe(false);
  });

  it('reports concurrent_change for a client that keeps changing under it, and still does the others', async () => {
    const w = world();
    const [churning, calm] = [await storedClient(w, 'ptn_1', 'active'), await storedClient(w, 'ptn_1', 'active')];
    // Every write attempt finds a newer version: the decision stays, the race is always lost.
    for (let attempt = 0; attempt < 10; attempt += 1) {
      w.operations.before('saveAll', async () => {
        moveVersion(w, churning.id);
      });
    }

    const results = await previewAndConfirm(w, { operation: 'block', clientIds: [churning.id, calm.id] });

    expect(results).toEqual([
      { clientId: churning.id, result: 'failed', reason: 'concurrent_change' },
      { clientId: calm.id, result: 'done', status: 'blocked', signIn: 'refused' },
    ]);
    expect(w.tables.client('ptn_1', churning.id)?.status).toBe('active');
  });

  describe('a write that fails for another reason than a lost race', () => {
    let logged: jest.SpiedFunction<typeof logger.error>;
    beforeEach(() => {
      logged = jest.spyOn(logger, 'error');
    });
    afterEach(() => {
      logged.mockRestore();
    });

    /** The one log call the failure of `clientId` made, with its ids and error. */
    const failureLogged = (clientId: string, error: unknown) => [
      'client operation failed',
      { partnerId: 'ptn_1', clientId, operation: 'block', error },
    ];

    it('reports the client as failed (temporarily_unavailable), logs its error once, and does the others', async () => {
      const w = world();
      const [unavailable, fine] = [await storedClient(w, 'ptn_1', 'active'), await storedClient(w, 'ptn_1', 'active')];
      w.operations.unavailable.add(unavailable.id);

      const results = await previewAndConfirm(w, { operation: 'block', clientIds: [unavailable.id, fine.id] });

      expect(results).toEqual([
        { clientId: unavailable.id, result: 'failed', reason: 'temporarily_unavailable' },
        { clientId: fine.id, result: 'done', status: 'blocked', signIn: 'refused' },
      ]);
      expect(w.tables.client('ptn_1', unavailable.id)?.status).toBe('active');
      expect(w.tables.auditOf(unavailable.id).map((entry) => entry.action)).toEqual(['invite', 'accept']);
      expect(logged.mock.calls).toEqual([failureLogged(unavailable.id, expect.objectContaining({ name: 'ThrottlingException' }))]);
    });

    it('reports and logs once a client that lost a race and then failed to write on its own', async () => {
      const w = world();
      const [raced, fine] = [await storedClient(w, 'ptn_1', 'active'), await storedClient(w, 'ptn_1', 'active')];
      w.operations.before('saveAll', async () => {
        moveVersion(w, raced.id);
      });
      w.operations.before('saveAll', async () => {
        w.operations.unavailable.add(raced.id);
      });

      const results = await previewAndConfirm(w, { operation: 'block', clientIds: [raced.id, fine.id] });

      expect(results).toEqual([
        { clientId: raced.id, result: 'failed', reason: 'temporarily_unavailable' },
        { clientId: fine.id, result: 'done', status: 'blocked', signIn: 'refused' },
      ]);
      expect(logged.mock.calls).toEqual([failureLogged(raced.id, expect.objectContaining({ name: 'ThrottlingException' }))]);
    });

    it('reports and logs once the error that a client\'s write on its own throws', async () => {
      const w = world();
      const [raced, fine] = [await storedClient(w, 'ptn_1', 'active'), await storedClient(w, 'ptn_1', 'active')];
      const error = new Error('socket hang up');
      w.operations.before('saveAll', async () => {
        moveVersion(w, raced.id);
      });
      w.operations.before('saveAll', async () => {
        throw error;
      });

      const results = await previewAndConfirm(w, { operation: 'block', clientIds: [raced.id, fine.id] });

      expect(results).toEqual([
        { clientId: raced.id, result: 'failed', reason: 'temporarily_unavailable' },
        { clientId: fine.id, result: 'done', status: 'blocked', signIn: 'refused' },
      ]);
      expect(w.tables.client('ptn_1', raced.id)?.status).toBe('active');
      expect(logged.mock.calls).toEqual([failureLogged(raced.id, error)]);
    });
  });

  it('reports done while the event bus is down and keeps the follow-ups, which the job delivers once due', async () => {
    const w = world();
    const clients = [await storedClient(w, 'ptn_1', 'active'), await storedClient(w, 'ptn_1', 'active')];
    w.events.refuseWhen(() => true);

    const results = await previewAndConfirm(w, { operation: 'block', clientIds: clients.map((client) => client.id) });

    expect(results.map((result) => result.result)).toEqual(['done', 'done']);
    expect(w.events.published).toEqual([]);
    expect(await w.operations.dueFollowUps(w.clock.now(), 100)).toEqual([]);
    w.clock.advance(FOLLOW_UP_GRACE_MS);
    const owed = await w.operations.dueFollowUps(w.clock.now(), 100);
    expect(owed.map((followUp) => [followUp.clientId, followUp.event.type]).sort()).toEqual(clients.map((client) => [client.id, 'ClientBlocked']).sort());

    w.events.refuseWhen(() => false);
    expect(await deliverDueFollowUps({ ...w.operationDeps, operations: w.operations })).toMatchObject({ delivered: 2, failures: 0 });
    expect(w.events.published.map((event) => event.id)).toEqual(owed.map((followUp) => followUp.id));
    expect(w.tables.followUpGroupCount).toBe(0);
  });

  it('answers one result per distinct requested client, in the order asked, agreeing with the preview, whatever the mix of states', async () => {
    const kinds = ['invited', 'active', 'blocked', 'detached', 'others', 'unknown', 'lost_race'] as const;
    await fc.assert(fc.asyncProperty(
      fc.constantFrom(...CLIENT_OPERATIONS),
      fc.array(fc.constantFrom(...kinds), { minLength: 1, maxLength: 12 }),
      async (operation, mix) => {
        const w = world();
        const ids: string[] = [];
        const raced: Client[] = [];
        for (const kind of mix) {
          if (kind === 'unknown') {
            ids.push(w.ids.next('cli_unknown'));
          } else if (kind === 'others') {
            ids.push((await storedClient(w, 'ptn_2', 'active')).id);
          } else {
            const client = await storedClient(w, 'ptn_1', kind === 'detached' || kind === 'lost_race' ? 'active' : kind);
            if (kind === 'detached') await changeMeanwhile(w, client, 'delete');
            if (kind === 'lost_race') raced.push(client);
            ids.push(client.id);
          }
        }
        // Some ids twice: the answer names each client once.
        const clientIds = [...ids, ...ids.filter((_, index) => index % 3 === 0)];
        const preview = await previewClientOperation(w.operationDeps, 'ptn_1', actor, { operation, clientIds });
        if (!preview.confirmation) return;
        // A lost race only bumps the version (the mail status): the decision stays that of the preview.
        w.operations.before('saveAll', async () => {
          for (const client of raced) await w.clients.recordMailDelivery(w.tables.client('ptn_1', client.id)!, 'sent');
        });

        const results = await confirmClientOperation(w.operationDeps, 'ptn_1', actor, { operation, clientIds }, preview.confirmation.token);

        expect(results.map((result) => result.clientId)).toEqual([...new Set(clientIds)]);
        for (const [index, result] of results.entries()) {
          const planned = preview.clients[index];
          expect(planned?.clientId).toBe(result.clientId);
          const expected = planned?.outcome.startsWith('will_') ? 'done' : planned?.outcome;
          expect(result.result).toBe(expected);
          if (result.result === 'skipped') expect(result.reason).toBe(planned?.reason);
          if (result.result === 'done') expect(w.tables.client('ptn_1', result.clientId)?.status).toBe(result.status);
        }
        const done = results.filter((result) => result.result === 'done').map((result) => result.clientId);
        expect(w.events.published.map((event) => event.detail.clientId).sort()).toEqual([...done].sort());
      },
    ), { numRuns: 60 });
  });
});

describe('confirmClientOperation of a bulk operation', () => {
  /** Preview, then confirm as a bulk operation; the token too. */
  async function bulk(w: InMemoryClientWorld, request: ClientOperationRequest) {
    const token = await previewToken(w, request);
    return { token, results: await confirmClientOperation(w.operationDeps, 'ptn_1', actor, request, token, { bulk: true }) };
  }
  const completions = (w: InMemoryClientWorld) => w.events.published.filter((event) => event.type === 'BulkClientOperationCompleted');

  it('announces its completion once, under the confirmation id, with the operation and the count of clients per result, after the clients\' events', async () => {
    const w = world();
    const [active, blocked] = [await storedClient(w, 'ptn_1', 'active'), await storedClient(w, 'ptn_1', 'blocked')];
    const request = { operation: 'block', clientIds: [active.id, blocked.id, 'cli_unknown'] } as const;

    const { token } = await bulk(w, request);

    const id = operationConfirmationId(hashSecretToken(token));
    expect(id).toMatch(/^opc_[0-9a-f]{32}$/);
    expect(w.events.published.map((event) => event.type)).toEqual(['ClientBlocked', 'BulkClientOperationCompleted']);
    expect(completions(w)).toEqual([{
      id, type: 'BulkClientOperationCompleted', at: w.clock.now(),
      detail: {
        partnerId: 'ptn_1', operationId: id, operation: 'block', actor: 'partner', confirmedAt: w.clock.now().toISOString(), total: 3,
        counts: { done: 1, skipped: 1, notFound: 1, failed: 0 },
      },
    }]);
    expect(JSON.stringify(w.events.published)).not.toContain(token);
    expect(JSON.stringify(w.events.published)).not.toContain(hashSecretToken(token));
  });

  it('counts a client whose write failed as failed, and a resend that mends it announces nothing again', async () => {
    const w = world();
    const [unavailable, fine] = [await storedClient(w, 'ptn_1', 'active'), await storedClient(w, 'ptn_1', 'active')];
    w.operations.unavailable.add(unavailable.id);
    const request = { operation: 'block', clientIds: [unavailable.id, fine.id] } as const;
    const logged = jest.spyOn(logger, 'error').mockImplementation(() => undefined);

    const { token } = await bulk(w, request);
    w.operations.unavailable.clear();
    const again = await confirmClientOperation(w.operationDeps, 'ptn_1', actor, request, token, { bulk: true });
    logged.mockRestore();

    expect(again.map((result) => result.result)).toEqual(['done', 'done']);
    expect(completions(w).map((event) => event.detail.counts)).toEqual([{ done: 1, skipped: 0, notFound: 0, failed: 1 }]);
  });

  it('keeps the completion owed while the bus is down, and the follow-up job publishes it once', async () => {
    const w = world();
    const client = await storedClient(w, 'ptn_1', 'active');
    w.events.refuseWhen(() => true);

    const { token } = await bulk(w, { operation: 'block', clientIds: [client.id] });
    w.events.refuseWhen(() => false);
    w.clock.advance(FOLLOW_UP_GRACE_MS);
    await deliverDueFollowUps({ ...w.operationDeps, operations: w.operations });
    await deliverDueFollowUps({ ...w.operationDeps, operations: w.operations });

    expect(completions(w).map((event) => event.id)).toEqual([operationConfirmationId(hashSecretToken(token))]);
    expect(w.tables.followUpGroupCount).toBe(0);
  });

  it('is not announced for one client\'s operation (its own event says it all)', async () => {
    const w = world();
    const client = await storedClient(w, 'ptn_1', 'active');

    await previewAndConfirm(w, { operation: 'block', clientIds: [client.id] });

    expect(w.events.published.map((event) => event.type)).toEqual(['ClientBlocked']);
  });
});

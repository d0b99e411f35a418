import { confirmPartnerState, type PartnerStandingDeps, previewPartnerState } from '../../../../../shared/domain/partners/changePartnerState';
import { budgetUntil, completePartnerEnding, finishPartnerEndings, type PartnerEndingDeps } from '../../../../../shared/domain/partners/completePartnerEnding';
import { ConflictError, InvalidTransitionError, NotFoundError, RuleViolationError } from '../../../../../shared/domain/errors';
import { UNLIMITED_TIME } from '../../../../../shared/domain/TimeBudget';
import type { AccountDirectory } from '../../../../../shared/ports/AccountDirectory';
import { InMemoryPartnerRecords } from '../../../../support/fakes/InMemoryPartnerRecords';
import { InMemoryTeamStore } from '../../../../support/fakes/InMemoryTeamStore';
import { inMemoryClientWorld, storedClient } from '../../../../support/fakes/inMemoryClientWorld';

function department() {
  const world = inMemoryClientWorld();
  const partners = new InMemoryPartnerRecords(world.tables);
  const closed: string[] = [];
  const directory: AccountDirectory = {
    createPartnerLogin: async () => undefined, closePartnerLogin: async ({ email }) => void closed.push(email),
    reopenPartnerLogin: async () => undefined, findStaffLogin: async () => undefined, removePartnerLogin: async () => undefined,
  };
  const deps: PartnerStandingDeps = { partners, confirmations: world.confirmations, mailer: world.mailer, failures: world.failures, clock: world.clock, ids: world.ids };
  const team = new InMemoryTeamStore();
  const endingDeps: PartnerEndingDeps = { ...world.operationDeps, partners, endings: partners, team, directory };
  const partner = partners.add({ partnerId: 'ptn_a', name: 'Volkova IT', email: 'ptn_a@partners.example.com', applicationId: 'app_a', createdAt: world.clock.now(), language: 'en' });
  team.addPartner(partner);
  return { world, partners, deps, endingDeps, partner, closed, team };
}

const request = (action: 'suspend' | 'resume' | 'end', reason = 'Unpaid invoices') => ({ partnerId: 'ptn_a', action, reason });

describe('suspend / resume / end a partner', () => {
  it('previews a suspension with the clients it leaves untouched, and changes nothing', async () => {
    const { world, deps } = department();
    await storedClient(world, 'ptn_a', 'active');
    await storedClient(world, 'ptn_a', 'invited');

    const preview = await previewPartnerState(deps, request('suspend'), 'mgr_1');

    expect(preview).toMatchObject({
      action: 'suspend', to: 'suspended', partner: { state: 'active' },
      effects: [{ effect: 'partner_people_refused' }, { effect: 'clients_untouched', count: 2 }, { effect: 'partner_mailed' }],
      confirmation: { token: expect.any(String) },
    });
    expect((await deps.partners.get('ptn_a'))?.state).toBe('active');
    expect(world.mailer.sent).toEqual([]);
  });

  it('suspends on confirmation: audited with the manager and the reason, and the partner is mailed', async () => {
    const { world, deps, partners } = department();
    const { confirmation } = await previewPartnerState(deps, request('suspend'), 'mgr_1');

    const suspended = await confirmPartnerState(deps, request('suspend'), 'mgr_2', confirmation.token);

    expect(suspended).toMatchObject({ state: 'suspended', stateReason: 'Unpaid invoices', stateSince: world.clock.now(), version: 2 });
    expect(partners.audit).toEqual([expect.objectContaining({ managerId: 'mgr_2', action: 'suspend', before: 'active', after: 'suspended', reason: 'Unpaid invoices' })]);
    expect(world.mailer.to('ptn_a@partners.example.com').map((mail) => mail.subject)).toEqual(['Your partner account is suspended']);
  });

  it('refuses what the state does not allow, unknown partners, and a token for another action or partner', async () => {
    const { deps, partners, world } = department();
    partners.add({ partnerId: 'ptn_b', name: 'B', email: 'b@example.com', applicationId: 'app_b', createdAt: world.clock.now(), language: 'en' });
    await expect(previewPartnerState(deps, request('resume'), 'mgr_1')).rejects.toThrow(InvalidTransitionError);
    await expect(previewPartnerState(deps, { ...request('suspend'), partnerId: 'ptn_x' }, 'mgr_1')).rejects.toThrow(NotFoundError);
    const { confirmation } = await previewPartnerState(deps, request('suspend'), 'mgr_1');

    await expect(confirmPartnerState(deps, request('end'), 'mgr_1', confirmation.token)).rejects.toMatchObject({ code: 'confirmation_mismatch' });
    await expect(confirmPartnerState(deps, { ...request('suspend'), partnerId: 'ptn_b' }, 'mgr_1', confirmation.token)).rejects.toThrow(RuleViolationError);
    await confirmPartnerState(deps, request('suspend'), 'mgr_1', confirmation.token);
    await expect(previewPartnerState(deps, request('suspend'), 'mgr_1')).rejects.toMatchObject({ code: 'invalid_transition' });
    const fresh = await previewPartnerState(deps, request('resume'), 'mgr_1');
    await confirmPartnerState(deps, request('resume'), 'mgr_1', fresh.confirmation.token);
    const stale = await previewPartnerState(deps, request('suspend'), 'mgr_1');
    const other = await previewPartnerState(deps, request('end'), 'mgr_2');
    await confirmPartnerState(deps, request('end'), 'mgr_2', other.confirmation.token);
    await expect(confirmPartnerState(deps, request('suspend'), 'mgr_1', stale.confirmation.token)).rejects.toThrow(InvalidTransitionError);
  });

  it('spends a token once', async () => {
    const { deps } = department();
    const suspend = await previewPartnerState(deps, request('suspend'), 'mgr_1');
    await confirmPartnerState(deps, request('suspend'), 'mgr_1', suspend.confirmation.token);
    const resume = await previewPartnerState(deps, request('resume'), 'mgr_1');
    await confirmPartnerState(deps, request('resume'), 'mgr_1', resume.confirmation.token);

    await expect(confirmPartnerState(deps, request('suspend'), 'mgr_1', suspend.confirmation.token)).rejects.toThrow(ConflictError);
  });

  it('answers a repeated confirmation (its answer was lost) with the partner as it stands, changing and mailing nothing again', async () => {
    const { world, deps, partners } = department();
    const { confirmation } = await previewPartnerState(deps, request('suspend'), 'mgr_1');
    const first = await confirmPartnerState(deps, request('suspend'), 'mgr_1', confirmation.token);
    world.clock.advance(30_000);

    await expect(confirmPartnerState(deps, request('suspend'), 'mgr_1', confirmation.token)).resolves.toEqual(first);

    expect(partners.audit).toHaveLength(1);
    expect(world.mailer.to('ptn_a@partners.example.com')).toHaveLength(1);
  });

  it('goes on with a confirmation whose request stopped after spending the token, dated when it was spent', async () => {
    const { world, deps, partners } = department();
    const { confirmation } = await previewPartnerState(deps, request('suspend'), 'mgr_1');
    const spentAt = world.clock.now();
    const crashing = { ...deps, partners: Object.assign(Object.create(partners) as InMemoryPartnerRecords, { changeState: async () => { throw new Error('crashed'); } }) };
    await expect(confirmPartnerState(crashing, request('suspend'), 'mgr_1', confirmation.token)).rejects.toThrow('crashed');
    world.clock.advance(30_000);

    const suspended = await confirmPartnerState(deps, request('suspend'), 'mgr_1', confirmation.token);

    expect(suspended).toMatchObject({ state: 'suspended', stateSince: spentAt });
    expect(partners.audit).toEqual([expect.objectContaining({ at: spentAt, action: 'suspend' })]);
  });

  it('keeps the change when the mail fails, and logs it', async () => {
    const { deps } = department();
    const logged: Array<Readonly<Record<string, string>>> = [];
    const failing = {
      ...deps,
      mailer: { send: async () => { throw new Error('SES down'); } },
      failures: { record: async (_message: string, _error: unknown, ids: Readonly<Record<string, string>>) => void logged.push(ids) },
    };
    const { confirmation } = await previewPartnerState(failing, request('suspend'), 'mgr_1');

    await expect(confirmPartnerState(failing, request('suspend'), 'mgr_1', confirmation.token)).resolves.toMatchObject({ state: 'suspended' });
    expect((await deps.partners.get('ptn_a'))?.state).toBe('suspended');
    expect(logged).toEqual([{ partnerId: 'ptn_a', action: 'suspend' }]);
  });
});

describe('ending a partnership', () => {
  it('previews every consequence, then detaches every client, cancels pending invitations and closes every member\'s login', async () => {
    const { world, deps, endingDeps, partners, closed, team } = department();
    const before = await team.team('ptn_a');
    const member = { memberId: 'mbr_ops', email: 'ops@volkova.example', role: 'operations', invitedAt: world.clock.now(), invitedBy: before!.members[0]!.memberId } as const;
    await team.save({ before: before!, members: [...before!.members, member], added: member });
    const clients = [await storedClient(world, 'ptn_a', 'active'), await storedClient(world, 'ptn_a', 'blocked'), await storedClient(world, 'ptn_a', 'invited')];
    const preview = await previewPartnerState(deps, request('end'), 'mgr_1');
    expect(preview.effects).toEqual([
      { effect: 'clients_detached', count: 3 }, { effect: 'invitations_cancelled', count: 1 }, { effect: 'logins_closed' },
      { effect: 'record_read_only' }, { effect: 'email_reserved' }, { effect: 'partner_mailed' },
    ]);
    await confirmPartnerState(deps, request('end'), 'mgr_1', preview.confirmation.token);
    expect(await partners.unfinished(10)).toEqual([{ partnerId: 'ptn_a', endedBy: 'mgr_1' }]);

    const finished = await completePartnerEnding(endingDeps, { partnerId: 'ptn_a', endedBy: 'mgr_1' }, budgetUntil(world.clock, new Date(world.clock.now().getTime() + 5000)));

    expect(finished).toBe(true);
    expect(clients.map((client) => world.tables.client('ptn_a', client.id)?.status)).toEqual(['detached', 'detached', 'detached']);
    expect(world.tables.invitation(clients[2]!.invitation.id)?.status).toBe('cancelled');
    expect(world.tables.auditOf(clients[0]!.id).at(-1)).toMatchObject({ action: 'detach', actor: { kind: 'manager', id: 'mgr_1' } });
    expect(closed).toEqual(['ptn_a@partners.example.com', 'ops@volkova.example']);
    expect(await partners.unfinished(10)).toEqual([]);
    await expect(previewPartnerState(deps, request('resume'), 'mgr_1')).rejects.toThrow(InvalidTransitionError);
  });

  it('stops at its deadline with nothing half done, and the job finishes it', async () => {
    const { world, deps, endingDeps, partners, closed } = department();
    for (let i = 0; i < 30; i += 1) await storedClient(world, 'ptn_a', 'active');
    const preview = await previewPartnerState(deps, request('end'), 'mgr_1');
    await confirmPartnerState(deps, request('end'), 'mgr_1', preview.confirmation.token);

    expect(await completePartnerEnding(endingDeps, { partnerId: 'ptn_a', endedBy: 'mgr_1' }, budgetUntil(world.clock, world.clock.now()))).toBe(false);
    expect(closed).toEqual([]);
    const run = await finishPartnerEndings(endingDeps, UNLIMITED_TIME);

    expect(run).toEqual({ processed: 1, failed: 0 });
    expect([...world.tables.clients.values()].every((client) => client.status === 'detached')).toBe(true);
    expect((await partners.clientCounts(['ptn_a'])).get('ptn_a')).toMatchObject({ active: 0, detached: 30 });
    expect(closed).toEqual(['ptn_a@partners.example.com']);
  });

  it('leaves clients whose detach failed attached, the login open and the end queued; a later run finishes it', async () => {
    const { world, deps, endingDeps, partners, closed } = department();
    const clients = [];
    for (let i = 0; i < 4; i += 1) clients.push(await storedClient(world, 'ptn_a', 'active'));
    const preview = await previewPartnerState(deps, request('end'), 'mgr_1');
    await confirmPartnerState(deps, request('end'), 'mgr_1', preview.confirmation.token);
    world.operations.unavailable.add(clients[1]!.id);

    expect(await completePartnerEnding(endingDeps, { partnerId: 'ptn_a', endedBy: 'mgr_1' }, UNLIMITED_TIME)).toBe(false);
    expect(clients.map((client) => world.tables.client('ptn_a', client.id)?.status)).toEqual(['detached', 'active', 'detached', 'detached']);
    expect(closed).toEqual([]);
    expect(await partners.unfinished(10)).toEqual([{ partnerId: 'ptn_a', endedBy: 'mgr_1' }]);
    world.operations.unavailable.clear();

    expect(await finishPartnerEndings(endingDeps, UNLIMITED_TIME)).toEqual({ processed: 1, failed: 0 });
    expect(clients.map((client) => world.tables.client('ptn_a', client.id)?.status)).toEqual(['detached', 'detached', 'detached', 'detached']);
    expect(closed).toEqual(['ptn_a@partners.example.com']);
  });

  it('a repeated confirmation of the end answers the ended partner and goes on closing it', async () => {
    const { world, deps, endingDeps, partners } = department();
    await storedClient(world, 'ptn_a', 'active');
    const preview = await previewPartnerState(deps, request('end'), 'mgr_1');
    await confirmPartnerState(deps, request('end'), 'mgr_1', preview.confirmation.token);

    const again = await confirmPartnerState(deps, request('end'), 'mgr_1', preview.confirmation.token);

    expect(again.state).toBe('ended');
    expect(await completePartnerEnding(endingDeps, { partnerId: 'ptn_a', endedBy: 'mgr_1' }, UNLIMITED_TIME)).toBe(true);
    expect(partners.audit).toHaveLength(1);
  });
});

import { FixedClock } from '../../shared/domain/Clock';
import { ConcurrentChangeError } from '../../shared/domain/ConcurrentChange';
import { applyClientOperation } from '../../shared/domain/clients/runClientOperation';
import { decideApplication } from '../../shared/domain/applications/decideApplication';
import { submitApplication } from '../../shared/domain/applications/submitApplication';
import { recordContactAttempt, takeApplication } from '../../shared/domain/applications/workOnApplication';
import { DynamoApplicationQueries } from '../../shared/adapters/dynamodb/DynamoApplicationQueries';
import { DynamoPartnerRecords } from '../../shared/adapters/dynamodb/DynamoPartnerRecords';
import type { PartnerRecord } from '../../shared/domain/partners/Partner';
import { applicationForm, applicationTestDeps, uniqueEmail } from '../support/applicationFixtures';
import { clientOperationTestDeps, storedClient, storedClients } from '../support/clientOperationFixtures';
import { useLocalTables } from '../support/localTables';
import { useStreamConsumers } from '../support/streamConsumers';
import { RuleViolationError, InvalidTransitionError } from '../../shared/domain/errors';

const tables = useLocalTables();
const stream = useStreamConsumers();
const db = () => tables.documentClient();
const clock = () => new FixedClock('2026-03-01T10:00:00Z');

/** A partner admitted through the real approval transaction (which writes its index entries). */
async function approvedPartner(company: string, at: FixedClock): Promise<PartnerRecord> {
  const deps = applicationTestDeps(db(), at);
  const { application } = await submitApplication(deps, { ...applicationForm(uniqueEmail('dept')), company });
  await decideApplication(deps, application.id, 'mgr_1', { action: 'contact' });
  const approved = await decideApplication(deps, application.id, 'mgr_1', { action: 'approve' });
  const partner = await new DynamoPartnerRecords(db()).get(approved.partnerId ?? '');
  if (!partner) throw new Error('no partner after approval');
  return partner;
}

describe('DynamoPartnerRecords', () => {
  it('reads client counts per status as the clients\' change stream keeps them', async () => {
    const at = clock();
    const records = new DynamoPartnerRecords(db());
    const partner = await approvedPartner('Counting House', at);
    const active = await storedClients(db(), at, partner.partnerId, 'active', 12);
    await storedClient(db(), at, partner.partnerId, 'blocked');
    await storedClient(db(), at, partner.partnerId, 'invited');
    await applyClientOperation(clientOperationTestDeps(db(), at), partner.partnerId, { kind: 'manager', id: 'mgr_1' }, {
      operation: 'delete', clientIds: active.slice(0, 5).map((client) => client.id),
    });
    await stream.drain();

    const counts = (await records.clientCounts([partner.partnerId, 'ptn_without_clients']));

    expect(counts.get(partner.partnerId)).toEqual({ invited: 1, active: 7, blocked: 1, declined: 0, cancelled: 0, expired: 0, detached: 5 });
    expect(counts.get('ptn_without_clients')).toEqual({ invited: 0, active: 0, blocked: 0, declined: 0, cancelled: 0, expired: 0, detached: 0 });
    expect((await records.attachedClientIds(partner.partnerId, 100)).sort()).toHaveLength(9);
  });

  it('lists newest first, by state, by search (company word or e-mail start), and pages with signed cursors', async () => {
    // Later than every other partner of this file: the first two pages of every partner are these three.
    const at = new FixedClock('2026-06-01T10:00:00Z');
    const records = new DynamoPartnerRecords(db());
    const first = await approvedPartner('Ölberg Systems', at);
    at.advance(1000);
    const second = await approvedPartner('Olberg Cloud Integration', at);
    at.advance(1000);
    const third = await approvedPartner('Nimbus Olbergsen', at);

    const olberg = await records.list({ search: 'olberg', limit: 10 });
    expect(olberg.items.map((partner) => partner.partnerId)).toEqual([third.partnerId, second.partnerId, first.partnerId]);
    expect((await records.list({ search: 'OLBERG cl', limit: 10 })).items.map((p) => p.partnerId)).toEqual([second.partnerId]);
    expect((await records.list({ search: second.email.slice(0, 9), limit: 10 })).items.map((p) => p.partnerId)).toContain(second.partnerId);
    expect((await records.list({ search: 'olbergsen', limit: 10 })).items.map((p) => p.partnerId)).toEqual([third.partnerId]);

    const page1 = await records.list({ limit: 2 });
    expect(page1.items.map((p) => p.partnerId)).toEqual([third.partnerId, second.partnerId]);
    const page2 = await records.list({ limit: 2, cursor: page1.nextCursor });
    expect(page2.items.map((p) => p.partnerId)[0]).toBe(first.partnerId);
    await expect(records.list({ limit: 2, state: 'active', cursor: page1.nextCursor })).rejects.toMatchObject({ code: 'invalid_cursor' });
  });

  it('writes a state change onto the version read, with its audit entry, its state listing and the ending queue', async () => {
    const at = clock();
    const records = new DynamoPartnerRecords(db());
    const partner = await approvedPartner('Statewise', at);
    const audit = { id: 'pau_1', partnerId: partner.partnerId, at: at.now(), managerId: 'mgr_1', action: 'end', before: 'active', after: 'ended', reason: 'Fraud' } as const;
    const after: PartnerRecord = { ...partner, state: 'ended', stateSince: at.now(), stateReason: 'Fraud', version: partner.version + 1 };

    await records.changeState({ before: partner, after, audit, ending: true });
    await expect(records.changeState({ before: partner, after, audit: { ...audit, id: 'pau_2' }, ending: true })).rejects.toThrow(ConcurrentChangeError);

    expect(await records.get(partner.partnerId)).toEqual(after);
    expect((await records.list({ state: 'ended', limit: 100 })).items.map((p) => p.partnerId)).toContain(partner.partnerId);
    expect((await records.list({ state: 'active', limit: 100 })).items.map((p) => p.partnerId)).not.toContain(partner.partnerId);
    expect((await records.history(partner.partnerId, { limit: 10 })).items).toEqual([{ ...audit }]);
    expect(await records.recordedChange(partner.partnerId, audit.at, audit.id)).toEqual(audit);
    expect(await records.recordedChange(partner.partnerId, audit.at, 'pau_2')).toBeUndefined();
    expect(await records.unfinished(100)).toContainEqual({ partnerId: partner.partnerId, endedBy: 'mgr_1' });
    await records.finish(partner.partnerId);
    expect(await records.unfinished(100)).not.toContainEqual({ partnerId: partner.partnerId, endedBy: 'mgr_1' });
  });
});

describe('applications: taken, attempts recorded, searched', () => {
  it('a manager takes an application (mine), records attempts; only reaching the applicant stops the clock', async () => {
    const at = clock();
    const deps = { ...applicationTestDeps(db(), at) };
    const company = `Kestrel ${Date.now()} Networks`;
    const { application } = await submitApplication(deps, { ...applicationForm(uniqueEmail('kestrel')), company });
    const queries = new DynamoApplicationQueries(db());

    await takeApplication(deps, application.id, 'mgr_1');
    const taken = await takeApplication(deps, application.id, 'mgr_2');
    expect(taken).toMatchObject({ assignedTo: 'mgr_2' });
    expect((await queries.list({ heldBy: 'mgr_2', limit: 100 })).items.map((a) => a.id)).toContain(application.id);
    expect((await queries.list({ heldBy: 'mgr_1', limit: 100 })).items.map((a) => a.id)).not.toContain(application.id);

    const missed = await recordContactAttempt(deps, application.id, 'mgr_2', { note: 'No answer', reached: false });
    expect(missed).toMatchObject({ status: 'new', contactAttempts: [{ by: 'mgr_2', reached: false, note: 'No answer' }] });
    const reached = await recordContactAttempt(deps, application.id, 'mgr_2', { note: 'Spoke with Ann', reached: true });
    expect(reached).toMatchObject({ status: 'contacted', contactedBy: 'mgr_2' });
    expect(reached.contactAttempts).toHaveLength(2);
    at.advance(49 * 60 * 60 * 1000);
    expect((await deps.applications.overdue(at.now(), 1000)).map((a) => a.id)).not.toContain(application.id);

    expect((await queries.list({ search: company.split(' ')[1]!, limit: 10 })).items.map((a) => a.id)).toEqual([application.id]);
    await decideApplication(deps, application.id, 'mgr_2', { action: 'reject', reason: 'No' });
    await expect(takeApplication(deps, application.id, 'mgr_1')).rejects.toThrow(InvalidTransitionError);
    await expect(recordContactAttempt(deps, application.id, 'mgr_1', { note: 'x', reached: false })).rejects.toThrow(InvalidTransitionError);
  });

  it('keeps at most 100 attempts', async () => {
    const at = clock();
    const deps = applicationTestDeps(db(), at);
    const { application } = await submitApplication(deps, applicationForm(uniqueEmail('chatty')));
    for (let i = 0; i < 100; i += 1) await recordContactAttempt(deps, application.id, 'mgr_1', { note: `Try ${i}`, reached: false });
    await expect(recordContactAttempt(deps, application.id, 'mgr_1', { note: 'One more', reached: false })).rejects.toThrow(RuleViolationError);
  });
});

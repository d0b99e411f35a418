import { clientOperationChange } from '../../../../../shared/domain/clients/decideClientOperation';
import { editClient } from '../../../../../shared/domain/clients/editClient';
import { NotFoundError } from '../../../../../shared/domain/errors';
import { addPartner, type InMemoryClientWorld, inMemoryClientWorld, partnerActor, storedClient } from '../../../../support/fakes/inMemoryClientWorld';

const actor = { kind: 'partner', id: 'mbr_anna', email: 'anna@volkova.example' } as const;

function world(): InMemoryClientWorld {
  const w = inMemoryClientWorld();
  addPartner(w, 'ptn_1');
  addPartner(w, 'ptn_2');
  return w;
}

describe('editClient', () => {
  it('changes the name and phone one version on, and audits only the fields that moved, before and after, by the person', async () => {
    const w = world();
    const client = await storedClient(w, 'ptn_1', 'active');
    w.clock.advance(60_000);

    const edited = await editClient(w.deps, 'ptn_1', client.id, actor, { name: 'Olga Ivanova', phone: '+74951234567' });

    expect(edited).toEqual({ ...client, name: 'Olga Ivanova', phone: '+74951234567', updatedAt: w.clock.now(), version: client.version + 1 });
    expect(w.tables.client('ptn_1', client.id)).toEqual(edited);
    expect(w.tables.auditOf(client.id).at(-1)).toEqual({
      id: expect.stringMatching(/^aud_/), partnerId: 'ptn_1', clientId: client.id, at: w.clock.now(), actor, action: 'edit',
      before: 'active', after: 'active',
      changes: [{ field: 'name', before: null, after: 'Olga Ivanova' }, { field: 'phone', before: null, after: '+74951234567' }],
    });
  });

  it('clears a field given as null and leaves a field left out as it is', async () => {
    const w = world();
    const client = await storedClient(w, 'ptn_1', 'invited');
    await editClient(w.deps, 'ptn_1', client.id, actor, { name: 'Olga', phone: '+74951234567' });

    const cleared = await editClient(w.deps, 'ptn_1', client.id, actor, { phone: null });

    expect([cleared.name, cleared.phone]).toEqual(['Olga', undefined]);
    expect(w.tables.auditOf(client.id).at(-1)?.changes).toEqual([{ field: 'phone', before: '+74951234567', after: null }]);
  });

  it('writes nothing for values equal to the stored ones, or an empty edit: no version, no audit entry', async () => {
    const w = world();
    const client = await storedClient(w, 'ptn_1', 'active');
    const edited = await editClient(w.deps, 'ptn_1', client.id, actor, { name: 'Olga' });
    const auditBefore = w.tables.auditOf(client.id);

    await expect(editClient(w.deps, 'ptn_1', client.id, actor, { name: 'Olga' })).resolves.toEqual(edited);
    await expect(editClient(w.deps, 'ptn_1', client.id, actor, {})).resolves.toEqual(edited);
    await expect(editClient(w.deps, 'ptn_1', client.id, actor, { phone: null })).resolves.toEqual(edited);

    expect(w.tables.client('ptn_1', client.id)).toEqual(edited);
    expect(w.tables.auditOf(client.id)).toEqual(auditBefore);
  });

  it('answers not found for another partner\'s client, an unknown one and a deleted one, and changes nothing', async () => {
    const w = world();
    const other = await storedClient(w, 'ptn_2', 'active');
    const deleted = await storedClient(w, 'ptn_1', 'active');
    await w.clients.save(clientOperationChange('delete', deleted, undefined, { at: w.clock.now(), actor: partnerActor('ptn_1'), auditId: w.ids.next('aud') }));
    const stored = structuredClone([...w.tables.clients.values()]);

    for (const clientId of [other.id, 'cli_nobody', deleted.id]) {
      await expect(editClient(w.deps, 'ptn_1', clientId, actor, { name: 'Mallory' })).rejects.toBeInstanceOf(NotFoundError);
    }
    expect([...w.tables.clients.values()]).toEqual(stored);
  });

  it('applies on top of a change made meanwhile (a block), keeping that change', async () => {
    const w = world();
    const client = await storedClient(w, 'ptn_1', 'active');
    w.clients.beforeNextSave(async () => {
      const read = w.tables.client('ptn_1', client.id)!;
      await w.clients.save(clientOperationChange('block', read, undefined, { at: w.clock.now(), actor: partnerActor('ptn_1'), auditId: w.ids.next('aud') }));
    });

    const edited = await editClient(w.deps, 'ptn_1', client.id, actor, { name: 'Olga' });

    expect([edited.status, edited.name]).toEqual(['blocked', 'Olga']);
    expect(w.tables.auditOf(client.id).slice(-2).map((entry) => [entry.action, entry.after])).toEqual([['block', 'blocked'], ['edit', 'blocked']]);
  });
});

import { GetCommand } from '@aws-sdk/lib-dynamodb';
import { DynamoStaffPreferences } from '../../../shared/adapters/dynamodb/DynamoStaffPreferences';
import { partnerKey } from '../../../shared/adapters/dynamodb/partnerKeys';
import { physicalTableName } from '../../../shared/adapters/dynamodb/tables';
import { createPartner } from '../../support/clientFixtures';
import { useLocalTables } from '../../support/localTables';

const tables = useLocalTables();

describe('DynamoStaffPreferences', () => {
  it('reads and sets a partner\'s language on its partner item, keeping the rest of the item', async () => {
    const partner = await createPartner(tables.documentClient(), 'Lee IT', 'en');
    const preferences = new DynamoStaffPreferences(tables.documentClient());

    expect(await preferences.partner(partner.partnerId)).toEqual({ name: 'Lee IT', language: 'en' });
    expect(await preferences.setPartnerLanguage(partner.partnerId, 'ru')).toBe(true);

    expect(await preferences.partner(partner.partnerId)).toEqual({ name: 'Lee IT', language: 'ru' });
    const item = await tables.documentClient().send(new GetCommand({ TableName: physicalTableName('partners'), Key: partnerKey(partner.partnerId) }));
    expect(item.Item).toMatchObject({ partnerId: partner.partnerId, email: partner.email, applicationId: partner.applicationId, language: 'ru' });
  });

  it('never creates a partner when setting the language of an unknown one', async () => {
    const preferences = new DynamoStaffPreferences(tables.documentClient());

    expect(await preferences.setPartnerLanguage('ptn_unknown', 'en')).toBe(false);

    expect(await preferences.partner('ptn_unknown')).toBeUndefined();
  });

  it('keeps a manager\'s language apart from partners, undefined until chosen, last choice wins', async () => {
    const preferences = new DynamoStaffPreferences(tables.documentClient());

    expect(await preferences.managerLanguage('mgr_1')).toBeUndefined();
    await preferences.setManagerLanguage('mgr_1', 'en');
    await preferences.setManagerLanguage('mgr_1', 'ru');

    expect(await preferences.managerLanguage('mgr_1')).toBe('ru');
    expect(await preferences.managerLanguage('mgr_2')).toBeUndefined();
    expect(await preferences.partner('mgr_1')).toBeUndefined();
  });
});

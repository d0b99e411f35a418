import { physicalTableName, tableEnvVar, type TableName, tables, useLocalTableNames } from '../../../../../shared/adapters/dynamodb/tables';

describe('physicalTableName', () => {
  it('reads the table name the stack wired into TABLE_*', () => {
    const saved = process.env.TABLE_CLIENTS;
    process.env.TABLE_CLIENTS = 'Partnerdesk-prod-ClientsTable1234';
    try {
      expect(physicalTableName('clients')).toBe('Partnerdesk-prod-ClientsTable1234');
    } finally {
      process.env.TABLE_CLIENTS = saved;
    }
  });

  it('fails loudly when a function is not wired to a table, instead of using a default name', () => {
    const saved = process.env.TABLE_LEDGER;
    delete process.env.TABLE_LEDGER;
    try {
      expect(() => physicalTableName('ledger')).toThrow('TABLE_LEDGER is not set');
    } finally {
      process.env.TABLE_LEDGER = saved;
    }
  });
});

describe('useLocalTableNames', () => {
  it('names every table locally and keeps names already set', () => {
    const env: NodeJS.ProcessEnv = { TABLE_AUDIT: 'mine' };
    useLocalTableNames(env);
    for (const table of Object.keys(tables) as TableName[]) {
      expect(env[tableEnvVar(table)]).toBe(table === 'audit' ? 'mine' : `partnerdesk-${table}`);
    }
  });
});

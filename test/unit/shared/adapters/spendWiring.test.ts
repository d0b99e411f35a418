import {
  budgetDeps, budgetReadDeps, defaultBudgetDeps, ingestDeps, portfolioDeps, spendStore,
} from '../../../../shared/adapters/compositionRoot';
import { tableEnvVar, type TableName, tables } from '../../../../shared/adapters/dynamodb/tables';
import { routes } from '../../../../shared/routeTable';

/** Which composition-root function each spend control handler builds its dependencies with. */
const DEPS_OF: Record<string, () => unknown> = {
  getClientBudget: budgetReadDeps,
  setClientBudget: budgetDeps,
  removeClientBudget: budgetDeps,
  setBudgets: budgetDeps,
  setDefaultBudget: defaultBudgetDeps,
  removeDefaultBudget: defaultBudgetDeps,
  listBudgets: spendStore,
  listNotifications: spendStore,
  countUnreadNotifications: spendStore,
  markNotificationRead: spendStore,
  getPortfolio: portfolioDeps,
  listClientsBySpend: portfolioDeps,
  postBillingEvents: ingestDeps,
};

describe('spend control wiring', () => {
  const saved = { ...process.env };
  afterEach(() => {
    process.env = { ...saved };
  });

  it.each(Object.entries(DEPS_OF))('%s opens only the tables its route-table entry grants', (handler, deps) => {
    const route = routes.find((each) => each.handler === handler);
    expect(route).toBeDefined();
    for (const table of Object.keys(tables) as TableName[]) delete process.env[tableEnvVar(table)];
    for (const table of Object.keys(route!.uses.tables ?? {})) process.env[tableEnvVar(table as TableName)] = `wired-${table}`;
    // The stack sets these with `mail` and `events` (their adapters read them when built).
    if (route!.uses.events) process.env.EVENT_BUS_NAME = 'wired-bus';
    if (route!.uses.mail) process.env.MAIL_FROM = 'wired@partnerdesk.example';
    expect(deps).not.toThrow();
  });
});

import type { LedgerQueries } from '../../ports/BalanceLedger';
import type { ClientBatchStore } from '../../ports/ClientBatchStore';
import type { Page } from '../../ports/Page';
import type { BudgetStore } from '../../ports/SpendStore';
import type { Actor, ClientAuditEntry, PartnerSettingAuditEntry } from '../audit/AuditEntry';
import type { Client } from '../clients/Client';
import type { Clock } from '../Clock';
import { CurrencyMismatchError } from '../Money';
import { NotFoundError } from '../errors';
import type { IdGenerator } from '../IdGenerator';
import { type Budget, type BudgetSettings, checkedBudgetSettings } from './Budget';

/** What the budget use cases need. */
export interface BudgetDeps {
  readonly budgets: BudgetStore;
  readonly clients: Pick<ClientBatchStore, 'clientsByIds'>;
  readonly ledger: Pick<LedgerQueries, 'balances'>;
  readonly clock: Clock;
  readonly ids: IdGenerator;
}

/** Most clients one selection sets a budget on (the bulk operations' limit). */
export const MAX_BUDGET_SELECTION = 500;

/** What setting a budget did to one client of a selection. */
export type BudgetResult =
  | { readonly clientId: string; readonly result: 'set' }
  | { readonly clientId: string; readonly result: 'not_found' }
  | { readonly clientId: string; readonly result: 'skipped'; readonly reason: 'currency_mismatch'; readonly currency: string };

/** A budget as a client sees it applied: its own, or the partner's default. */
export interface EffectiveBudget {
  readonly clientId: string;
  readonly budget: Budget;
  readonly inherited: boolean;
}

/** The partner's own clients among the ids (deleted ones are not found, as everywhere). */
async function partnerClients(deps: Pick<BudgetDeps, 'clients'>, partnerId: string, clientIds: readonly string[]): Promise<Map<string, Client>> {
  const found = await deps.clients.clientsByIds(partnerId, clientIds);
  return new Map(found.filter((client) => client.partnerId === partnerId && client.status !== 'detached').map((client) => [client.id, client]));
}

function budgetAudit(deps: Pick<BudgetDeps, 'ids'>, client: Client, action: ClientAuditEntry['action'], actor: Actor, at: Date): ClientAuditEntry {
  return { id: deps.ids.next('aud'), partnerId: client.partnerId, clientId: client.id, at, actor, action, before: client.status, after: client.status };
}

/**
 * Sets the same monthly budget on one or more of the partner's clients (a client page, or a selection).
 *
 * 1. Check the settings (amount, 1–10 thresholds of 1–1000 %, addresses).
 * 2. Read the clients (batched; another partner's or a deleted one is `not_found`) and the
 *    currencies of their accounts' balances: a client whose account is kept in another currency is
 *    skipped (`currency_mismatch`): a budget is in the account's currency.
 * 3. Store each budget with its audit entry (`set_budget`), atomically, several clients per transaction.
 */
export async function setClientBudgets(
  deps: BudgetDeps, partnerId: string, actor: Actor, clientIds: readonly string[], requested: BudgetSettings,
): Promise<BudgetResult[]> {
  const settings = checkedBudgetSettings(requested);
  const ids = [...new Set(clientIds)];
  const clients = await partnerClients(deps, partnerId, ids);
  const accounts = [...clients.values()].flatMap((client) => client.accountId ?? []);
  const balances = accounts.length > 0 ? await deps.ledger.balances(accounts) : new Map();
  const at = deps.clock.now();
  const results = new Map<string, BudgetResult>();
  const changes = [];
  for (const clientId of ids) {
    const client = clients.get(clientId);
    if (!client) {
      results.set(clientId, { clientId, result: 'not_found' });
      continue;
    }
    const currency = client.accountId ? balances.get(client.accountId)?.balance.currency : undefined;
    if (currency && currency !== settings.amount.currency) {
      results.set(clientId, { clientId, result: 'skipped', reason: 'currency_mismatch', currency });
      continue;
    }
    const budget: Budget = { ...settings, partnerId, scope: { kind: 'client', clientId }, updatedAt: at, updatedBy: actor.id };
    changes.push({ budget, audit: budgetAudit(deps, client, 'set_budget', actor, at) });
    results.set(clientId, { clientId, result: 'set' });
  }
  await deps.budgets.save(changes);
  return ids.map((clientId) => results.get(clientId)!);
}

/** Sets one client's budget: the client page's form. Not found for anyone else's client; 422 `currency_mismatch` for another currency. */
export async function setClientBudget(deps: BudgetDeps, partnerId: string, actor: Actor, clientId: string, settings: BudgetSettings): Promise<Budget> {
  const [result] = await setClientBudgets(deps, partnerId, actor, [clientId], settings);
  if (result?.result === 'not_found') throw new NotFoundError('Client', { clientId });
  if (result?.result === 'skipped') throw new CurrencyMismatchError(result.currency, settings.amount.currency);
  const { clients } = await deps.budgets.budgetsFor(partnerId, [clientId]);
  return clients.get(clientId)!;
}

/** The audit entry of a change to the partner's default budget: about no client. */
function defaultBudgetAudit(deps: Pick<BudgetDeps, 'ids'>, partnerId: string, action: PartnerSettingAuditEntry['action'], actor: Actor, at: Date): PartnerSettingAuditEntry {
  return { id: deps.ids.next('aud'), partnerId, clientId: null, at, actor, action, before: null, after: null };
}

/** Sets the partner's default budget: for every client without its own (in the default's currency); audited (`set_default_budget`) in the same transaction. */
export async function setDefaultBudget(deps: Pick<BudgetDeps, 'budgets' | 'clock' | 'ids'>, partnerId: string, actor: Actor, settings: BudgetSettings): Promise<Budget> {
  const at = deps.clock.now();
  const budget: Budget = { ...checkedBudgetSettings(settings), partnerId, scope: { kind: 'default' }, updatedAt: at, updatedBy: actor.id };
  await deps.budgets.save([{ budget, audit: defaultBudgetAudit(deps, partnerId, 'set_default_budget', actor, at) }]);
  return budget;
}

/** The budget that applies to a client: its own, else the partner's default; not found when neither exists or the client is not the partner's. */
export async function effectiveBudget(deps: Pick<BudgetDeps, 'budgets' | 'clients'>, partnerId: string, clientId: string): Promise<EffectiveBudget> {
  const client = (await partnerClients(deps, partnerId, [clientId])).get(clientId);
  if (!client) throw new NotFoundError('Client', { clientId });
  const { clients, fallback } = await deps.budgets.budgetsFor(partnerId, [clientId]);
  const own = clients.get(clientId);
  if (own) return { clientId, budget: own, inherited: false };
  if (fallback) return { clientId, budget: fallback, inherited: true };
  throw new NotFoundError('Budget', { clientId });
}

/** Removes a client's own budget (audited); not found when the client is not the partner's or has none. */
export async function removeClientBudget(deps: BudgetDeps, partnerId: string, actor: Actor, clientId: string): Promise<void> {
  const client = (await partnerClients(deps, partnerId, [clientId])).get(clientId);
  if (!client) throw new NotFoundError('Client', { clientId });
  const removed = await deps.budgets.remove({ partnerId, clientId, audit: budgetAudit(deps, client, 'remove_budget', actor, deps.clock.now()) });
  if (!removed) throw new NotFoundError('Budget', { clientId });
}

/** Removes the partner's default budget (audited: `remove_default_budget`); not found when there is none. */
export async function removeDefaultBudget(deps: Pick<BudgetDeps, 'budgets' | 'clock' | 'ids'>, partnerId: string, actor: Actor): Promise<void> {
  const audit = defaultBudgetAudit(deps, partnerId, 'remove_default_budget', actor, deps.clock.now());
  if (!(await deps.budgets.remove({ partnerId, audit }))) throw new NotFoundError('Budget', { scope: 'default' });
}

/** The partner's budgets, a page at a time: clients' by client id, the default last. */
export function listBudgets(deps: Pick<BudgetDeps, 'budgets'>, partnerId: string, page: { limit: number; cursor?: string }): Promise<Page<Budget>> {
  return deps.budgets.listBudgets(partnerId, page);
}

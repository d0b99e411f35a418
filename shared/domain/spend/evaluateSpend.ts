import type { LedgerQueries } from '../../ports/BalanceLedger';
import type { EventPublisher } from '../../ports/EventPublisher';
import type { FailureLog } from '../../ports/FailureLog';
import type { Mailer } from '../../ports/Mailer';
import type { PartnerRepository } from '../../ports/PartnerRepository';
import type { BudgetStore, ServedAccount, SpendAlerts } from '../../ports/SpendStore';
import type { Actor } from '../audit/AuditEntry';
import type { CalendarMonth } from '../balances/calendarBuckets';
import type { Clock } from '../Clock';
import { type Money, zero } from '../Money';
import { DEFAULT_CURRENCY } from '../balances/BalanceDeps';
import { addMoscowDays, type MoscowDay, moscowDay } from '../moscowTime';
import { alertsCalledFor, ANOMALY_WINDOW_DAYS, type DaySpend, type SpendAlert } from './SpendAlert';
import { spendAlertMail } from './spendAlertMail';
import { DEFAULT_LANGUAGE } from '../Language';
import type { MailSettings } from '../mails/MailSettings';

/** Who blocks a client at its budget's limit, in the audit trail. */
export const BUDGET_ACTOR: Actor = { kind: 'system', id: 'budget' };

/** Blocks a client's console sign-in as a manual block does (the client operation machinery, audited). */
export type BlockClient = (partnerId: string, clientId: string) => Promise<void>;

/** What evaluating alerts needs. */
export interface SpendEvaluationDeps {
  readonly budgets: Pick<BudgetStore, 'budgetsFor'>;
  readonly alerts: SpendAlerts;
  readonly ledger: Pick<LedgerQueries, 'balances' | 'dailyTotals'>;
  readonly partners: Pick<PartnerRepository, 'get'>;
  readonly mailer: Mailer;
  /** What every mail shows of the cloud (name, colour, support). */
  readonly mail: MailSettings;
  readonly events: EventPublisher;
  readonly blockClient: BlockClient;
  readonly failures: FailureLog;
  readonly clock: Clock;
}

/** A served account touched by recorded (or repeated) events: the months and debit days they fall on. */
export interface TouchedAccount {
  readonly served: ServedAccount;
  readonly months: ReadonlySet<CalendarMonth>;
  readonly debitDays: ReadonlySet<MoscowDay>;
}

/**
 * Evaluates the alerts of the clients whose accounts billing events just touched — only those:
 * the work is proportional to the events, never to the partner's clients.
 *
 * Exactly once: an alert is decided from stored state only (the month spend the ledger wrote in the
 * same transaction as each event's once-only marker, the budget, the balance), never from the event
 * that triggered it, and it fires through a conditional marker per client, month and alert key
 * (`SpendAlerts.fire`). So a retried, late or reordered event, or two requests at once, can decide
 * the same alert many times but fire it once. Events answered `duplicate` are evaluated too: a
 * request that died between recording and evaluating is completed by the billing system's retry.
 * Mail, event and block of a fired alert are at least once: an alert whose marker is not yet marked
 * delivered is delivered again by the next evaluation of that client's month (the event id is stable).
 */
export async function evaluateSpend(deps: SpendEvaluationDeps, touched: readonly TouchedAccount[]): Promise<void> {
  if (touched.length === 0) return;
  const today = moscowDay(deps.clock.now());
  const balances = await deps.ledger.balances(touched.map(({ served }) => served.accountId));
  const byPartner = new Map<string, TouchedAccount[]>();
  for (const each of touched) byPartner.set(each.served.partnerId, [...(byPartner.get(each.served.partnerId) ?? []), each]);
  for (const [partnerId, accounts] of byPartner) {
    const budgets = await deps.budgets.budgetsFor(partnerId, accounts.map(({ served }) => served.clientId));
    for (const { served, months, debitDays } of accounts) {
      const budget = budgets.clients.get(served.clientId) ?? budgets.fallback;
      const balance = balances.get(served.accountId)?.balance;
      const evaluated = new Set(months).add(today.slice(0, 7));
      for (const month of evaluated) {
        const clientMonth = await deps.alerts.clientMonth(partnerId, served.clientId, month);
        const days = await daySpends(deps, served.accountId, [...debitDays].filter((day) => day.startsWith(month)));
        const alerts = alertsCalledFor({
          partnerId, clientId: served.clientId, month, today, days,
          ...(clientMonth.spend && { spend: clientMonth.spend }),
          ...(budget && { budget }),
          ...(balance && month === today.slice(0, 7) && { balance }),
        });
        for (const alert of alerts) {
          const fired = clientMonth.fired.get(alert.key);
          if (fired?.delivered) continue;
          const notificationId = fired?.notificationId ?? (await deps.alerts.fire(alert, deps.clock.now()));
          // Fired by a concurrent evaluation since this one read the month: that one delivers it.
          if (notificationId === undefined) continue;
          await deliver(deps, alert, budget?.alertEmails ?? [], notificationId);
        }
      }
    }
  }
}

/** The spend of each day with the daily spends of the trailing window before it (one range read per day). */
async function daySpends(deps: Pick<SpendEvaluationDeps, 'ledger'>, accountId: string, days: readonly MoscowDay[]): Promise<DaySpend[]> {
  return Promise.all(days.map(async (day): Promise<DaySpend> => {
    const from = addMoscowDays(day, -ANOMALY_WINDOW_DAYS);
    const totals = new Map((await deps.ledger.dailyTotals(accountId, { from, to: day })).map((each) => [each.day, each.debits]));
    const spend = totals.get(day) ?? zero(currencyOf(totals));
    const trailing = Array.from({ length: ANOMALY_WINDOW_DAYS }, (_, index) => totals.get(addMoscowDays(from, index)) ?? zero(spend.currency));
    return { day, spend, trailing };
  }));
}

function currencyOf(totals: ReadonlyMap<string, Money>): string {
  return [...totals.values()][0]?.currency ?? DEFAULT_CURRENCY;
}

/** Mail to the partner and the budget's addresses, the domain event, the block; then the marker says delivered. */
async function deliver(deps: SpendEvaluationDeps, alert: SpendAlert, alertEmails: readonly string[], notificationId: string): Promise<void> {
  try {
    if (alert.kind === 'budget_block') await deps.blockClient(alert.partnerId, alert.clientId);
    const partner = await deps.partners.get(alert.partnerId);
    const recipients = [...new Set([...(partner ? [partner.email] : []), ...alertEmails])];
    // Every address gets the partner's language: the budget's extra addresses are the partner's people.
    const language = partner?.language ?? DEFAULT_LANGUAGE;
    for (const to of recipients) await deps.mailer.send(spendAlertMail(to, alert, language, deps.mail));
    await deps.events.publish({
      id: notificationId,
      type: EVENT_TYPES[alert.kind],
      at: deps.clock.now(),
      detail: { partnerId: alert.partnerId, clientId: alert.clientId, month: alert.month, alert: alert.key, ...eventFacts(alert) },
    });
    await deps.alerts.markDelivered(alert);
  } catch (error) {
    // The notification is stored; the next evaluation of this client's month delivers again.
    await deps.failures.record('spend alert delivery failed', error, { partnerId: alert.partnerId, clientId: alert.clientId, alert: alert.key });
  }
}

/** Domain event types of spend alerts. */
export const EVENT_TYPES = {
  threshold: 'ClientBudgetThresholdReached',
  budget_block: 'ClientBlockedAtBudget',
  anomaly: 'ClientSpendAnomaly',
  low_balance: 'ClientBalanceBelowZero',
} as const;

/** Amounts of the event (numbers only, no addresses). */
function eventFacts(alert: SpendAlert): Record<string, unknown> {
  const { facts } = alert;
  return {
    ...(facts.threshold && { percent: facts.threshold.percent, basis: facts.threshold.basis }),
    ...(facts.budget && { budget: facts.budget }),
    ...(facts.spend && { spend: facts.spend }),
    ...(facts.forecast && { forecast: facts.forecast }),
    ...(facts.day && { day: facts.day, daySpend: facts.daySpend, median: facts.median }),
    ...(facts.balance && { balance: facts.balance }),
  };
}

/** The accounts the recorded (or repeated) events touched, with their months and debit days. */
export function touchedAccounts(entries: ReadonlyArray<{ readonly served: ServedAccount; readonly day: MoscowDay; readonly debit: boolean }>): TouchedAccount[] {
  const byAccount = new Map<string, { served: ServedAccount; months: Set<string>; debitDays: Set<string> }>();
  for (const { served, day, debit } of entries) {
    const touched = byAccount.get(served.accountId) ?? { served, months: new Set<string>(), debitDays: new Set<string>() };
    touched.months.add(day.slice(0, 7));
    if (debit) touched.debitDays.add(day);
    byAccount.set(served.accountId, touched);
  }
  return [...byAccount.values()];
}

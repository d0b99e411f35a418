import type { Usage } from './usage';
import { type CognitoTier, PRICES } from './prices';

/** A resource of a synthesized template, as the model reads it. */
export interface TemplateResource {
  readonly Type: string;
  readonly Properties?: Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any -- template JSON
}

/** One priced line of the bill. */
export interface CostLine {
  readonly service: string;
  readonly item: string;
  readonly quantity: number;
  readonly unit: string;
  readonly monthlyUsd: number;
}

const DAYS_PER_MONTH = 30;
const MILLION = 1_000_000;

/** What the model reads from the template: counts and settings that move the bill. */
export interface Inventory {
  readonly functions: { readonly memoryMb: number; readonly kind: 'trigger' | 'job' | 'api' | 'other' }[];
  readonly alarmMetrics: number;
  readonly dashboards: number;
  readonly tables: number;
  readonly pitrTables: number;
  readonly backupPlans: number;
  readonly userPools: { readonly tier: CognitoTier; readonly selfSignUp: boolean }[];
  readonly kmsKeys: number;
  readonly secrets: number;
  readonly customMetrics: number;
  readonly scheduleRunsPerMonth: number;
}

/** Reads the inventory from every resource of the stack and its nested stacks (logical ids unique across them). */
export function inventoryOf(templates: readonly Record<string, TemplateResource>[]): Inventory {
  const byId: Record<string, TemplateResource> = Object.assign({}, ...templates);
  const resources = Object.values(byId);
  const ofType = (type: string) => resources.filter((resource) => resource.Type === type);
  const referenced = (value: unknown) => new Set([...JSON.stringify(value ?? null).matchAll(/"(?:Ref|Fn::GetAtt)":\[?"([^"]+)"/g)].map((match) => match[1]));
  const triggerIds = new Set(ofType('AWS::Lambda::Permission')
    .filter((permission) => permission.Properties?.Principal === 'cognito-idp.amazonaws.com')
    .flatMap((permission) => [...referenced(permission.Properties?.FunctionName)]));
  const jobIds = new Set(ofType('AWS::Events::Rule').flatMap((rule) => [...referenced(rule.Properties?.Targets)]));
  const functions = Object.entries(byId).filter(([, resource]) => resource.Type === 'AWS::Lambda::Function').map(([id, fn]) => {
    const kind = triggerIds.has(id) ? 'trigger' as const
      : jobIds.has(id) ? 'job' as const
        : fn.Properties?.Environment?.Variables?.AUTH_ISSUER ? 'api' as const : 'other' as const;
    return { memoryMb: Number(fn.Properties?.MemorySize ?? 128), kind };
  });
  const alarms = ofType('AWS::CloudWatch::Alarm');
  // CloudWatch bills an alarm per metric it reads: a metric-math alarm over two metrics is two.
  const alarmMetrics = alarms.reduce((sum, alarm) => sum + Math.max(1, (alarm.Properties?.Metrics ?? []).filter((query: { MetricStat?: unknown }) => query.MetricStat).length), 0);
  const customNamespaces = alarms.filter((alarm) => String(alarm.Properties?.Namespace ?? JSON.stringify(alarm.Properties?.Metrics)).includes('partnerdesk/'));
  const schedules = ofType('AWS::Events::Rule').map((rule) => String(rule.Properties?.ScheduleExpression ?? ''));
  const scheduleRunsPerMonth = schedules.reduce((sum, expression) => {
    const minutes = Number(/rate\((\d+) minutes?\)/.exec(expression)?.[1] ?? 0);
    return minutes > 0 ? sum + (DAYS_PER_MONTH * 24 * 60) / minutes : sum;
  }, 0);
  return {
    functions,
    alarmMetrics,
    dashboards: ofType('AWS::CloudWatch::Dashboard').length,
    tables: ofType('AWS::DynamoDB::Table').length,
    pitrTables: ofType('AWS::DynamoDB::Table').filter((table) => table.Properties?.PointInTimeRecoverySpecification?.PointInTimeRecoveryEnabled).length,
    backupPlans: ofType('AWS::Backup::BackupPlan').length,
    userPools: ofType('AWS::Cognito::UserPool').map((pool) => ({
      tier: (pool.Properties?.UserPoolTier ?? 'ESSENTIALS') as CognitoTier,
      selfSignUp: pool.Properties?.AdminCreateUserConfig?.AllowAdminCreateUserOnly === false,
    })),
    kmsKeys: ofType('AWS::KMS::Key').length,
    secrets: ofType('AWS::SecretsManager::Secret').length,
    customMetrics: customNamespaces.length,
    scheduleRunsPerMonth,
  };
}

/** The monthly price of a pool's active users on its plan. */
function cognitoPrice(tier: CognitoTier, monthlyActive: number): number {
  const { cognito } = PRICES;
  if (tier === 'PLUS') return monthlyActive * cognito.plusPerMau;
  if (tier === 'ESSENTIALS') return Math.max(0, monthlyActive - cognito.essentialsFreeMau) * cognito.essentialsPerMau;
  return Math.max(0, monthlyActive - cognito.liteFreeMau) * cognito.litePerMau;
}

/**
 * The monthly bill of the stack at a usage: one line per priced item, grouped by service. Function
 * runs: API calls on the API functions, sign-ins and refreshes on the triggers (pre-authentication
 * at each sign-in, pre-token-generation at each sign-in and refresh), schedules on the jobs.
 */
export function monthlyCost(inventory: Inventory, usage: Usage): CostLine[] {
  const lines: CostLine[] = [];
  const add = (service: string, item: string, quantity: number, unit: string, monthlyUsd: number) => lines.push({ service, item, quantity, unit, monthlyUsd });
  const memoryOf = (kind: string) => {
    const ofKind = inventory.functions.filter((fn) => fn.kind === kind);
    return ofKind.length === 0 ? 0.5 : ofKind.reduce((sum, fn) => sum + fn.memoryMb, 0) / ofKind.length / 1024;
  };
  const signIns = usage.consoleSignInsPerDay * DAYS_PER_MONTH;
  const triggerRuns = signIns * 2 + usage.consoleTokenRefreshesPerDay * DAYS_PER_MONTH;
  const runs = { api: usage.apiCallsPerMonth, trigger: triggerRuns, job: inventory.scheduleRunsPerMonth };
  const durations = { api: usage.apiDurationMs, trigger: usage.triggerDurationMs, job: usage.jobDurationMs };
  for (const kind of ['api', 'trigger', 'job'] as const) {
    const gbSeconds = runs[kind] * (durations[kind] / 1000) * memoryOf(kind);
    add('Lambda', `${kind} runs (${runs[kind].toLocaleString('en')})`, gbSeconds, 'GB-s', gbSeconds * PRICES.lambda.perGbSecondArm + (runs[kind] / MILLION) * PRICES.lambda.perMillionRequests);
  }
  add('API Gateway (HTTP API)', 'requests', usage.apiCallsPerMonth, 'requests', (usage.apiCallsPerMonth / MILLION) * PRICES.httpApi.perMillionRequests);

  const calls = usage.apiCallsPerMonth + triggerRuns;
  const reads = calls * usage.readUnitsPerCall;
  const writes = usage.apiCallsPerMonth * usage.writeUnitsPerCall + signIns * 0.1;
  add('DynamoDB', 'read request units', reads, 'RRU', (reads / MILLION) * PRICES.dynamodb.perMillionReadUnits);
  add('DynamoDB', 'write request units', writes, 'WRU', (writes / MILLION) * PRICES.dynamodb.perMillionWriteUnits);
  add('DynamoDB', `storage (${inventory.tables} tables)`, usage.tableStorageGb, 'GB-month', usage.tableStorageGb * PRICES.dynamodb.perGbMonth);
  if (inventory.pitrTables > 0) add('DynamoDB', `point-in-time recovery (${inventory.pitrTables} tables)`, usage.tableStorageGb, 'GB-month', usage.tableStorageGb * PRICES.dynamodb.pitrPerGbMonth);
  if (inventory.backupPlans > 0) {
    // Daily copies kept 35 days and monthly ones kept a year: about 35 + 12 full copies held.
    const held = usage.tableStorageGb * 47;
    add('AWS Backup', 'daily (35 days) and monthly (1 year) copies', held, 'GB-month', held * PRICES.backup.warmPerGbMonth);
  }

  for (const pool of inventory.userPools) {
    const users = pool.selfSignUp ? usage.consoleUsersMonthlyActive : usage.staffMonthlyActive;
    add('Cognito', `${pool.selfSignUp ? 'console users' : 'staff'} pool on ${pool.tier}`, users, 'MAU', cognitoPrice(pool.tier, users));
  }

  add('CloudWatch', 'alarms (billed per metric read)', inventory.alarmMetrics, 'alarm metrics', inventory.alarmMetrics * PRICES.cloudwatch.perAlarmMetric);
  add('CloudWatch', 'dashboards', inventory.dashboards, 'dashboards', inventory.dashboards * PRICES.cloudwatch.perDashboard);
  add('CloudWatch', 'custom (EMF) metrics', inventory.customMetrics, 'metrics', inventory.customMetrics * PRICES.cloudwatch.perCustomMetric);
  const logGb = ((runs.api + runs.trigger + runs.job) * usage.logKbPerRun + usage.apiCallsPerMonth * usage.accessLogKbPerRequest) / MILLION;
  add('CloudWatch', 'log ingestion (functions, API access log)', logGb, 'GB', logGb * PRICES.cloudwatch.logIngestionPerGb);
  // Three months of retention hold three months of logs.
  add('CloudWatch', 'log storage (3 months retained)', logGb * 3, 'GB-month', logGb * 3 * PRICES.cloudwatch.logStoragePerGbMonth);

  // Lambda's default sampling records the first request each second and 5 % of the others.
  const requests = runs.api + runs.trigger + runs.job;
  const perSecondReservoir = DAYS_PER_MONTH * 86_400;
  const traces = Math.min(requests, perSecondReservoir) + Math.max(0, requests - perSecondReservoir) * 0.05;
  add('X-Ray', 'traces recorded (default sampling)', traces, 'traces', (traces / MILLION) * PRICES.xray.perMillionTracesRecorded);
  add('SES', 'mails (partnerdesk and Cognito)', usage.mailsPerMonth, 'mails', (usage.mailsPerMonth / 1000) * PRICES.ses.perThousandMails);
  add('KMS', 'alarm topic key', inventory.kmsKeys, 'keys', inventory.kmsKeys * PRICES.kms.perKeyMonth);
  add('Secrets Manager', 'cursor signing key', inventory.secrets, 'secrets', inventory.secrets * PRICES.secretsManager.perSecretMonth);
  add('EventBridge', 'domain events on the custom bus', usage.eventsPerMonth, 'events', (usage.eventsPerMonth / MILLION) * PRICES.eventBridge.perMillionCustomEvents);
  const pageGb = (usage.consolePageLoadsPerMonth * usage.consolePageKb) / MILLION;
  add('CloudFront', 'console pages (requests and data out)', usage.consolePageLoadsPerMonth, 'page loads',
    (usage.consolePageLoadsPerMonth * 10 / 10_000) * PRICES.cloudFront.perTenThousandHttpsRequests + pageGb * PRICES.cloudFront.perGbOut);
  return lines;
}

/** The bill as one Markdown table per service and a total. */
export function formatCost(lines: readonly CostLine[]): string {
  const usd = (value: number) => `$${value.toFixed(2)}`;
  const byService = new Map<string, CostLine[]>();
  for (const line of lines) byService.set(line.service, [...(byService.get(line.service) ?? []), line]);
  const out: string[] = [];
  for (const [service, serviceLines] of [...byService].sort(([, a], [, b]) => sum(b) - sum(a))) {
    out.push(`### ${service}: ${usd(sum(serviceLines))} a month`, '', '| Item | Quantity | Monthly |', '| --- | ---: | ---: |');
    for (const line of serviceLines) out.push(`| ${line.item} | ${Math.round(line.quantity).toLocaleString('en')} ${line.unit} | ${usd(line.monthlyUsd)} |`);
    out.push('');
  }
  out.push(`**Total: ${usd(sum(lines))} a month**`);
  return out.join('\n');
}

function sum(lines: readonly CostLine[]): number {
  return lines.reduce((total, line) => total + line.monthlyUsd, 0);
}

/**
 * The usage the cost model prices (`npm run cost`): the scale partnerdesk is built for, written out
 * so that anyone can change an assumption and see the bill move. Edit the numbers, not the model.
 */
export interface Usage {
  /** API calls a month (partners' console, billing ingestion, the public form). */
  readonly apiCallsPerMonth: number;
  /** Mean run time of an API function, ms. */
  readonly apiDurationMs: number;
  /** Cloud console users who sign in at least once a month (the console users' pool's MAU). */
  readonly consoleUsersMonthlyActive: number;
  /** Sign-ins to the cloud console a day (pre-authentication and pre-token-generation runs). */
  readonly consoleSignInsPerDay: number;
  /** Token refreshes a day (pre-token-generation runs): a session refreshes every 15 minutes. */
  readonly consoleTokenRefreshesPerDay: number;
  /** Mean run time of a sign-in trigger, ms. */
  readonly triggerDurationMs: number;
  /** Managers and partners who sign in in a month (the staff pool's MAU). */
  readonly staffMonthlyActive: number;
  /** Mean run time of a scheduled job's run, ms. */
  readonly jobDurationMs: number;
  /** DynamoDB read request units per API call or trigger run (a strongly consistent 4 KB read is 1). */
  readonly readUnitsPerCall: number;
  /** DynamoDB write request units per API call (a 1 KB write is 1; transactions count twice). */
  readonly writeUnitsPerCall: number;
  /** Data held in all tables, GB (1,000 partners × 50 clients, their invitations, ledger and audit). */
  readonly tableStorageGb: number;
  /** Mails a month through SES: partnerdesk's own and Cognito's (sign-up codes, password resets). */
  readonly mailsPerMonth: number;
  /** Log data per function run (JSON lines, Lambda's REPORT line), KB. */
  readonly logKbPerRun: number;
  /** Access-log line per API request, KB. */
  readonly accessLogKbPerRequest: number;
  /** Domain events a month on the custom bus. */
  readonly eventsPerMonth: number;
  /** Console page loads a month (managers, partners, clients on invitations), and their size in KB. */
  readonly consolePageLoadsPerMonth: number;
  readonly consolePageKb: number;
}

/** 1,000 partners × 50 clients, 3 million API calls and 50,000 cloud console users signing in daily (issue 25). */
export const STATED_SCALE: Usage = {
  apiCallsPerMonth: 3_000_000,
  apiDurationMs: 120,
  consoleUsersMonthlyActive: 50_000,
  consoleSignInsPerDay: 50_000,
  consoleTokenRefreshesPerDay: 200_000,
  triggerDurationMs: 60,
  staffMonthlyActive: 1_050,
  jobDurationMs: 2_000,
  readUnitsPerCall: 4,
  writeUnitsPerCall: 2,
  tableStorageGb: 5,
  mailsPerMonth: 100_000,
  logKbPerRun: 1.5,
  accessLogKbPerRequest: 0.4,
  eventsPerMonth: 200_000,
  consolePageLoadsPerMonth: 100_000,
  consolePageKb: 250,
};

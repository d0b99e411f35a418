/**
 * On-demand list prices in USD for eu-central-1 (Frankfurt), read from the AWS pricing pages in
 * December 2026; the free tiers an account has whatever else it runs are left out, except where a
 * plan's price is defined by one (Cognito's first 10,000 Lite users).
 */
export const PRICES = {
  lambda: { perGbSecondArm: 0.0000133334, perMillionRequests: 0.2 },
  httpApi: { perMillionRequests: 1.2 },
  dynamodb: { perMillionReadUnits: 0.1525, perMillionWriteUnits: 0.7625, perGbMonth: 0.306, pitrPerGbMonth: 0.2448 },
  backup: { warmPerGbMonth: 0.1224 },
  cognito: { litePerMau: 0.0055, liteFreeMau: 10_000, essentialsPerMau: 0.015, essentialsFreeMau: 10_000, plusPerMau: 0.02 },
  cloudwatch: { perAlarmMetric: 0.1, perDashboard: 3, perCustomMetric: 0.3, logIngestionPerGb: 0.63, logStoragePerGbMonth: 0.0324 },
  xray: { perMillionTracesRecorded: 5 },
  ses: { perThousandMails: 0.1 },
  kms: { perKeyMonth: 1 },
  secretsManager: { perSecretMonth: 0.4 },
  eventBridge: { perMillionCustomEvents: 1 },
  cloudFront: { perTenThousandHttpsRequests: 0.012, perGbOut: 0.085 },
} as const;

/** The Cognito plans as CloudFormation names them (`UserPoolTier`). */
export type CognitoTier = 'LITE' | 'ESSENTIALS' | 'PLUS';

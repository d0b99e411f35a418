import { RemovalPolicy } from 'aws-cdk-lib';
import { AccountRecovery, FeaturePlan, Mfa, StandardThreatProtectionMode, UserPoolEmail, type UserPoolProps } from 'aws-cdk-lib/aws-cognito';

/** The deployment stages of partnerdesk: a throw-away `dev` and the real `prod`. */
export const STAGES = ['dev', 'prod'] as const;

/** A deployment stage (CDK context `stage`). */
export type Stage = (typeof STAGES)[number];

/** Whether Cognito threat protection only reports risky sign-ins or also acts on them. */
export type ThreatProtection = 'audit' | 'enforced';

/** How a Cognito user pool of the stack is kept and guarded (both pools take the stage's policy). */
export interface UserPoolPolicy {
  /** `audit` reports risky sign-ins only (AWS advises it first); `enforced` also blocks or challenges them. Default `audit`. */
  readonly threatProtection?: ThreatProtection;
  /** What happens to the pool when the stack is deleted. Default RETAIN. */
  readonly removalPolicy?: RemovalPolicy;
  /** Whether the pool refuses deletion. Default true. */
  readonly deletionProtection?: boolean;
}

/** Where a pool's own mail (sign-up codes, password resets, invitations) leaves: the stack's SES identity and configuration set. */
export interface PoolMail {
  /** The verified sender address. */
  readonly senderEmail: string;
  /** The SES configuration set applied to the pool's mail (bounce and complaint suppression, metrics). */
  readonly configurationSetName: string;
}

/**
 * What distinguishes one pool of people from the other:
 * - `staff` (managers and partners, a few thousand users): the Plus plan for threat protection;
 *   TOTP required when `mfaRequired` (prod), since Cognito has no per-group MFA setting;
 * - `consoleUsers` (owners of cloud accounts, 50,000 a day): the Lite plan, which carries the
 *   pre-authentication and pre-token-generation V1 triggers and the classic hosted UI the console
 *   uses; optional TOTP, no threat protection (docs/decisions.md, issue 25).
 */
export interface PoolKind {
  readonly kind: 'staff' | 'consoleUsers';
  /** Whether every user must sign in with TOTP. */
  readonly mfaRequired?: boolean;
}

/** Cognito's threat-protection mode for a setting. */
export function threatProtectionMode(setting: ThreatProtection = 'audit'): StandardThreatProtectionMode {
  return setting === 'enforced' ? StandardThreatProtectionMode.FULL_FUNCTION : StandardThreatProtectionMode.AUDIT_ONLY;
}

/** The password rule of both pools (managers and partners; cloud console users). */
export const PASSWORD_POLICY = { minLength: 12, requireLowercase: true, requireUppercase: true, requireDigits: true, requireSymbols: true } as const;

/**
 * What both pools of people share: e-mail sign-in (case-insensitive, verified), the password rule,
 * TOTP (never SMS), e-mail recovery, mail through the stack's SES identity, and the stage's keeping
 * policy; the plan, MFA and threat protection follow the pool's {@link PoolKind}.
 *
 * Cognito's own sender allows only a few dozen mails a day per account (Cognito quotas); with
 * `DEVELOPER` sending the pool's mail counts against the SES quota instead. Cognito refuses a pool
 * whose SES identity is not verified yet ("Email address is not verified", InvalidParameterException),
 * hence the separate mail stack deployed and verified first (docs/deploy.md).
 */
export function peoplePoolProps(policy: UserPoolPolicy, pool: PoolKind, mail: PoolMail): UserPoolProps {
  const staff = pool.kind === 'staff';
  return {
    signInAliases: { email: true },
    signInCaseSensitive: false,
    autoVerify: { email: true },
    keepOriginal: { email: true },
    passwordPolicy: PASSWORD_POLICY,
    mfa: pool.mfaRequired ? Mfa.REQUIRED : Mfa.OPTIONAL,
    mfaSecondFactor: { otp: true, sms: false },
    accountRecovery: AccountRecovery.EMAIL_ONLY,
    email: UserPoolEmail.withSES({ fromEmail: mail.senderEmail, fromName: 'partnerdesk', configurationSetName: mail.configurationSetName }),
    // Threat protection exists on the Plus plan only (Cognito "User pool feature plans").
    featurePlan: staff ? FeaturePlan.PLUS : FeaturePlan.LITE,
    standardThreatProtectionMode: staff ? threatProtectionMode(policy.threatProtection) : undefined,
    deletionProtection: policy.deletionProtection ?? true,
    removalPolicy: policy.removalPolicy ?? RemovalPolicy.RETAIN,
  };
}

/** How a stage treats its stateful resources. */
export interface StagePolicy {
  readonly stage: Stage;
  /** What happens to tables and the user pool when the stack is deleted. */
  readonly removalPolicy: RemovalPolicy;
  /** Whether tables and the user pool refuse deletion. */
  readonly deletionProtection: boolean;
  /** Whether an AWS Backup plan copies the tables (PITR is on in every stage). */
  readonly backups: boolean;
  /** Whether the staff pool requires TOTP of everyone (managers and partners). */
  readonly staffMfaRequired: boolean;
  /**
   * Concurrency reserved for each sign-in trigger, or none. Lambda keeps at least 100 of an
   * account's concurrency unreserved ("Configuring reserved concurrency"), so a fresh account whose
   * limit is still low cannot reserve any: dev reserves nothing and deploys there.
   */
  readonly triggerReservedConcurrency?: number;
  /** Whether the console bucket empties itself when the stack is destroyed. */
  readonly autoDeleteConsoleBucket: boolean;
}

/**
 * Concurrency reserved for each Cognito trigger in prod. 50,000 sign-ins a day and a token refresh
 * every 15 minutes of a session make ≈ 250,000 trigger runs a day, ≈ 10/s at a morning peak; at
 * ≈ 50 ms a run that is under 1 concurrent run. 25 each leaves room for a 25× surge and keeps a flood
 * of other functions from taking the sign-in's share.
 */
export const TRIGGER_RESERVED_CONCURRENCY = 25;

/** The CloudFormation stack of a stage, e.g. `Partnerdesk-prod`; also the prefix of its alarm, dashboard and backup names. */
export function stackName(stage: Stage): string {
  return `Partnerdesk-${stage}`;
}

/** Reads a stage name; anything but `dev` or `prod` is a configuration error, not a silent default. */
export function parseStage(value: string): Stage {
  const stage = STAGES.find((candidate) => candidate === value);
  if (!stage) throw new Error(`Unknown stage "${value}": use ${STAGES.join(' or ')}`);
  return stage;
}

/** Reads a threat-protection mode (`audit` or `enforced`). */
export function parseThreatProtection(value: string): ThreatProtection {
  if (value !== 'audit' && value !== 'enforced') throw new Error(`Unknown threatProtection "${value}": use audit or enforced`);
  return value;
}

/**
 * The stage's treatment of data and people: `prod` keeps tables and the user pools when the stack goes
 * (retained, deletion protection), backs the tables up, requires TOTP of staff and reserves the
 * sign-in triggers' concurrency; `dev` is destroyable and deploys on a fresh account.
 */
export function stagePolicy(stage: Stage): StagePolicy {
  return stage === 'prod'
    ? {
      stage, removalPolicy: RemovalPolicy.RETAIN, deletionProtection: true, backups: true, staffMfaRequired: true,
      triggerReservedConcurrency: TRIGGER_RESERVED_CONCURRENCY, autoDeleteConsoleBucket: false,
    }
    : { stage, removalPolicy: RemovalPolicy.DESTROY, deletionProtection: false, backups: false, staffMfaRequired: false, autoDeleteConsoleBucket: true };
}

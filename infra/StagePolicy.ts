import { RemovalPolicy } from 'aws-cdk-lib';
import { AccountRecovery, FeaturePlan, Mfa, StandardThreatProtectionMode, type UserPoolProps } from 'aws-cdk-lib/aws-cognito';

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

/** Cognito's threat-protection mode for a setting. */
export function threatProtectionMode(setting: ThreatProtection = 'audit'): StandardThreatProtectionMode {
  return setting === 'enforced' ? StandardThreatProtectionMode.FULL_FUNCTION : StandardThreatProtectionMode.AUDIT_ONLY;
}

/** The password rule of both pools (managers and partners; cloud console users). */
export const PASSWORD_POLICY = { minLength: 12, requireLowercase: true, requireUppercase: true, requireDigits: true, requireSymbols: true } as const;

/**
 * What both pools of people share: e-mail sign-in (case-insensitive, verified), the password rule,
 * optional TOTP, e-mail recovery, the Plus plan for threat protection, and the stage's keeping policy.
 */
export function peoplePoolProps(policy: UserPoolPolicy): UserPoolProps {
  return {
    signInAliases: { email: true },
    signInCaseSensitive: false,
    autoVerify: { email: true },
    keepOriginal: { email: true },
    passwordPolicy: PASSWORD_POLICY,
    mfa: Mfa.OPTIONAL,
    mfaSecondFactor: { otp: true, sms: false },
    accountRecovery: AccountRecovery.EMAIL_ONLY,
    featurePlan: FeaturePlan.PLUS,
    standardThreatProtectionMode: threatProtectionMode(policy.threatProtection),
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
}

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
 * The stage's treatment of data: `prod` keeps tables and the user pool when the stack goes
 * (retained, deletion protection) and backs the tables up; `dev` is destroyable.
 */
export function stagePolicy(stage: Stage): StagePolicy {
  return stage === 'prod'
    ? { stage, removalPolicy: RemovalPolicy.RETAIN, deletionProtection: true, backups: true }
    : { stage, removalPolicy: RemovalPolicy.DESTROY, deletionProtection: false, backups: false };
}

import { RemovalPolicy } from 'aws-cdk-lib';
import { parseStage, parseThreatProtection, stackName, stagePolicy, TRIGGER_RESERVED_CONCURRENCY } from '../../../infra/StagePolicy';

describe('stagePolicy', () => {
  it('keeps prod data when the stack goes (retained, deletion-protected, backed up), requires staff TOTP and reserves the sign-in triggers\' concurrency', () => {
    expect(stagePolicy('prod')).toEqual({
      stage: 'prod', removalPolicy: RemovalPolicy.RETAIN, deletionProtection: true, backups: true,
      staffMfaRequired: true, triggerReservedConcurrency: TRIGGER_RESERVED_CONCURRENCY, autoDeleteConsoleBucket: false,
    });
  });

  it('makes dev destroyable, without backups, and deployable on a fresh account (no reserved concurrency)', () => {
    expect(stagePolicy('dev')).toEqual({
      stage: 'dev', removalPolicy: RemovalPolicy.DESTROY, deletionProtection: false, backups: false,
      staffMfaRequired: false, autoDeleteConsoleBucket: true,
    });
  });
});

describe('stackName', () => {
  it('names the stack after the stage', () => {
    expect(stackName('dev')).toBe('Partnerdesk-dev');
    expect(stackName('prod')).toBe('Partnerdesk-prod');
  });
});

describe('settings', () => {
  it('accepts dev and prod only, and refuses anything else rather than guessing', () => {
    expect(parseStage('dev')).toBe('dev');
    expect(parseStage('prod')).toBe('prod');
    expect(() => parseStage('production')).toThrow('Unknown stage "production": use dev or prod');
  });

  it('accepts audit and enforced threat protection only', () => {
    expect(parseThreatProtection('audit')).toBe('audit');
    expect(parseThreatProtection('enforced')).toBe('enforced');
    expect(() => parseThreatProtection('on')).toThrow('Unknown threatProtection "on"');
  });
});

import { Validations } from 'aws-cdk-lib';
import { BackupPlan, BackupPlanRule, BackupResource, type BackupSelection } from 'aws-cdk-lib/aws-backup';
import type { ITable } from 'aws-cdk-lib/aws-dynamodb';
import { Construct } from 'constructs';

/** Props of {@link Backups}. */
export interface BackupsProps {
  /** Name of the backup plan (and of its vault), e.g. `Partnerdesk-prod-tables`. */
  readonly planName: string;
  /** The tables to back up. */
  readonly tables: readonly ITable[];
}

/**
 * An AWS Backup plan for the tables: a daily backup kept 35 days and a monthly one kept a year,
 * in the plan's own vault. Point-in-time recovery stays on the tables as well: PITR restores to any
 * second of the last 35 days, the plan keeps copies that survive a deleted table and reach further back.
 *
 * @example
 * new Backups(this, 'Backups', { planName: 'Partnerdesk-prod-tables', tables: [...tables.byName.values()] });
 */
export class Backups extends Construct {
  /** The plan (daily 35 days, monthly 1 year). */
  public readonly plan: BackupPlan;
  /** Which resources the plan backs up: the tables. */
  public readonly selection: BackupSelection;

  public constructor(scope: Construct, id: string, props: BackupsProps) {
    super(scope, id);
    this.plan = new BackupPlan(this, 'Plan', {
      backupPlanName: props.planName,
      backupPlanRules: [BackupPlanRule.daily(), BackupPlanRule.monthly1Year()],
    });
    this.selection = this.plan.addSelection('Tables', { resources: props.tables.map((table) => BackupResource.fromDynamoDbTable(table)) });
    Validations.of(this.selection).acknowledge({
      id: 'AwsSolutions-IAM4[Policy::arn:<AWS::Partition>:iam::aws:policy/service-role/AWSBackupServiceRolePolicyForBackup]',
      reason: 'AWS Backup assumes this role to back up the selected tables; the AWS-managed service-role policy is the one AWS maintains for exactly that.',
    });
  }
}

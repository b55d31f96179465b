/**
 * The stateful stack: the one DynamoDB table and the key that encrypts it. It changes rarely and is
 * never deleted with the stack, so the stateless stack (functions, API, web) can be torn down and
 * redeployed freely without touching case data.
 */
import { CfnOutput, Duration, RemovalPolicy, Stack, type StackProps } from 'aws-cdk-lib';
import {
  BackupPlan,
  BackupPlanRule,
  BackupResource,
  type BackupSelection,
  BackupVault,
} from 'aws-cdk-lib/aws-backup';
import { AttributeType, BillingMode, ProjectionType, Table, TableEncryption } from 'aws-cdk-lib/aws-dynamodb';
import { Schedule } from 'aws-cdk-lib/aws-events';
import { Key } from 'aws-cdk-lib/aws-kms';
import type { Construct } from 'constructs';
import { TABLE_SPEC } from '../../functions/store/table-spec';

export interface DataStackProps extends StackProps {
  /** Deployment stage (dev, prod, ...); part of resource descriptions and the key alias. */
  stage: string;
  /**
   * A backup vault in another region or account (its ARN) that every daily backup is copied to, so a
   * lost account or region does not lose the cases. Without it backups stay in this account's vault.
   */
  backupCopyVaultArn?: string | undefined;
  /**
   * The table's name. Absent, CloudFormation names it (every deployment so far); set only to bring a
   * table restored from a backup under the stack (DEPLOY.md, "Restoring the case table").
   */
  tableName?: string | undefined;
}

const VAULT_ARN = /^arn:aws[a-z-]*:backup:[a-z0-9-]+:\d{12}:backup-vault:[A-Za-z0-9_.-]{2,50}$/;

/** Refuses at synth a copy destination that is not a backup vault's ARN. */
export function checkBackupCopyVaultArn(arn: string | undefined): void {
  if (arn !== undefined && !VAULT_ARN.test(arn)) {
    throw new Error(
      `Invalid backupCopyVaultArn "${arn}": give a vault ARN such as arn:aws:backup:ap-southeast-1:123456789012:backup-vault:kawal-copy`,
    );
  }
}

/** How long the daily backups are kept: five weeks, beyond PITR's own 35 days of restore points. */
export const BACKUP_RETENTION_DAYS = 35;

export class DataStack extends Stack {
  /** The table every handler reads and writes; handed to the Api stack as a prop. */
  readonly table: Table;
  readonly backupPlan: BackupPlan;
  /** What the plan backs up (the table), with the role AWS Backup assumes to do it. */
  readonly backupSelection: BackupSelection;

  constructor(scope: Construct, id: string, props: DataStackProps) {
    super(scope, id, props);
    checkBackupCopyVaultArn(props.backupCopyVaultArn);

    // A customer-managed key (not the AWS-owned default) so the agency controls, audits and can revoke
    // access to case data independently of IAM; rotated yearly. Retained: losing it loses the data.
    const key = new Key(this, 'TableKey', {
      description: `Kawal ${props.stage}: encrypts the case table`,
      alias: `alias/kawal-${props.stage}-table`,
      enableKeyRotation: true,
      removalPolicy: RemovalPolicy.RETAIN,
    });

    // Keys, indexes and TTL come from the same spec the local launcher uses (DESIGN principle 9), so
    // a query that works over DynamoDB Local works here.
    const table = new Table(this, 'Table', {
      ...(props.tableName ? { tableName: props.tableName } : {}),
      partitionKey: { name: TABLE_SPEC.partitionKey, type: AttributeType.STRING },
      sortKey: { name: TABLE_SPEC.sortKey, type: AttributeType.STRING },
      billingMode: BillingMode.PAY_PER_REQUEST,
      pointInTimeRecoverySpecification: { pointInTimeRecoveryEnabled: true },
      deletionProtection: true,
      encryption: TableEncryption.CUSTOMER_MANAGED,
      encryptionKey: key,
      timeToLiveAttribute: TABLE_SPEC.ttlAttribute,
      removalPolicy: RemovalPolicy.RETAIN,
    });
    // Projection ALL: every list is served from the index alone (principle 5), with no follow-up reads.
    // CloudFormation adds or removes at most one GSI per update: add new indexes to the spec one deploy
    // at a time.
    for (const index of TABLE_SPEC.indexes) {
      table.addGlobalSecondaryIndex({
        indexName: index.name,
        partitionKey: { name: index.partitionKey, type: AttributeType.STRING },
        sortKey: { name: index.sortKey, type: AttributeType.STRING },
        projectionType: ProjectionType.ALL,
      });
    }
    this.table = table;
    new CfnOutput(this, 'TableName', {
      description: 'The case table (the restore runbook in DEPLOY.md restores to a new name, or to this one)',
      value: table.tableName,
    });

    // AWS Backup beside PITR: daily snapshots kept for five weeks in a vault of their own (encrypted
    // with the table's key, retained with the stack's data), optionally copied to a vault elsewhere.
    // Restoring makes a new table; the runbook in DEPLOY.md says how to put it in service.
    const vault = new BackupVault(this, 'Vault', {
      backupVaultName: `kawal-${props.stage}`,
      encryptionKey: key,
      removalPolicy: RemovalPolicy.RETAIN,
    });
    const copy = props.backupCopyVaultArn
      ? [
          {
            destinationBackupVault: BackupVault.fromBackupVaultArn(
              this,
              'CopyVault',
              props.backupCopyVaultArn,
            ),
            deleteAfter: Duration.days(BACKUP_RETENTION_DAYS),
          },
        ]
      : [];
    this.backupPlan = new BackupPlan(this, 'Backups', {
      backupPlanName: `kawal-${props.stage}`,
      backupVault: vault,
      backupPlanRules: [
        new BackupPlanRule({
          ruleName: 'daily',
          // 02:00 in Jakarta (19:00 UTC), after the deadlines sweep, outside working hours.
          scheduleExpression: Schedule.cron({ minute: '0', hour: '19' }),
          deleteAfter: Duration.days(BACKUP_RETENTION_DAYS),
          copyActions: copy,
        }),
      ],
    });
    this.backupSelection = this.backupPlan.addSelection('Table', {
      resources: [BackupResource.fromDynamoDbTable(table)],
    });
  }
}

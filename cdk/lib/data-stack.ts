/**
 * The stateful stack: the one DynamoDB table and the key that encrypts it. It changes rarely and is
 * never deleted with the stack, so the stateless stack (functions, API, web) can be torn down and
 * redeployed freely without touching case data.
 */
import { RemovalPolicy, Stack, type StackProps } from 'aws-cdk-lib';
import { AttributeType, BillingMode, ProjectionType, Table, TableEncryption } from 'aws-cdk-lib/aws-dynamodb';
import { Key } from 'aws-cdk-lib/aws-kms';
import type { Construct } from 'constructs';
import { TABLE_SPEC } from '../../functions/store/table-spec';

export interface DataStackProps extends StackProps {
  /** Deployment stage (dev, prod, ...); part of resource descriptions and the key alias. */
  stage: string;
}

export class DataStack extends Stack {
  /** The table every handler reads and writes; handed to the Api stack as a prop. */
  readonly table: Table;

  constructor(scope: Construct, id: string, props: DataStackProps) {
    super(scope, id, props);

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
  }
}

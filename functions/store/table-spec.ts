/**
 * The table's keys and indexes, declared once. The local launcher creates the table from this spec
 * and the CDK stack builds the real one from it, so the two cannot drift apart.
 */

export interface KeySpec {
  partitionKey: string;
  sortKey: string;
}

export interface IndexSpec extends KeySpec {
  name: string;
  /** What the index answers; every list the API serves is a Query on the table or one of these. */
  purpose: string;
}

export const TABLE_SPEC = {
  partitionKey: 'pk',
  sortKey: 'sk',
  indexes: [
    {
      name: 'gsi1',
      partitionKey: 'gsi1pk',
      sortKey: 'gsi1sk',
      purpose:
        'collections: forms and rulesets by id, services by type, offices, the users directory per office by name; the cases of each office by next due date (the deadline sweep)',
    },
    {
      name: 'gsi2',
      partitionKey: 'gsi2pk',
      sortKey: 'gsi2sk',
      purpose: 'caseload of one assignee (open, or closed), ordered by priority then nearest deadline',
    },
    {
      name: 'gsi3',
      partitionKey: 'gsi3pk',
      sortKey: 'gsi3sk',
      purpose: 'cases of one office (open, or closed), ordered by priority then nearest deadline',
    },
    {
      name: 'gsi4',
      partitionKey: 'gsi4pk',
      sortKey: 'gsi4sk',
      purpose: 'cases of one office in one stage, ordered by priority then nearest deadline',
    },
    {
      name: 'gsi5',
      partitionKey: 'gsi5pk',
      sortKey: 'gsi5sk',
      purpose: 'overdue cases of one office (sparse), ordered by priority then nearest deadline',
    },
    {
      name: 'gsi6',
      partitionKey: 'gsi6pk',
      sortKey: 'gsi6sk',
      purpose:
        "cases by their client's NIK, or by normalized name and birth date (search before opening a case), by office",
    },
  ],
  /** Attribute holding an epoch-seconds expiry (idempotency records, drafts); DynamoDB TTL deletes them. */
  ttlAttribute: 'expiresAt',
} as const satisfies KeySpec & { indexes: readonly IndexSpec[]; ttlAttribute: string };

/** Every key attribute name the spec uses (all strings). */
export function keyAttributes(): string[] {
  return [
    TABLE_SPEC.partitionKey,
    TABLE_SPEC.sortKey,
    ...TABLE_SPEC.indexes.flatMap((index) => [index.partitionKey, index.sortKey]),
  ];
}

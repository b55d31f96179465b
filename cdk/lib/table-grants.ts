/**
 * What each deployed handler may do on the case table, declared once: the DynamoDB actions its code
 * path really uses (read from the handler and the store modules of functions/store/ it calls), and
 * whether it Queries the global secondary indexes. KawalFunction.bindTable turns an entry into the
 * function's IAM policy, and the key actions follow from it (./kawal-function.ts).
 *
 * How the actions are counted. A transaction (TransactWriteItems) is authorized by its parts: a Put
 * needs dynamodb:PutItem, an Update dynamodb:UpdateItem, a Delete dynamodb:DeleteItem and a
 * ConditionCheck dynamodb:ConditionCheckItem. A Query on the table's own key needs dynamodb:Query on
 * the table (`table`); a Query on an index needs it on the index (`indexes`). Nobody scans: every list
 * is a Query (DESIGN principle 5), and dynamodb:Scan is not even a possible entry.
 *
 * `unreached` names actions that the function's bundle contains but that no path of the function
 * takes, each with why (a store object bundled whole, a branch no caller takes). test/cdk/
 * table-grants.test.ts bundles every handler and fails when its code uses an action that is neither
 * granted nor listed here, or when a granted action is gone from the code: a change to a handler or
 * a store module that needs another action fails there, not with AccessDenied in AWS (DynamoDB Local
 * does not check IAM).
 */

/** The item actions a Kawal function can be granted on the table. */
export type TableAction =
  | 'dynamodb:GetItem'
  | 'dynamodb:Query'
  | 'dynamodb:PutItem'
  | 'dynamodb:UpdateItem'
  | 'dynamodb:DeleteItem'
  | 'dynamodb:ConditionCheckItem'
  | 'dynamodb:BatchGetItem'
  | 'dynamodb:BatchWriteItem';

/** The actions that change items (the others only read). */
export const WRITE_ACTIONS: readonly TableAction[] = [
  'dynamodb:PutItem',
  'dynamodb:UpdateItem',
  'dynamodb:DeleteItem',
  'dynamodb:BatchWriteItem',
];

export interface TableGrant {
  /** Actions on the table itself (Query here: on the table's own partition and sort key). */
  table: readonly TableAction[];
  /** Whether it Queries the global secondary indexes (dynamodb:Query on each index of the table). */
  indexes: boolean;
  /** Actions in the function's bundle that no path of it takes, with why; never granted. */
  unreached?: Partial<Record<TableAction, string>>;
}

/** content-repo.ts returns one object with every method, so a bundle that reads content has them all. */
const CONTENT_WRITES_BUNDLED =
  "content-repo's draft save and publish (an Update of the head in a transaction) come with its reads; this function never saves or publishes content";
/** commitCaseChange's ConditionCheck: only for a change without a head but with an expected version. */
const NO_HEADLESS_CHECK =
  'commitCaseChange checks the head with a ConditionCheck only for a change with an expected version and no new head; no caller makes one (a change either writes the head or does not check it)';

/**
 * One entry per deployed handler, keyed `<kind>/<name>` like its file functions/<kind>/<name>.ts.
 */
export const TABLE_GRANTS: Readonly<Record<string, TableGrant>> = {
  // Health check (GetItem of a key that never exists) and the caller's NIP (GetItem of the user).
  'api/platform': {
    table: ['dynamodb:GetItem'],
    indexes: false,
  },
  // Forms: heads, drafts and versions (GetItem); versions of one form (Query) and the list of forms
  // (Query on gsi1); saving a draft (transaction: Put draft, Update head); publishing (transaction:
  // Put version, Update head, Delete the draft it consumes).
  'api/forms': {
    table: [
      'dynamodb:GetItem',
      'dynamodb:Query',
      'dynamodb:PutItem',
      'dynamodb:UpdateItem',
      'dynamodb:DeleteItem',
    ],
    indexes: true,
  },
  // Rulesets: the same content writes as forms; evaluating a ruleset on a case reads the case (GetItem,
  // Query of its latest data), appends an audit entry (PutItem) and may commit the decided head
  // (transaction of Puts); the open cases a ruleset touches come office by office from gsi3, offices
  // from gsi1, the calendar from a Query.
  'api/rulesets': {
    table: [
      'dynamodb:GetItem',
      'dynamodb:Query',
      'dynamodb:PutItem',
      'dynamodb:UpdateItem',
      'dynamodb:DeleteItem',
    ],
    indexes: true,
    unreached: { 'dynamodb:ConditionCheckItem': NO_HEADLESS_CHECK },
  },
  // Case types, offices and packs: content writes as forms (a pack import publishes forms, rulesets and
  // case types); saving an office (PutItem); publishing a case type moves open cases of a removed stage
  // (Query on gsi1 and gsi3, transaction of Puts); the impact preview reads open cases office by
  // office (gsi3) and their latest data (Query).
  'api/processes': {
    table: [
      'dynamodb:GetItem',
      'dynamodb:Query',
      'dynamodb:PutItem',
      'dynamodb:UpdateItem',
      'dynamodb:DeleteItem',
    ],
    indexes: true,
    unreached: { 'dynamodb:ConditionCheckItem': NO_HEADLESS_CHECK },
  },
  // The users directory: a person (GetItem), an office's people and the offices (Query on gsi1 only),
  // an invitation (PutItem, conditional) and a change (UpdateItem, conditional on the version).
  'api/people': {
    table: ['dynamodb:GetItem', 'dynamodb:PutItem', 'dynamodb:UpdateItem'],
    indexes: true,
  },
  // Cases: every change is one transaction of Puts (head, client keys, appended records, versioned
  // drafts and referrals) and Deletes (the work draft a submission replaces, inbox entries a move
  // clears); reads are audited after they happen (PutItem); a case's items and inboxes are Queries on
  // the table, caseloads Queries on gsi2 to gsi5, the client search on gsi6, cases due on gsi1; people,
  // offices, services, content and weekly numbers are read with GetItem and Query. Content is only read.
  'api/cases': {
    table: ['dynamodb:GetItem', 'dynamodb:Query', 'dynamodb:PutItem', 'dynamodb:DeleteItem'],
    indexes: true,
    unreached: {
      'dynamodb:UpdateItem': CONTENT_WRITES_BUNDLED,
      'dynamodb:ConditionCheckItem': NO_HEADLESS_CHECK,
    },
  },
  // Referral services: one (GetItem), the list (Query on gsi1), save (PutItem) and remove (DeleteItem);
  // the working-day calendar: all years (Query) and one year saved (PutItem).
  'api/directory': {
    table: ['dynamodb:GetItem', 'dynamodb:Query', 'dynamodb:PutItem', 'dynamodb:DeleteItem'],
    indexes: true,
  },
  // The daily job: first the sweep lists each office's cases due (Query on gsi1, DUE#<office>), marks
  // each overdue with a conditional UpdateItem and keeps the day's checkpoint (PutItem); heads still on
  // the old due partition are re-keyed (UpdateItem); then open cases office by office (Query on gsi1
  // for the offices, gsi3 for the cases), their case types (GetItem) and latest data and calendar
  // (Query); a decided case is committed as a transaction of Puts with its audit entry; each office's
  // week of numbers is a PutItem.
  'jobs/deadlines': {
    table: ['dynamodb:GetItem', 'dynamodb:Query', 'dynamodb:PutItem', 'dynamodb:UpdateItem'],
    indexes: true,
    unreached: {
      'dynamodb:DeleteItem':
        "content-repo's publish and commitCaseChange's removals come with the reads and commits this job uses; the daily decisions only write heads and audit entries",
      'dynamodb:ConditionCheckItem': NO_HEADLESS_CHECK,
    },
  },
  // The seed after a deploy: publishes default content as an administrator would (GetItem, Query,
  // transactions of Put, Update and Delete), moves open cases of a changed case type (Query on gsi1
  // and gsi3, transactions of Puts), then gives older case heads their client key items (Query on
  // gsi3, transaction: Update head, Put key items).
  'jobs/seed-content': {
    table: [
      'dynamodb:GetItem',
      'dynamodb:Query',
      'dynamodb:PutItem',
      'dynamodb:UpdateItem',
      'dynamodb:DeleteItem',
    ],
    indexes: true,
    unreached: { 'dynamodb:ConditionCheckItem': NO_HEADLESS_CHECK },
  },
};

/** The grant of one handler; synth fails for a handler without one. */
export function tableGrantOf(handler: string): TableGrant {
  const grant = TABLE_GRANTS[handler];
  if (!grant) {
    throw new Error(
      `No table grant for ${handler}: add it to TABLE_GRANTS in cdk/lib/table-grants.ts with the actions its code uses`,
    );
  }
  return grant;
}

/** Whether a grant changes items. */
export function writesItems(grant: TableGrant): boolean {
  return grant.table.some((action) => WRITE_ACTIONS.includes(action));
}

/**
 * The actions on the table's KMS key that go with a grant, allowed only through DynamoDB
 * (kms:ViaService). DynamoDB decrypts the table key with the caller's rights on every access, reads
 * and writes alike: kms:Decrypt. A function that writes also gets kms:Encrypt and kms:GenerateDataKey,
 * as AWS documents for principals writing a table under a customer managed key. Never ReEncrypt,
 * DescribeKey or CreateGrant: creating the table and changing its key are CloudFormation's.
 */
export function keyActionsOf(grant: TableGrant): string[] {
  return writesItems(grant) ? ['kms:Decrypt', 'kms:Encrypt', 'kms:GenerateDataKey'] : ['kms:Decrypt'];
}

/**
 * Fails synth when the table and the deployed handlers disagree: a handler without an entry, an entry
 * for a handler no longer deployed (a rename left it stale), an action both granted and unreached, or
 * anything that is not an item action (a wildcard, Scan).
 */
export function checkTableGrants(deployed: readonly string[], grants = TABLE_GRANTS): void {
  for (const handler of deployed) {
    if (!grants[handler]) tableGrantOf(handler);
  }
  const allowed = new Set<string>([
    'dynamodb:GetItem',
    'dynamodb:Query',
    'dynamodb:PutItem',
    'dynamodb:UpdateItem',
    'dynamodb:DeleteItem',
    'dynamodb:ConditionCheckItem',
    'dynamodb:BatchGetItem',
    'dynamodb:BatchWriteItem',
  ]);
  for (const [handler, grant] of Object.entries(grants)) {
    if (!deployed.includes(handler)) {
      throw new Error(`TABLE_GRANTS names ${handler}, which is not deployed`);
    }
    for (const action of grant.table) {
      if (!allowed.has(action))
        throw new Error(`TABLE_GRANTS gives ${handler} ${action}, not an item action`);
      if (grant.unreached?.[action] !== undefined) {
        throw new Error(`TABLE_GRANTS both grants ${handler} ${action} and calls it unreached`);
      }
    }
  }
}

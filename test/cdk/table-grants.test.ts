/**
 * Least privilege on the case table. Two checks meet at cdk/lib/table-grants.ts:
 * - the code: every deployed handler is bundled as esbuild bundles it for Lambda (tree-shaken), and the
 *   DynamoDB commands left in Kawal's own modules (and the parts of their transactions) must be
 *   exactly the actions its grant names, besides those it declares unreached;
 * - the template: each function's IAM policy allows exactly those actions, on the table and (only for
 *   functions that query them) on its indexes, with the matching key actions, and no policy anywhere
 *   allows dynamodb:Scan or a DynamoDB wildcard.
 */
import { join } from 'node:path';
import * as clientDynamodb from '@aws-sdk/client-dynamodb';
import * as libDynamodb from '@aws-sdk/lib-dynamodb';
import { CfnElement, type Stack } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import type { IConstruct } from 'constructs';
import { build } from 'esbuild';
import { beforeAll, describe, expect, it } from 'vitest';
import { type KawalFunction, REPO_ROOT } from '../../cdk/lib/kawal-function';
import {
  checkTableGrants,
  keyActionsOf,
  TABLE_GRANTS,
  type TableGrant,
  tableGrantOf,
} from '../../cdk/lib/table-grants';
import { TABLE_SPEC } from '../../functions/store/table-spec';
import { buildKawal, fakeWebDist } from './synth';

// ---- what the code does ---------------------------------------------------------------------------

/** Every DynamoDB command class either SDK package exports, by name without `Command`. */
const DYNAMO_COMMANDS = new Set(
  [...Object.keys(libDynamodb), ...Object.keys(clientDynamodb)]
    .filter((name) => name.endsWith('Command') && name !== 'DynamoDBDocumentClientCommand')
    .map((name) => name.slice(0, -'Command'.length)),
);

/** lib-dynamodb's short names for the API operations they send. */
const DOCUMENT_OPERATIONS: Record<string, string> = {
  Get: 'GetItem',
  Put: 'PutItem',
  Update: 'UpdateItem',
  Delete: 'DeleteItem',
  BatchGet: 'BatchGetItem',
  BatchWrite: 'BatchWriteItem',
  TransactGet: 'TransactGetItems',
  TransactWrite: 'TransactWriteItems',
};

/** The IAM action of each part of a TransactWriteItems request. */
const TRANSACTION_PARTS: Record<string, string> = {
  Put: 'dynamodb:PutItem',
  Update: 'dynamodb:UpdateItem',
  Delete: 'dynamodb:DeleteItem',
  ConditionCheck: 'dynamodb:ConditionCheckItem',
};

interface CodeUse {
  /** IAM actions the code can need, each with the modules that send it. */
  actions: Map<string, Set<string>>;
  /** Whether some Kawal module of the bundle queries an index. */
  queriesIndexes: boolean;
  /** Kawal's modules in the bundle (to tell an empty scan from a broken one). */
  modules: string[];
}

/** Bundles functions/<handler>.ts as Lambda gets it (unminified) and reads what Kawal's modules send. */
async function codeUseOf(handler: string): Promise<CodeUse> {
  const result = await build({
    entryPoints: [join(REPO_ROOT, 'functions', `${handler}.ts`)],
    absWorkingDir: REPO_ROOT,
    bundle: true,
    write: false,
    platform: 'node',
    format: 'esm',
    target: 'node22',
    mainFields: ['module', 'main'],
    tsconfig: join(REPO_ROOT, 'tsconfig.json'),
    logLevel: 'silent',
  });
  const text = result.outputFiles[0]?.text ?? '';
  // esbuild heads each module's code with a `// <path>` comment when it does not minify.
  const parts = text.split(/^\/\/ (\S+)$/m);
  const use: CodeUse = { actions: new Map(), queriesIndexes: false, modules: [] };
  const add = (action: string, module: string) => {
    const modules = use.actions.get(action) ?? new Set<string>();
    modules.add(module);
    use.actions.set(action, modules);
  };
  for (let i = 1; i < parts.length; i += 2) {
    const module = parts[i] ?? '';
    const code = parts[i + 1] ?? '';
    if (!module.startsWith('functions/')) continue;
    use.modules.push(module);
    for (const match of code.matchAll(/\bnew (\w+?)Command\d*\(/g)) {
      const command = match[1] ?? '';
      if (!DYNAMO_COMMANDS.has(command)) continue;
      const operation = DOCUMENT_OPERATIONS[command] ?? command;
      if (operation === 'TransactWriteItems') {
        for (const part of code.matchAll(/\b(Put|Update|Delete|ConditionCheck): \{/g)) {
          add(TRANSACTION_PARTS[part[1] ?? ''] ?? `unknown part ${part[1]}`, module);
        }
      } else if (operation === 'TransactGetItems') {
        add('dynamodb:GetItem', module);
      } else {
        add(`dynamodb:${operation}`, module);
      }
    }
    if (/\bIndexName:/.test(code)) use.queriesIndexes = true;
  }
  return use;
}

/** The actions a grant allows: its table actions, and Query when it queries the indexes. */
function allowed(grant: TableGrant): string[] {
  return [...new Set([...grant.table, ...(grant.indexes ? ['dynamodb:Query'] : [])])].sort();
}

const HANDLERS = Object.keys(TABLE_GRANTS).sort();

describe('Table grants against the code', () => {
  const codes = new Map<string, CodeUse>();

  beforeAll(async () => {
    for (const handler of HANDLERS) codes.set(handler, await codeUseOf(handler));
  }, 120_000);

  function codeOf(handler: string): CodeUse {
    const use = codes.get(handler);
    if (!use) throw new Error(`${handler} was not bundled`);
    return use;
  }

  it('reads the store modules of every handler (the scan found Kawal code and DynamoDB commands)', () => {
    for (const handler of HANDLERS) {
      const use = codeOf(handler);
      expect(use.modules, handler).toContain('functions/store/client.ts');
      expect(use.actions.size, handler).toBeGreaterThan(0);
    }
  });

  it('finds no Scan, no batch read and no PartiQL in any handler: every list is a Query', () => {
    for (const handler of HANDLERS) {
      const found = [...codeOf(handler).actions.keys()];
      expect(found, handler).not.toContain('dynamodb:Scan');
      const unknown = found.filter(
        (action) =>
          !/^dynamodb:(GetItem|Query|PutItem|UpdateItem|DeleteItem|ConditionCheckItem|BatchWriteItem)$/.test(
            action,
          ),
      );
      expect(unknown, handler).toEqual([]);
    }
  });

  for (const handler of HANDLERS) {
    it(`grants ${handler} exactly what its code sends, but what it declares unreached`, () => {
      const grant = tableGrantOf(handler);
      const use = codeOf(handler);
      const unreached = Object.keys(grant.unreached ?? {});
      // Declared unreached: present in the bundle (else the note is stale) and not granted.
      for (const action of unreached) {
        expect([...use.actions.keys()], `${handler}: ${action} declared unreached`).toContain(action);
      }
      const needed = [...use.actions.keys()].filter((action) => !unreached.includes(action)).sort();
      const where = Object.fromEntries([...use.actions].map(([action, modules]) => [action, [...modules]]));
      expect(allowed(grant), `${handler} sends ${JSON.stringify(where)}`).toEqual(needed);
      expect(grant.indexes, `${handler}: index queries in its code`).toBe(use.queriesIndexes);
    });
  }

  it('has read-only handlers that only read: platform gets GetItem alone', () => {
    expect(allowed(tableGrantOf('api/platform'))).toEqual(['dynamodb:GetItem']);
    expect(keyActionsOf(tableGrantOf('api/platform'))).toEqual(['kms:Decrypt']);
  });

  it('lets the daily job query, put its decisions and weekly numbers and update overdue heads, nothing else', () => {
    expect(allowed(tableGrantOf('jobs/deadlines'))).toEqual([
      'dynamodb:GetItem',
      'dynamodb:PutItem',
      'dynamodb:Query',
      'dynamodb:UpdateItem',
    ]);
  });
});

describe('Table grants table', () => {
  it('refuses a handler without an entry, an entry for nothing deployed, and an action both granted and unreached', () => {
    expect(() => checkTableGrants(HANDLERS)).not.toThrow();
    expect(() => checkTableGrants([...HANDLERS, 'api/reports'])).toThrow(/No table grant for api\/reports/);
    expect(() => checkTableGrants(HANDLERS.filter((h) => h !== 'api/forms'))).toThrow(/names api\/forms/);
    const contradictory = {
      ...TABLE_GRANTS,
      'api/platform': {
        table: ['dynamodb:GetItem'],
        indexes: false,
        unreached: { 'dynamodb:GetItem': 'x' },
      },
    } satisfies Record<string, TableGrant>;
    expect(() => checkTableGrants(HANDLERS, contradictory)).toThrow(/both grants/);
  });
});

// ---- what the template allows -----------------------------------------------------------------------

type Json = Record<string, unknown>;

function logicalIdOf(stack: Stack, construct: IConstruct): string {
  const child = construct.node.defaultChild;
  if (!(child instanceof CfnElement))
    throw new Error(`${construct.node.path} has no CloudFormation resource`);
  return stack.getLogicalId(child);
}

/** A resource of a statement, as a short name: TABLE, TABLE/index/<name>, KEY, or its JSON. */
function resourceName(resource: unknown): string {
  const json = JSON.stringify(resource);
  if (/^\{"Fn::ImportValue":"[^"]*ExportsOutputFnGetAttTable[0-9A-F]{8}Arn[^"]*"\}$/.test(json))
    return 'TABLE';
  if (/^\{"Fn::ImportValue":"[^"]*ExportsOutputFnGetAttTableKey[^"]*"\}$/.test(json)) return 'KEY';
  const joined = (resource as { 'Fn::Join'?: [string, unknown[]] })['Fn::Join'];
  if (joined && joined[0] === '' && joined[1].length === 2 && typeof joined[1][1] === 'string') {
    return `${resourceName(joined[1][0])}${joined[1][1]}`;
  }
  return json;
}

/** Every (action, resource) an IAM role's policies allow, with the statements' conditions. */
function allowedPairs(
  template: Template,
  roleId: string,
): { pairs: string[]; conditions: Map<string, unknown> } {
  const pairs: string[] = [];
  const conditions = new Map<string, unknown>();
  for (const policy of Object.values(template.findResources('AWS::IAM::Policy'))) {
    const roles = (policy.Properties?.Roles ?? []) as Json[];
    if (!roles.some((role) => role.Ref === roleId)) continue;
    for (const statement of policy.Properties.PolicyDocument.Statement as Json[]) {
      expect(statement.Effect).toBe('Allow');
      const actions = ([] as unknown[]).concat(statement.Action);
      const resources = ([] as unknown[]).concat(statement.Resource);
      for (const action of actions) {
        for (const resource of resources) {
          const pair = `${String(action)} ${resourceName(resource)}`;
          pairs.push(pair);
          if (statement.Condition) conditions.set(pair, statement.Condition);
        }
      }
    }
  }
  return { pairs: pairs.sort(), conditions };
}

describe('Table grants in the template', () => {
  const kawal = buildKawal();
  kawal.app.synth();
  const api = Template.fromStack(kawal.api);
  const functions = new Map<string, KawalFunction>([
    ...[...kawal.api.functions].map(([name, fn]): [string, KawalFunction] => [`api/${name}`, fn]),
    ...[...kawal.api.jobs].map(([name, fn]): [string, KawalFunction] => [`jobs/${name}`, fn]),
  ]);

  it('deploys exactly the handlers of the grants table', () => {
    expect([...functions.keys()].sort()).toEqual(HANDLERS);
  });

  for (const handler of HANDLERS) {
    it(`allows ${handler} its actions on the table, the indexes and the key, and no other table action`, () => {
      const fn = functions.get(handler);
      if (!fn) throw new Error(`no function for ${handler}`);
      const roleId = logicalIdOf(kawal.api, fn.role ?? fn);
      const grant = tableGrantOf(handler);
      const { pairs, conditions } = allowedPairs(api, roleId);
      const tablePairs = pairs.filter((pair) => / (TABLE|KEY)/.test(pair));
      const expected = [
        ...grant.table.map((action) => `${action} TABLE`),
        ...(grant.indexes
          ? TABLE_SPEC.indexes.map((index) => `dynamodb:Query TABLE/index/${index.name}`)
          : []),
        ...keyActionsOf(grant).map((action) => `${action} KEY`),
      ].sort();
      expect(tablePairs, handler).toEqual(expected);
      // DynamoDB actions name nothing but the table and its indexes.
      expect(
        pairs.filter((pair) => pair.startsWith('dynamodb:') && !/ TABLE(\/index\/gsi\d+)?$/.test(pair)),
      ).toEqual([]);
      // The key only through DynamoDB, in this region.
      for (const action of keyActionsOf(grant)) {
        expect(conditions.get(`${action} KEY`), `${handler} ${action}`).toEqual({
          StringEquals: {
            'kms:ViaService': { 'Fn::Join': ['', ['dynamodb.ap-southeast-3.', { Ref: 'AWS::URLSuffix' }]] },
          },
        });
      }
    });
  }

  it('allows dynamodb:Scan and DynamoDB wildcards nowhere, in either stack, with or without the web app', () => {
    const dist = fakeWebDist();
    const withWeb = buildKawal({ webDist: dist });
    for (const stack of [kawal.data, kawal.api, withWeb.data, withWeb.api]) {
      const text = JSON.stringify(Template.fromStack(stack).toJSON());
      expect(text, stack.stackName).not.toMatch(/"dynamodb:(Scan|\*|[A-Za-z]*\*)"/);
      expect(text, stack.stackName).not.toMatch(/"Action":"\*"|"Action":\["\*"\]/);
    }
  });
});

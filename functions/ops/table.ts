/**
 * `npm run table -- <command>`: the case table's operations tool (./table-tool.ts), for the restore
 * runbook in DEPLOY.md. Uses the AWS CLI's credentials and region (AWS_REGION / AWS_PROFILE), or
 * DynamoDB Local with --endpoint. Exits 1 when a check finds a problem or a command fails.
 *
 *   check <table>                 is it shaped as Kawal needs; what must be turned on again
 *   compare <a> <b>               item counts per kind and the items that differ
 *   copy <from> <to> [--only P]   write the items of <from> (or those whose key starts with P) into <to>
 */
import { parseArgs } from 'node:util';
import { checkTable, compareTables, copyItems, tableClient } from './table-tool';

const USAGE = `usage: npm run table -- check <table>
       npm run table -- compare <table-a> <table-b>
       npm run table -- copy <from> <to> [--only <key prefix, e.g. CASE#01J...>]
options: --region <region> (default AWS_REGION or ap-southeast-3), --endpoint <url> (DynamoDB Local)`;

/** Prints at most `limit` keys of a list, then how many more. */
function list(title: string, keys: string[], limit = 20): string[] {
  if (keys.length === 0) return [];
  const more = keys.length > limit ? [`  … and ${keys.length - limit} more`] : [];
  return [`${title} (${keys.length}):`, ...keys.slice(0, limit).map((key) => `  ${key}`), ...more];
}

export async function run(argv: string[]): Promise<{ code: number; lines: string[] }> {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: { region: { type: 'string' }, endpoint: { type: 'string' }, only: { type: 'string' } },
  });
  const [command, first, second] = positionals;
  const client = tableClient({
    ...(values.region ? { region: values.region } : {}),
    ...(values.endpoint ? { endpoint: values.endpoint } : {}),
  });
  try {
    if (command === 'check' && first) {
      const { problems, warnings } = await checkTable(client, first);
      const lines = [
        problems.length === 0 ? `${first}: shaped as Kawal needs` : `${first}: NOT usable by Kawal`,
        ...problems.map((problem) => `  problem: ${problem}`),
        ...warnings.map((warning) => `  turn on again: ${warning}`),
      ];
      return { code: problems.length === 0 ? 0 : 1, lines };
    }
    if (command === 'compare' && first && second) {
      const result = await compareTables(client, first, second);
      const same =
        result.counts.length === 0 &&
        result.onlyInA.length + result.onlyInB.length + result.different.length === 0;
      const lines = same
        ? [`${first} and ${second} hold the same items`]
        : [
            ...result.counts.map((row) => `${row.kind}: ${row.a} in ${first}, ${row.b} in ${second}`),
            ...list(`only in ${first}`, result.onlyInA),
            ...list(`only in ${second}`, result.onlyInB),
            ...list('different', result.different),
          ];
      return { code: 0, lines };
    }
    if (command === 'copy' && first && second) {
      const written = await copyItems(client, first, second, values.only);
      return {
        code: 0,
        lines: [
          `${written} item(s) written from ${first} into ${second}${values.only ? ` (keys ${values.only}…)` : ''}`,
        ],
      };
    }
    return { code: 1, lines: [USAGE] };
  } finally {
    client.raw.destroy();
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  run(process.argv.slice(2)).then(
    ({ code, lines }) => {
      console.log(lines.join('\n'));
      process.exitCode = code;
    },
    (error: unknown) => {
      console.error(`table: ${(error as Error).name}: ${(error as Error).message}`);
      process.exitCode = 1;
    },
  );
}

/**
 * Cold start of each Lambda: every deployed handler (functions/api/<fn>.ts per deployed `fn` of the
 * route table, and functions/jobs/*.ts) is bundled with the esbuild options the CDK construct uses
 * (cdk/lib/kawal-function.ts: ESM, node22, minified, source map without sources, the `require` banner,
 * nothing external), next to a baseline handler that only creates the DynamoDB client. Each bundle is
 * then imported in a fresh `node` process (with `--enable-source-maps`, as deployed), one handler
 * after the other in rounds so a busy machine slows all alike; the import is timed inside the process.
 * Lines over the targets (import ≤ 1.3× the baseline, bundle ≤ 500 KB) are marked, not failed. A second
 * table names the largest packages in each bundle (esbuild's metafile), to say where the bytes go.
 *
 * What an import costs (measured here: bundles cut down, `--cpu-prof` on the import, and each package
 * bundled alone): about half is V8 parsing the bundle, in proportion to its size, whatever is evaluated;
 * the rest is evaluating modules at load. Packages reached only through `await import()` stay in the
 * bundle but are evaluated on first use (json-rules-engine). The floor of any Kawal handler is about
 * 500-530 KB: the DynamoDB client (~340 KB, the baseline), the X-Ray SDK the Tracer needs (~105 KB with
 * semver and cls-hooked; bundled, but imported only in Lambda with tracing on, so not timed here) and
 * Powertools' Logger, Metrics and Tracer (~45 KB). Handlers that validate or compute add ajv with its
 * formats (~150 KB), re2js (~147 KB), jsonata (~81 KB) and, for rules, json-rules-engine with
 * jsonpath-plus (~100 KB). test/README.md has the table by package.
 *
 * Alone: `npx tsx test/bench/cold-start.ts [runs]` (15 runs by default).
 */
import { execFile } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { promisify } from 'node:util';
import { build } from 'esbuild';
import { deployedFunctions } from '../../functions/api/routes';
import { ROOT } from './report';

const run = promisify(execFile);

/** What the work on cold starts aims at; lines over either are marked "over target". */
export const COLD_START_TARGETS = { ratio: 1.3, bundleKb: 500 } as const;

/** cdk/lib/kawal-function.ts's REQUIRE_BANNER. */
const REQUIRE_BANNER =
  "import { createRequire as __kawalCreateRequire } from 'node:module'; const require = __kawalCreateRequire(import.meta.url);";

const BASELINE = 'baseline (DynamoDB client only)';

/** A handler whose module only creates the document client, as functions/store/client.ts does. */
const BASELINE_SOURCE = `
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
const client = DynamoDBDocumentClient.from(new DynamoDBClient({ region: process.env.AWS_REGION, maxAttempts: 3 }), {
  marshallOptions: { removeUndefinedValues: true, convertEmptyValues: false },
});
export const handler = async () => ({ statusCode: 200, body: typeof client.send });
`;

/** Times the import of the bundle given as argument; prints milliseconds. */
const RUNNER = `const start = performance.now();
await import(process.argv[2]);
process.stdout.write(String(performance.now() - start));
`;

export interface ColdStart {
  handler: string;
  bytes: number;
  /** Output bytes by package, largest first. */
  packages: [string, number][];
  minMs: number;
  medianMs: number;
  /** minMs over the baseline's minMs. */
  ratio: number;
  overTarget: boolean;
}

interface Bundle {
  handler: string;
  file: string;
  bytes: number;
  /** Output bytes by package (`kawal` for the repository's own code), largest first. */
  packages: [string, number][];
}

/** The npm package a bundled file comes from (the innermost node_modules), or `kawal`. */
function packageOf(path: string): string {
  const parts = path.split('node_modules/');
  if (parts.length === 1) return 'kawal';
  const [scope, name] = (parts[parts.length - 1] ?? '').split('/');
  const pkg = scope?.startsWith('@') ? `${scope}/${name}` : (scope ?? path);
  // The SDK's own building blocks are one thing to the reader: the AWS SDK.
  return /^@(aws-sdk|smithy|aws-crypto|aws)\//.test(pkg) ||
    ['tslib', 'fast-xml-parser', 'strnum', 'bowser', 'mnemonist', 'obliterator'].includes(pkg)
    ? 'AWS SDK'
    : pkg;
}

/** The handlers Lambda runs: `api/<fn>` per deployed function, `jobs/<name>` per job file. */
export function deployedHandlers(): string[] {
  const jobs = readdirSync(join(ROOT, 'functions', 'jobs'))
    .filter((file) => file.endsWith('.ts'))
    .map((file) => `jobs/${file.slice(0, -'.ts'.length)}`);
  return [...deployedFunctions().map((fn) => `api/${fn}`), ...jobs].sort();
}

async function bundle(handler: string, outDir: string, source?: string): Promise<Bundle> {
  const dir = join(outDir, handler.replace(/[^a-z0-9-]+/gi, '_'));
  mkdirSync(dir, { recursive: true });
  const file = join(dir, 'index.mjs');
  const { metafile } = await build({
    ...(source
      ? { stdin: { contents: source, loader: 'ts', resolveDir: ROOT, sourcefile: 'baseline.ts' } }
      : { entryPoints: [join(ROOT, 'functions', `${handler}.ts`)] }),
    absWorkingDir: ROOT,
    bundle: true,
    outfile: file,
    platform: 'node',
    format: 'esm',
    target: 'node22',
    mainFields: ['module', 'main'],
    banner: { js: REQUIRE_BANNER },
    minify: true,
    sourcemap: true,
    sourcesContent: false,
    tsconfig: join(ROOT, 'tsconfig.json'),
    logLevel: 'warning',
    metafile: true,
  });
  const sizes = new Map<string, number>();
  for (const output of Object.values(metafile.outputs)) {
    for (const [path, input] of Object.entries(output.inputs)) {
      sizes.set(packageOf(path), (sizes.get(packageOf(path)) ?? 0) + input.bytesInOutput);
    }
  }
  return { handler, file, bytes: statSync(file).size, packages: [...sizes].sort((a, b) => b[1] - a[1]) };
}

async function importMs(runner: string, file: string): Promise<number> {
  const { stdout } = await run(process.execPath, ['--enable-source-maps', runner, pathToFileURL(file).href], {
    cwd: tmpdir(),
    timeout: 60_000,
    env: {
      PATH: process.env.PATH ?? '',
      AWS_REGION: 'ap-southeast-3',
      KAWAL_TABLE: 'kawal-cold-start',
      AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true',
    },
  });
  const ms = Number(stdout.trim());
  if (!Number.isFinite(ms)) throw new Error(`${file}: no timing in ${JSON.stringify(stdout)}`);
  return ms;
}

/** Which target a line misses: "ok", or "over: ratio, size". */
function overWhat(result: ColdStart): string {
  const over = [
    ...(result.ratio > COLD_START_TARGETS.ratio ? ['ratio'] : []),
    ...(result.bytes > COLD_START_TARGETS.bundleKb * 1024 ? ['size'] : []),
  ];
  return over.length > 0 ? `over target: ${over.join(', ')}` : 'ok';
}

const median = (values: number[]): number => {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1
    ? (sorted[middle] ?? Number.NaN)
    : ((sorted[middle - 1] ?? Number.NaN) + (sorted[middle] ?? Number.NaN)) / 2;
};

/** Bundles every handler and the baseline, imports each `runs` times, and prints the table. */
export async function coldStartBench(runs = 15): Promise<ColdStart[]> {
  const outDir = mkdtempSync(join(tmpdir(), 'kawal-cold-start-'));
  try {
    const bundles = [await bundle(BASELINE, outDir, BASELINE_SOURCE)];
    for (const handler of deployedHandlers()) bundles.push(await bundle(handler, outDir));
    const runner = join(outDir, 'runner.mjs');
    writeFileSync(runner, RUNNER);

    const samples = new Map<string, number[]>(bundles.map((b) => [b.handler, []]));
    for (let round = 0; round < runs; round++) {
      for (const b of bundles) samples.get(b.handler)?.push(await importMs(runner, b.file));
    }
    const baselineMin = Math.min(...(samples.get(BASELINE) ?? []));
    const results = bundles.map((b): ColdStart => {
      const times = samples.get(b.handler) ?? [];
      const minMs = Math.min(...times);
      const ratio = minMs / baselineMin;
      return {
        handler: b.handler,
        bytes: b.bytes,
        packages: b.packages,
        minMs,
        medianMs: median(times),
        ratio,
        overTarget:
          b.handler !== BASELINE &&
          (ratio > COLD_START_TARGETS.ratio || b.bytes > COLD_START_TARGETS.bundleKb * 1024),
      };
    });

    console.log(
      `\nCold start: import of each handler bundle in a fresh node (${runs} runs; targets ≤ ${COLD_START_TARGETS.ratio}× baseline, ≤ ${COLD_START_TARGETS.bundleKb} KB)`,
    );
    console.table(
      results.map((r) => ({
        handler: r.handler,
        'bundle KB': (r.bytes / 1024).toFixed(0),
        'import ms min': r.minMs.toFixed(1),
        'import ms median': r.medianMs.toFixed(1),
        'ratio (min)': `${r.ratio.toFixed(2)}×`,
        target: r.handler === BASELINE ? '' : overWhat(r),
      })),
    );
    console.log('What each bundle holds (KB of minified output, largest packages)');
    console.table(
      results.map((r) => ({
        handler: r.handler,
        packages: r.packages
          .slice(0, 6)
          .map(([name, bytes]) => `${name} ${(bytes / 1024).toFixed(0)}`)
          .join(', '),
      })),
    );
    return results;
  } finally {
    rmSync(outDir, { recursive: true, force: true });
  }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const runs = Number(process.argv[2] ?? 15);
  await coldStartBench(Number.isInteger(runs) && runs > 0 ? runs : 15);
}

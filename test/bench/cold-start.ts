/**
 * Cold start of each Lambda: every deployed handler (functions/api/<fn>.ts per deployed `fn` of the
 * route table, and functions/jobs/*.ts) is packaged as the stack packages it (cdk/lib/bundle.ts: esbuild
 * with code splitting, ESM, node22, minified, source maps without sources, nothing external), next to a
 * baseline handler that only creates the DynamoDB client (cold-start-baseline.ts, packaged the same
 * way). Each package's `index.mjs` is then imported in a fresh `node` process (with
 * `--enable-source-maps`, as deployed), one handler after the other in rounds so a busy machine slows
 * all alike; the import is timed inside the process. Each handler is timed twice per round: as here, and
 * with Lambda's environment, where tracing is on and platform/tracing.ts loads the X-Ray SDK at start.
 *
 * "start KB" is what an import loads (the entry and its static chunks); "start KB, traced" adds the
 * Tracer's chunks; "package KB" is every chunk, those loaded by a first request that needs them included
 * (ajv's compiler, re2js, JSONata, json-rules-engine, @rjsf/utils, the SDK's unused credential
 * providers). Lines over the targets (import ≤ 1.3× the baseline, start ≤ 500 KB, both untraced) are
 * marked, not failed. A second table times the first request: the start, then the heaviest of the use
 * cases the handler file loads on first use (each route's module; a job's run loads every step), since
 * a start that defers a route's code only helps if the start and the route together cost less. A
 * third names the largest packages loaded at start and on first use.
 *
 * What an import costs (measured here: bundles cut down, `--cpu-prof` on the import, and each package
 * bundled alone): about half is V8 compiling what it loads, in proportion to its size; the rest is
 * evaluating modules at load (an `Intl` formatter made at load costs milliseconds: made on first use).
 * test/README.md has the table by package.
 *
 * Alone: `npx tsx test/bench/cold-start.ts [runs]` (25 runs by default; each line reports its minimum).
 */
import { execFile } from 'node:child_process';
import { mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { promisify } from 'node:util';
import { bundleHandler, ENTRY_FILE, initialOutputs, packageOfInput } from '../../cdk/lib/bundle';
import { deployedFunctions } from '../../functions/api/routes';
import { ROOT } from './report';

const run = promisify(execFile);

/** What the work on cold starts aims at; lines over either are marked "over target". */
export const COLD_START_TARGETS = { ratio: 1.3, bundleKb: 500 } as const;

const BASELINE = 'baseline (DynamoDB client only)';

/** Imports per handler and way of timing it; each line reports its minimum. */
const RUNS = 25;

/**
 * Times the import of the bundle given as first argument, then of the chunks given after it (a first
 * request's use case); prints milliseconds.
 */
const RUNNER = `const start = performance.now();
for (const file of process.argv.slice(2)) await import(file);
process.stdout.write(String(performance.now() - start));
`;

export interface ColdStart {
  handler: string;
  /** Bytes loaded before the first request, without and with tracing. */
  bytes: number;
  tracedBytes: number;
  totalBytes: number;
  /** Import with tracing on (Lambda's environment), and its ratio to the baseline's untraced minimum. */
  tracedMinMs: number;
  tracedRatio: number;
  /** Output bytes loaded before the first request, by package, largest first. */
  packages: [string, number][];
  lazyPackages: [string, number][];
  minMs: number;
  medianMs: number;
  /** minMs over the baseline's minMs. */
  ratio: number;
  /** The first request: the start and its heaviest use case (a job: its whole run), untraced. */
  firstUse: { what: string; bytes: number; minMs: number; ratio: number };
  overTarget: boolean;
}

interface Bundle {
  handler: string;
  file: string;
  /** Bytes loaded before the first request (the entry and its static chunks). */
  bytes: number;
  /** The same with tracing on, as in Lambda by default: the X-Ray SDK's chunks too. */
  tracedBytes: number;
  /** Bytes of the whole package, the chunks loaded on first use included. */
  totalBytes: number;
  /** Output bytes loaded before the first request, by package (`kawal` for the repository's own code), largest first. */
  packages: [string, number][];
  /** Output bytes in chunks loaded on first use, by package, largest first. */
  lazyPackages: [string, number][];
  /** What the first request loads after the start (files to import after `file`), and its total bytes. */
  firstUse: { what: string; files: string[]; bytes: number };
}

/**
 * What a first request loads on top of the start: the use cases the handler file itself loads on first
 * use (its own `import()` calls, one per use-case module), each with its static chunks. An HTTP
 * function's first request loads one of them: the heaviest is taken. A job's run loads them all. What a
 * use case then loads on its own first use (ajv's compiler, the rules engine, the X-Ray SDK) is left
 * out, as it is for the start.
 */
function firstUseOf(
  handler: string,
  built: ReturnType<typeof bundleHandler>,
): { what: string; files: string[]; bytes: number } {
  const { metafile } = built;
  const start = new Set(built.initialOutputs);
  const bytesOf = (outputs: Iterable<string>) =>
    [...outputs].reduce((sum, output) => sum + (metafile.outputs[output]?.bytes ?? 0), 0);
  // The handler file's own `import()` calls, and the chunk esbuild made of each imported module.
  const imported = (metafile.inputs[`functions/${handler}.ts`]?.imports ?? [])
    .filter((edge) => edge.kind === 'dynamic-import' && !edge.external)
    .map((edge) => edge.path);
  const chunkOf = new Map(
    Object.entries(metafile.outputs).flatMap(([output, { entryPoint }]) =>
      entryPoint ? [[entryPoint, output] as const] : [],
    ),
  );
  const useCases = imported.flatMap((module) => {
    const chunk = chunkOf.get(module);
    return chunk ? [{ module: module.replace(/^functions\/|\.ts$/g, ''), chunk }] : [];
  });
  const loads = (chunks: string[]) => {
    const added = new Set(
      chunks.flatMap((chunk) => initialOutputs(metafile, chunk)).filter((o) => !start.has(o)),
    );
    return { files: chunks.map((chunk) => join(ROOT, chunk)), bytes: bytesOf(start) + bytesOf(added) };
  };
  if (useCases.length === 0) return { what: 'nothing more', files: [], bytes: bytesOf(start) };
  if (handler.startsWith('jobs/')) {
    return { what: 'the whole run', ...loads(useCases.map((useCase) => useCase.chunk)) };
  }
  const heaviest = useCases
    .map((useCase) => ({ what: useCase.module, ...loads([useCase.chunk]) }))
    .reduce((a, b) => (b.bytes > a.bytes ? b : a));
  return heaviest;
}

/** The npm package a bundled file comes from (the innermost node_modules), or `kawal`. */
function packageOf(path: string): string {
  const pkg = packageOfInput(path);
  if (pkg === undefined) return 'kawal';
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

function bundle(handler: string, outDir: string, entry = join(ROOT, 'functions', `${handler}.ts`)): Bundle {
  const built = bundleHandler({
    root: ROOT,
    outDir: join(outDir, handler.replace(/[^a-z0-9-]+/gi, '_')),
    entry,
  });
  const initial = new Set(built.initialOutputs);
  // With tracing on (Lambda's default), the start also loads the Tracer's chunks (platform/tracing.ts).
  const outputs = built.metafile.outputs;
  const tracerChunks = Object.keys(outputs).filter((output) =>
    Object.keys(outputs[output]?.inputs ?? {}).some((input) =>
      input.includes('@aws-lambda-powertools/tracer/'),
    ),
  );
  const traced = new Set(
    [built.entryOutput, ...tracerChunks].flatMap((root) => initialOutputs(built.metafile, root)),
  );
  const sizes = new Map<string, number>();
  const lazy = new Map<string, number>();
  for (const [output, { inputs }] of Object.entries(built.metafile.outputs)) {
    const into = initial.has(output) ? sizes : lazy;
    for (const [path, input] of Object.entries(inputs)) {
      into.set(packageOf(path), (into.get(packageOf(path)) ?? 0) + input.bytesInOutput);
    }
  }
  const largestFirst = (map: Map<string, number>) => [...map].sort((a, b) => b[1] - a[1]);
  return {
    handler,
    file: join(built.dir, ENTRY_FILE),
    bytes: built.initialBytes,
    tracedBytes: [...traced].reduce((sum, output) => sum + (outputs[output]?.bytes ?? 0), 0),
    totalBytes: built.totalBytes,
    packages: largestFirst(sizes),
    lazyPackages: largestFirst(lazy),
    firstUse: firstUseOf(handler, built),
  };
}

/** What Lambda sets that turns tracing on (platform/tracing.ts loads the X-Ray SDK then). */
const LAMBDA_ENV = {
  AWS_EXECUTION_ENV: 'AWS_Lambda_nodejs22.x',
  AWS_LAMBDA_FUNCTION_NAME: 'kawal-cold-start',
  _HANDLER: 'index.handler',
};

async function importMs(runner: string, file: string, traced = false, then: string[] = []): Promise<number> {
  const files = [file, ...then].map((path) => pathToFileURL(path).href);
  const { stdout } = await run(process.execPath, ['--enable-source-maps', runner, ...files], {
    cwd: tmpdir(),
    timeout: 60_000,
    env: {
      PATH: process.env.PATH ?? '',
      AWS_REGION: 'ap-southeast-3',
      KAWAL_TABLE: 'kawal-cold-start',
      AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true',
      ...(traced ? { ...LAMBDA_ENV, LAMBDA_TASK_ROOT: dirname(file) } : {}),
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
export async function coldStartBench(runs = RUNS): Promise<ColdStart[]> {
  const outDir = mkdtempSync(join(tmpdir(), 'kawal-cold-start-'));
  try {
    const bundles = [bundle(BASELINE, outDir, join(ROOT, 'test', 'bench', 'cold-start-baseline.ts'))];
    for (const handler of deployedHandlers()) bundles.push(bundle(handler, outDir));
    const runner = join(outDir, 'runner.mjs');
    writeFileSync(runner, RUNNER);

    const samples = new Map<string, number[]>(bundles.map((b) => [b.handler, []]));
    const tracedSamples = new Map<string, number[]>(bundles.map((b) => [b.handler, []]));
    const firstUseSamples = new Map<string, number[]>(bundles.map((b) => [b.handler, []]));
    for (let round = 0; round < runs; round++) {
      for (const b of bundles) {
        samples.get(b.handler)?.push(await importMs(runner, b.file));
        if (b.handler === BASELINE) continue;
        tracedSamples.get(b.handler)?.push(await importMs(runner, b.file, true));
        firstUseSamples.get(b.handler)?.push(await importMs(runner, b.file, false, b.firstUse.files));
      }
    }
    const baselineMin = Math.min(...(samples.get(BASELINE) ?? []));
    const results = bundles.map((b): ColdStart => {
      const times = samples.get(b.handler) ?? [];
      const minMs = Math.min(...times);
      const ratio = minMs / baselineMin;
      const tracedTimes = tracedSamples.get(b.handler) ?? [];
      const tracedMinMs = tracedTimes.length > 0 ? Math.min(...tracedTimes) : minMs;
      const firstUseTimes = firstUseSamples.get(b.handler) ?? [];
      const firstUseMs = firstUseTimes.length > 0 ? Math.min(...firstUseTimes) : minMs;
      return {
        handler: b.handler,
        bytes: b.bytes,
        tracedBytes: b.tracedBytes,
        totalBytes: b.totalBytes,
        tracedMinMs,
        tracedRatio: tracedMinMs / baselineMin,
        packages: b.packages,
        lazyPackages: b.lazyPackages,
        minMs,
        medianMs: median(times),
        ratio,
        firstUse: {
          what: b.firstUse.what,
          bytes: b.firstUse.bytes,
          minMs: firstUseMs,
          ratio: firstUseMs / baselineMin,
        },
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
        'start KB': (r.bytes / 1024).toFixed(0),
        'start KB, traced': (r.tracedBytes / 1024).toFixed(0),
        'package KB': (r.totalBytes / 1024).toFixed(0),
        'import ms min': r.minMs.toFixed(1),
        'import ms median': r.medianMs.toFixed(1),
        'ratio (min)': `${r.ratio.toFixed(2)}×`,
        'traced ms min': r.handler === BASELINE ? '' : r.tracedMinMs.toFixed(1),
        'traced ratio': r.handler === BASELINE ? '' : `${r.tracedRatio.toFixed(2)}×`,
        target: r.handler === BASELINE ? '' : overWhat(r),
      })),
    );
    console.log(
      'The first request: the start, then the heaviest use case the handler loads on first use (a job: every step of its run), untraced',
    );
    console.table(
      results
        .filter((r) => r.handler !== BASELINE)
        .map((r) => ({
          handler: r.handler,
          'then loads': r.firstUse.what,
          KB: (r.firstUse.bytes / 1024).toFixed(0),
          'ms min': r.firstUse.minMs.toFixed(1),
          'ratio (min)': `${r.firstUse.ratio.toFixed(2)}×`,
        })),
    );
    const list = (packages: [string, number][]) =>
      packages
        .slice(0, 6)
        .map(([name, bytes]) => `${name} ${(bytes / 1024).toFixed(0)}`)
        .join(', ');
    console.log('What each package holds (KB of minified output, largest packages first)');
    console.table(
      results.map((r) => ({
        handler: r.handler,
        'loaded at start': list(r.packages),
        'loaded on first use': list(r.lazyPackages),
      })),
    );
    return results;
  } finally {
    rmSync(outDir, { recursive: true, force: true });
  }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const runs = Number(process.argv[2] ?? RUNS);
  await coldStartBench(Number.isInteger(runs) && runs > 0 ? runs : RUNS);
}

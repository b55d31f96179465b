/**
 * The package each Lambda gets (cdk/lib/bundle.ts): esbuild with code splitting, so what a cold start
 * loads is the entry and its static chunks, and the heavy packages wait for the first request that
 * needs them. This checks which packages are where, per deployed handler; the sizes and import times
 * are measured in `npm run bench` (test/bench/cold-start.ts), never asserted here.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import {
  bundleHandler,
  ENTRY_FILE,
  type HandlerBundle,
  initialOutputs,
  packageOfInput,
} from '../../cdk/lib/bundle';
import { REPO_ROOT } from '../../cdk/lib/kawal-function';
import { deployedFunctions } from '../../functions/api/routes';

/** Packages only some requests need: ajv's compiler, RE2, JSONata, the rules engine, the X-Ray SDK. */
const LOADED_ON_FIRST_USE = ['ajv', 're2js', 'jsonata', 'json-rules-engine', 'aws-xray-sdk-core'];

const HANDLERS = [
  ...deployedFunctions().map((fn) => `api/${fn}`),
  ...readdirSync(join(REPO_ROOT, 'functions', 'jobs'))
    .filter((file) => file.endsWith('.ts'))
    .map((file) => `jobs/${file.slice(0, -'.ts'.length)}`),
];

const outRoot = mkdtempSync(join(tmpdir(), 'kawal-bundle-test-'));
afterAll(() => rmSync(outRoot, { recursive: true, force: true }));

const bundles = new Map<string, HandlerBundle>();
function bundleOf(handler: string): HandlerBundle {
  let bundle = bundles.get(handler);
  if (!bundle) {
    bundle = bundleHandler({
      root: REPO_ROOT,
      outDir: join(outRoot, handler.replace('/', '-')),
      entry: join(REPO_ROOT, 'functions', `${handler}.ts`),
    });
    bundles.set(handler, bundle);
  }
  return bundle;
}

/** The repository's own modules whose code is in the output files a start loads. */
function ownModulesAtStart(bundle: HandlerBundle): string[] {
  const initial = new Set(bundle.initialOutputs);
  return Object.entries(bundle.metafile.outputs)
    .filter(([output]) => initial.has(output))
    .flatMap(([, { inputs }]) => Object.keys(inputs).filter((input) => packageOfInput(input) === undefined));
}

/** The npm packages whose code is in the given output files of a bundle. */
function packagesIn(bundle: HandlerBundle, files: 'initial' | 'all'): Set<string> {
  const initial = new Set(bundle.initialOutputs);
  const found = new Set<string>();
  for (const [output, { inputs }] of Object.entries(bundle.metafile.outputs)) {
    if (files === 'initial' && !initial.has(output)) continue;
    for (const input of Object.keys(inputs)) {
      const name = packageOfInput(input);
      if (name) found.add(name);
    }
  }
  return found;
}

describe('a Lambda package', () => {
  it.each(HANDLERS)(
    '%s loads no compiler, pattern engine, JSONata, rules engine or X-Ray at start',
    (handler) => {
      const bundle = bundleOf(handler);
      expect(bundle.initialFiles[0]).toBe(ENTRY_FILE);
      const atStart = packagesIn(bundle, 'initial');
      // The scan sees packages: the DynamoDB client is in every start.
      expect(atStart).toContain('@aws-sdk/lib-dynamodb');
      for (const name of LOADED_ON_FIRST_USE) expect(atStart, `${handler}: ${name}`).not.toContain(name);
    },
  );

  // `platform` has no use cases: its health and identity routes read the store directly.
  it.each(HANDLERS.filter((handler) => handler.startsWith('api/') && handler !== 'api/platform'))(
    '%s starts without its use cases: each loads with the first request that calls it',
    (handler) => {
      const atStart = ownModulesAtStart(bundleOf(handler));
      // The middy stack and the table's client are what every request needs.
      expect(atStart).toContain('functions/platform/http.ts');
      expect(atStart).toContain('functions/store/client.ts');
      // Of the use cases, only the request checks (ids, page sizes) and the retry of a write load early.
      const useCases = atStart.filter((path) => path.startsWith('functions/cases/'));
      for (const path of useCases)
        expect(['functions/cases/content-ids.ts', 'functions/cases/retry.ts']).toContain(path);
      expect(atStart.filter((path) => path.startsWith('functions/decisions/'))).toEqual([]);
      const all = Object.values(bundleOf(handler).metafile.outputs).flatMap(({ inputs }) =>
        Object.keys(inputs),
      );
      expect(all.filter((path) => path.startsWith('functions/cases/')).length).toBeGreaterThan(
        useCases.length,
      );
    },
  );

  it("starts the daily job without the day's decisions, and the deploy seed without its steps", () => {
    const daily = ownModulesAtStart(bundleOf('jobs/deadlines'));
    expect(daily).toContain('functions/store/cases-repo.ts');
    expect(daily).not.toContain('functions/cases/daily.ts');
    expect(daily.filter((path) => path.startsWith('functions/decisions/'))).toEqual([]);
    const seed = ownModulesAtStart(bundleOf('jobs/seed-content'));
    expect(seed).toContain('functions/store/client.ts');
    expect(seed.filter((path) => path.startsWith('functions/cases/'))).toEqual([]);
  });

  it('still holds those packages, for the requests that need them', () => {
    const all = packagesIn(bundleOf('api/cases'), 'all');
    for (const name of LOADED_ON_FIRST_USE) expect(all).toContain(name);
    expect(bundleOf('api/cases').totalBytes).toBeGreaterThan(bundleOf('api/cases').initialBytes);
  });

  it('is written to a temporary folder that is gone when the synthesizing process ends', () => {
    // A synth with bundling, in a process of its own whose temporary folder is a fresh one.
    const temp = mkdtempSync(join(outRoot, 'tmp-'));
    const script = `
      import { App, Stack } from 'aws-cdk-lib';
      import { readdirSync } from 'node:fs';
      import { tmpdir } from 'node:os';
      import { join } from 'node:path';
      import { KawalFunction } from ${JSON.stringify(join(REPO_ROOT, 'cdk', 'lib', 'kawal-function.ts'))};
      const app = new App({ outdir: join(tmpdir(), 'cdk.out') });
      new KawalFunction(new Stack(app, 'Packaged'), 'Fn', { name: 'platform' });
      const assembly = app.synth();
      process.stdout.write(JSON.stringify({
        during: readdirSync(tmpdir()).filter((name) => name.startsWith('kawal-')),
        staged: readdirSync(assembly.directory).filter((name) => name.startsWith('asset.')),
      }));
    `;
    const output = execFileSync(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script], {
      cwd: REPO_ROOT,
      encoding: 'utf8',
      env: { ...process.env, TMPDIR: temp },
    });
    const { during, staged } = JSON.parse(output) as { during: string[]; staged: string[] };
    expect(during).toEqual([expect.stringMatching(/^kawal-platform-/)]);
    expect(staged).toHaveLength(1);
    // The package was copied into the assembly, and the process removed its own copy on exit.
    expect(existsSync(join(temp, 'cdk.out', staged[0] ?? '', ENTRY_FILE))).toBe(true);
    expect(readdirSync(temp).filter((name) => name.startsWith('kawal-'))).toEqual([]);
  });

  it('follows static imports only when naming what a start loads', () => {
    const metafile = {
      inputs: {},
      outputs: {
        'out/index.mjs': {
          bytes: 10,
          inputs: {},
          exports: [],
          imports: [
            { path: 'out/chunks/a.mjs', kind: 'import-statement' as const },
            { path: 'out/chunks/lazy.mjs', kind: 'dynamic-import' as const },
            { path: 'node:fs', kind: 'import-statement' as const, external: true },
          ],
        },
        'out/chunks/a.mjs': {
          bytes: 5,
          inputs: {},
          exports: [],
          imports: [{ path: 'out/chunks/b.mjs', kind: 'import-statement' as const }],
        },
        'out/chunks/b.mjs': {
          bytes: 5,
          inputs: {},
          exports: [],
          imports: [{ path: 'out/chunks/a.mjs', kind: 'import-statement' as const }],
        },
        'out/chunks/lazy.mjs': { bytes: 50, inputs: {}, exports: [], imports: [] },
      },
    };
    expect(initialOutputs(metafile, 'out/index.mjs')).toEqual([
      'out/index.mjs',
      'out/chunks/a.mjs',
      'out/chunks/b.mjs',
    ]);
  });
});

/**
 * How a Kawal handler is packaged for Lambda, in one place for the stack (kawal-function.ts) and the
 * cold-start benchmark (test/bench/cold-start.ts), so what is measured is what is deployed.
 *
 * esbuild bundles `functions/<kind>/<name>.ts` with code splitting: the entry (`index.mjs`) and the
 * chunks it imports statically are what Lambda loads before the first request; what the code reaches
 * only through `await import()` (the ajv compiler, re2js and jsonata for form checks, json-rules-engine
 * for rulesets, the X-Ray SDK when tracing is on) becomes chunks loaded on first use. Without
 * splitting, esbuild inlines such modules in the one file and V8 still reads them at every cold start.
 * Everything is bundled, the AWS SDK v3 clients included: the versions in package-lock.json are the
 * ones tested locally, not whatever the runtime happens to ship.
 */
import { cpSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { type BuildOptions, buildSync, type Metafile } from 'esbuild';

/**
 * ESM output loses CommonJS's `require`; bundled CJS dependencies (ajv, negotiator, ...) that
 * `require` a Node built-in at run time need one. The alias avoids clashing with an import esbuild
 * may itself emit for `createRequire`. Each output file (the entry and every chunk) gets its own.
 */
export const REQUIRE_BANNER =
  "import { createRequire as __kawalCreateRequire } from 'node:module'; const require = __kawalCreateRequire(import.meta.url);";

/** The file Lambda's `handler` setting names (`index.handler`). */
export const ENTRY_FILE = 'index.mjs';

/** esbuild's options for one handler, written into `outDir` (`index.mjs` and `chunks/`). */
export function handlerBuildOptions(options: {
  root: string;
  outDir: string;
  /** The handler's TypeScript file. */
  entry: string;
}): BuildOptions {
  return {
    entryPoints: { index: options.entry },
    absWorkingDir: options.root,
    bundle: true,
    splitting: true,
    outdir: options.outDir,
    entryNames: '[name]',
    chunkNames: 'chunks/[name]-[hash]',
    outExtension: { '.js': '.mjs' },
    platform: 'node',
    format: 'esm',
    target: 'node22',
    // Prefer packages' ESM builds: better tree-shaking, and no CJS interop wrappers.
    mainFields: ['module', 'main'],
    banner: { js: REQUIRE_BANNER },
    minify: true,
    // Stack traces in CloudWatch point at functions/*.ts lines (NODE_OPTIONS=--enable-source-maps); the
    // map needs only line mappings, embedded sources would double its size.
    sourcemap: true,
    sourcesContent: false,
    tsconfig: join(options.root, 'tsconfig.json'),
    logLevel: 'warning',
    metafile: true,
  };
}

export interface HandlerBundle {
  /** The folder Lambda gets: `index.mjs`, `chunks/`, their maps, and `content/` when asked. */
  dir: string;
  metafile: Metafile;
  /** Bytes of JavaScript loaded before the first request: the entry and its static imports. */
  initialBytes: number;
  /** Bytes of all JavaScript in the package, the chunks loaded on first use included. */
  totalBytes: number;
  /** The output files loaded before the first request, relative to `dir`. */
  initialFiles: string[];
  /** The same files as the metafile names them (its `outputs` keys), the entry first. */
  initialOutputs: string[];
  /** The entry's key in the metafile's `outputs`. */
  entryOutput: string;
}

/** The npm package a bundled input comes from (the innermost `node_modules/`), or undefined for the repository's own code. */
export function packageOfInput(path: string): string | undefined {
  const parts = path.split('node_modules/');
  if (parts.length === 1) return undefined;
  const [scope, name] = (parts[parts.length - 1] ?? '').split('/');
  return scope?.startsWith('@') ? `${scope}/${name}` : scope;
}

/**
 * The output files a process reads when it imports the entry: the entry, then every chunk reached
 * through static imports (`import-statement`), not those behind `await import()`.
 */
export function initialOutputs(metafile: Metafile, entryOutput: string): string[] {
  const seen = new Set<string>();
  const visit = (path: string) => {
    if (seen.has(path)) return;
    seen.add(path);
    for (const imported of metafile.outputs[path]?.imports ?? []) {
      if (imported.kind === 'import-statement' && !imported.external) visit(imported.path);
    }
  };
  visit(entryOutput);
  return [...seen];
}

/**
 * Bundles one handler into `outDir` (emptied first) and copies the given content beside it: folders
 * of the repository under `content/<folder>`, and files written by name under `content/<name>`.
 */
export function bundleHandler(options: {
  root: string;
  outDir: string;
  entry: string;
  contentFolders?: readonly string[];
  contentFiles?: Readonly<Record<string, string>>;
}): HandlerBundle {
  rmSync(options.outDir, { recursive: true, force: true });
  mkdirSync(options.outDir, { recursive: true });
  const result = buildSync(handlerBuildOptions(options));
  const metafile = result.metafile;
  if (!metafile) throw new Error('esbuild wrote no metafile');
  const rel = (path: string) => relative(options.outDir, join(options.root, path));
  const scripts = Object.entries(metafile.outputs).filter(([path]) => path.endsWith('.mjs'));
  const entryOutput = scripts.find(([path]) => rel(path) === ENTRY_FILE)?.[0];
  if (!entryOutput) throw new Error(`esbuild wrote no ${ENTRY_FILE} in ${options.outDir}`);
  const initial = initialOutputs(metafile, entryOutput);
  const bytesOf = (path: string) => metafile.outputs[path]?.bytes ?? 0;

  const folders = options.contentFolders ?? [];
  const files = Object.entries(options.contentFiles ?? {});
  if (folders.length + files.length > 0) mkdirSync(join(options.outDir, 'content'));
  for (const folder of folders) {
    cpSync(join(options.root, folder), join(options.outDir, 'content', folder), { recursive: true });
  }
  for (const [name, text] of files) writeFileSync(join(options.outDir, 'content', name), text);

  return {
    dir: options.outDir,
    metafile,
    initialBytes: initial.reduce((sum, path) => sum + bytesOf(path), 0),
    totalBytes: scripts.reduce((sum, [path]) => sum + bytesOf(path), 0),
    initialFiles: initial.map(rel),
    initialOutputs: initial,
    entryOutput,
  };
}

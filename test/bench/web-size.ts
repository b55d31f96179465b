/**
 * The JavaScript a browser must load before a route shows: the app's entry, the route's page chunk,
 * and every chunk either imports statically (what it imports lazily loads later), read from Vite's
 * build manifest and measured gzipped. A line may carry a budget; a route over it fails the bench.
 * Uses the build in `KAWAL_WEB_DIR` (or `web/dist`) when it has a manifest, else builds into a
 * temporary folder.
 */
import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { ROOT } from './report';

/** Vite's `.vite/manifest.json`: each chunk by its source (or `_name.js` for a shared chunk). */
export type Manifest = Record<
  string,
  { file: string; src?: string; isEntry?: boolean; isDynamicEntry?: boolean; imports?: string[] }
>;

/** A route to measure: the page module its lazy route loads, relative to `web/`. */
export interface RouteBudget {
  route: string;
  page: string;
  /** The most initial JS allowed, in KB (1024 bytes) gzipped. */
  limitKb?: number;
}

export interface RouteSize {
  route: string;
  chunks: string[];
  bytes: number;
  gzipBytes: number;
  limitKb?: number;
  withinLimit: boolean;
}

export function readManifest(dir: string): Manifest {
  return JSON.parse(readFileSync(join(dir, '.vite', 'manifest.json'), 'utf8')) as Manifest;
}

/** The files loaded before `page` shows: the entry's and the page's static import closure. */
export function initialChunks(manifest: Manifest, page: string): string[] {
  const entry = Object.keys(manifest).find((key) => manifest[key]?.isEntry);
  if (!entry) throw new Error('the manifest has no entry chunk');
  if (!manifest[page]) throw new Error(`${page} is not a chunk of the build (is its route lazy?)`);
  const seen = new Set<string>();
  const visit = (key: string) => {
    if (seen.has(key)) return;
    seen.add(key);
    for (const imported of manifest[key]?.imports ?? []) visit(imported);
  };
  visit(entry);
  visit(page);
  return [...seen]
    .map((key) => manifest[key]?.file)
    .filter((file): file is string => file?.endsWith('.js') === true)
    .sort();
}

/** The initial JS of each route in the build at `dir`, gzipped at the level servers use by default. */
export function routeSizes(dir: string, routes: readonly RouteBudget[]): RouteSize[] {
  const manifest = readManifest(dir);
  return routes.map(({ route, page, limitKb }) => {
    const chunks = initialChunks(manifest, page);
    let bytes = 0;
    let gzipBytes = 0;
    for (const file of chunks) {
      const content = readFileSync(join(dir, file));
      bytes += content.length;
      gzipBytes += gzipSync(content, { level: 6 }).length;
    }
    return {
      route,
      chunks,
      bytes,
      gzipBytes,
      ...(limitKb !== undefined ? { limitKb } : {}),
      withinLimit: limitKb === undefined || gzipBytes <= limitKb * 1024,
    };
  });
}

/** A build with a manifest: the served one if it has it, else a fresh one in a temporary folder. */
export async function builtWeb(): Promise<string> {
  const served = process.env.KAWAL_WEB_DIR ?? join(ROOT, 'web', 'dist');
  if (existsSync(join(served, '.vite', 'manifest.json'))) return served;
  const outDir = mkdtempSync(join(tmpdir(), 'kawal-web-size-'));
  const { build } = await import('vite');
  await build({
    configFile: join(ROOT, 'web', 'vite.config.ts'),
    logLevel: 'warn',
    build: { outDir, emptyOutDir: true, manifest: true, sourcemap: false },
  });
  return outDir;
}

/**
 * The routes of the caseload and the dashboard, and the studio's (its own lazily loaded part, shown
 * beside them so a change that drags the studio into the workers' routes shows); the caseload must
 * stay light on a phone's network.
 */
export const CASE_ROUTES: readonly RouteBudget[] = [
  { route: '/kasus', page: 'src/features/caseload/caseload-page.tsx', limitKb: 250 },
  { route: '/dasbor', page: 'src/features/dashboard/dashboard-page.tsx' },
  { route: '/admin', page: 'src/features/studio/studio-layout.tsx' },
  { route: '/admin/formulir/:id', page: 'src/features/studio/forms/form-editor-page.tsx' },
];

/** Prints the initial JS of `routes` and marks the run failed when one is over its budget. */
export async function webSizeBench(routes: readonly RouteBudget[] = CASE_ROUTES): Promise<RouteSize[]> {
  const sizes = routeSizes(await builtWeb(), routes);
  console.log('\nInitial JS per route (entry + page chunk + their static imports)');
  console.table(
    sizes.map((size) => ({
      route: size.route,
      chunks: size.chunks.length,
      'KB raw': (size.bytes / 1024).toFixed(1),
      'KB gzip': (size.gzipBytes / 1024).toFixed(1),
      'limit KB gzip': size.limitKb ?? '',
      result: size.withinLimit ? 'ok' : 'OVER LIMIT',
    })),
  );
  const over = sizes.filter((size) => !size.withinLimit);
  if (over.length > 0) {
    console.error(`Initial JS over budget: ${over.map((size) => size.route).join(', ')}`);
    process.exitCode = 1;
  }
  return sizes;
}

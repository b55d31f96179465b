/**
 * The validation modules that carry ajv's compiler, re2js or jsonata, loaded on first use: each
 * `import()` here is a chunk of its own in the Lambda package (cdk/lib/bundle.ts), so a cold start
 * that serves a read (a caseload, a case file) never loads or parses them. Callers import their
 * types with `import type` only.
 */
import type { ValidatorCache } from './compile';

/**
 * A module loaded once: the first call imports it, every later one gets the same promise. `import()`
 * itself is not free on every call (local mode's TypeScript loader resolves it again each time, about
 * half a millisecond), and these run on every submission and decision.
 */
export function once<T>(load: () => Promise<T>): () => Promise<T> {
  let loading: Promise<T> | undefined;
  return () => {
    loading ??= load();
    return loading;
  };
}

/** ajv's compiler with Kawal's options, formats and pattern engine. */
export const loadCompiler = once(() => import('./compile'));
/** Calculated fields (`x-calculate`, JSONata). */
export const loadCalculations = once(() => import('./calculate'));
/** The checks of a form definition an administrator saves. */
export const loadFormDefinition = once(() => import('./form-definition'));
/** ajv's standalone code writer, for the browser's precompiled validators. */
export const loadStandalone = once(() => import('./standalone'));

/** A validator cache made on its first use, with the compiler it needs. */
export function lazyValidatorCache(size?: number): () => Promise<ValidatorCache> {
  let cache: ValidatorCache | undefined;
  return async () => {
    cache ??= new (await loadCompiler()).ValidatorCache(size);
    return cache;
  };
}

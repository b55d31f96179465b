/**
 * The validation modules that carry ajv's compiler, re2js or jsonata, loaded on first use: each
 * `import()` here is a chunk of its own in the Lambda package (cdk/lib/bundle.ts), so a cold start
 * that serves a read (a caseload, a case file) never loads or parses them. Callers import their
 * types with `import type` only.
 */
import { once } from '../platform/lazy';
import type { ValidatorCache } from './compile';

/** ajv's compiler with Kawal's options, formats and pattern engine. */
export const loadCompiler = once(() => import('./compile'));
/** Calculated fields (`x-calculate`, JSONata). */
export const loadCalculations = once(() => import('./calculate'));
/** The checks of a form definition an administrator saves. */
export const loadFormDefinition = once(() => import('./form-definition'));
/** The localized details of a refused body or form: ajv-i18n, the fields' own messages, JSON Pointers. */
export const loadErrorDetails = once(() => import('./errors'));
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

/**
 * The decision modules that carry JSONata (a case type's fact sources) or ajv's compiler (the checks
 * of content an administrator saves), loaded on first use: each `import()` here is a chunk of its own
 * in the Lambda package (cdk/lib/bundle.ts), so a cold start that never needs them does not load or
 * parse them. json-rules-engine is loaded the same way by engine.ts. Callers import types with
 * `import type` only.
 */

import { once } from '../platform/lazy';

/** A case type's facts and counters: compiling their expressions and building them from a case file. */
export const loadFactSources = once(() => import('./fact-sources'));
/** The checks and tests of a case type an administrator saves or publishes. */
export const loadCaseTypeChecks = once(() => import('./case-type-check'));

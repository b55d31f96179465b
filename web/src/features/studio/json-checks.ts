/**
 * The studio editors' checks of their fixed schemas (`json-check-schemas.ts`), compiled by ajv when
 * the web app was built (the virtual module `virtual:kawal/json-checks`, written by
 * `web/vite-json-checks.ts`) and linked here to the validator runtime the forms use: the browser
 * compiles nothing, so the studio runs under the Content-Security-Policy without 'unsafe-eval'.
 */
import checks from 'virtual:kawal/json-checks';
import { VALIDATOR_RUNTIME } from '../../../../functions/validation/runtime';

export const JSON_CHECKS = checks(VALIDATOR_RUNTIME);

export type JsonCheck = (typeof JSON_CHECKS)[keyof typeof JSON_CHECKS];

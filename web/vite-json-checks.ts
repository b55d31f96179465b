/**
 * A Vite plugin serving `virtual:kawal/json-checks`: the studio editors' fixed schemas
 * (src/features/studio/json-check-schemas.ts) compiled by ajv into standalone code when the app is
 * built (functions/validation/standalone.ts, `checksModule`), so no schema is compiled in the browser.
 */
import type { Plugin } from 'vite';
import { checksModule } from '../functions/validation/standalone';
import { JSON_CHECK_SCHEMAS } from './src/features/studio/json-check-schemas';

const ID = 'virtual:kawal/json-checks';
const RESOLVED = `\0${ID}`;

export function jsonChecks(): Plugin {
  return {
    name: 'kawal-json-checks',
    resolveId: (id) => (id === ID ? RESOLVED : undefined),
    load: (id) =>
      id === RESOLVED
        ? checksModule(JSON_CHECK_SCHEMAS as unknown as Record<string, Record<string, unknown>>)
        : undefined,
  };
}

/** Modules a Vite plugin of web/vite.config.ts writes when the app is built. */
declare module 'virtual:kawal/json-checks' {
  import type { CompiledValidator, ValidatorRuntime } from '../../functions/validation/runtime';
  import type { JsonCheckName } from './features/studio/json-check-schemas';

  /** Each schema of `JSON_CHECK_SCHEMAS`' precompiled validator, linked to `runtime`. */
  const checks: (runtime: ValidatorRuntime) => Record<JsonCheckName, CompiledValidator>;
  export default checks;
}

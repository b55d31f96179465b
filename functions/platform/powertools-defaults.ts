/**
 * Powertools reads its settings from POWERTOOLS_* variables when its instances are built, which is when
 * a handler's module loads. Off Lambda (local mode, the tests, the benchmarks: AWS always sets
 * AWS_LAMBDA_FUNCTION_NAME, nothing else here does) the defaults are made quiet before that happens:
 * warnings and errors only, no metrics printed as EMF, no X-Ray. A variable already set wins, e.g.
 * `POWERTOOLS_LOG_LEVEL=INFO npm start` prints every request's line.
 *
 * Called by the modules that build Powertools instances (./logger.ts, ./metrics.ts, ./tracing.ts) right
 * before they build them. A call, not an import for its effect: in a package split into chunks
 * (cdk/lib/bundle.ts), esbuild does not keep the order in which side-effect-only imports run, and the
 * logger could be built before the defaults were set.
 */
export function powertoolsDefaults(): void {
  if (process.env.AWS_LAMBDA_FUNCTION_NAME) return;
  process.env.POWERTOOLS_LOG_LEVEL ??= 'WARN';
  process.env.POWERTOOLS_METRICS_DISABLED ??= 'true';
  process.env.POWERTOOLS_TRACE_ENABLED ??= 'false';
}

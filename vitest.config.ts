import { defineConfig } from 'vitest/config';

const env = {
  CDK_DISABLE_CLI_TELEMETRY: 'true',
  CDK_DISABLE_VERSION_CHECK: '1',
  CDK_VALIDATION: 'false',
  KAWAL_CONTENT_TTL_MS: '0',
  AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true',
  // No log lines from the handlers, not even a 5xx's (off Lambda, metrics and tracing are off already:
  // functions/platform/powertools-defaults.ts); test/unit/observability.test.ts turns them on to read them.
  POWERTOOLS_LOG_LEVEL: 'SILENT',
};

export default defineConfig({
  test: {
    env,
    reporters: ['default', './test/support/summary-reporter.ts'],
    projects: [
      { test: { name: 'unit', include: ['test/unit/**/*.test.ts'], env } },
      {
        test: {
          name: 'integration',
          include: ['test/integration/**/*.test.ts'],
          globalSetup: ['test/support/dynamodb-global-setup.ts'],
          testTimeout: 60_000,
          hookTimeout: 90_000,
          env,
        },
      },
      {
        test: {
          name: 'e2e',
          include: ['test/e2e/**/*.test.ts'],
          testTimeout: 120_000,
          hookTimeout: 120_000,
          fileParallelism: false,
          env,
        },
      },
      {
        test: {
          name: 'cdk',
          include: ['test/cdk/**/*.test.ts'],
          globalSetup: ['test/support/scratch-global-setup.ts'],
          testTimeout: 180_000,
          env,
        },
      },
    ],
  },
});

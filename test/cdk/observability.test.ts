/**
 * What the deployment gives the handlers' logs, metrics and traces (functions/platform/logger.ts,
 * metrics.ts, tracing.ts): X-Ray active tracing on every Kawal function (inside the handlers too only
 * with `tracing: "calls"`, which loads the X-Ray SDK; none with `off`), Powertools told each
 * function's service name and Kawal's metrics namespace, the stage as the metrics' dimension, and the
 * dashboard drawing those metrics for this stage only. cdk-nag's view of the X-Ray grant is in nag.test.ts.
 */
import { App, type CfnElement, Stack } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import { Tracing } from 'aws-cdk-lib/aws-lambda';
import { describe, expect, it } from 'vitest';
import { KawalFunction } from '../../cdk/lib/kawal-function';
import { COUNTERS, METRICS_NAMESPACE, REFUSALS } from '../../functions/platform/metric-names';
import { buildKawal, cdkJsonContext } from './synth';

type Json = Record<string, unknown>;

const kawal = buildKawal({ stage: 'uji' });
const template = Template.fromStack(kawal.api);
const resources = template.toJSON().Resources as Record<string, { Type: string; Properties: Json }>;

/** Every Kawal function (the API's and the jobs'), by the name its handler file has. */
const functions = [
  ...[...kawal.api.functions].map(([name, fn]) => ({ name, fn })),
  ...[...kawal.api.jobs].map(([name, fn]) => ({ name, fn })),
];

function lambdaOf(fn: KawalFunction): Json {
  const lambda = resources[kawal.api.getLogicalId(fn.node.defaultChild as CfnElement)];
  if (!lambda) throw new Error(`no Lambda for ${fn.node.path}`);
  return lambda.Properties;
}

function variablesOf(fn: KawalFunction): Record<string, unknown> {
  return ((lambdaOf(fn).Environment as Json | undefined)?.Variables ?? {}) as Record<string, unknown>;
}

/** The statements of the policies attached to a function's role. */
function statementsOf(fn: KawalFunction): Json[] {
  const roleId = kawal.api.getLogicalId(fn.role?.node.defaultChild as CfnElement);
  return Object.values(resources)
    .filter((r) => r.Type === 'AWS::IAM::Policy')
    .filter((r) => (r.Properties.Roles as { Ref: string }[]).some((role) => role.Ref === roleId))
    .flatMap((r) => (r.Properties.PolicyDocument as { Statement: Json[] }).Statement);
}

describe('tracing, logs and metrics of the Kawal functions', () => {
  it('traces every function with X-Ray by default, which it may send its traces to', () => {
    expect(functions.length).toBeGreaterThan(5);
    for (const { fn } of functions) {
      expect(lambdaOf(fn).TracingConfig, fn.node.path).toEqual({ Mode: 'Active' });
      expect(statementsOf(fn), fn.node.path).toContainEqual({
        Action: ['xray:PutTelemetryRecords', 'xray:PutTraceSegments'],
        Effect: 'Allow',
        Resource: '*',
      });
    }
  });

  it("tells Powertools each function's service name, Kawal's namespace and the stage", () => {
    for (const { name, fn } of functions) {
      expect(variablesOf(fn), fn.node.path).toMatchObject({
        POWERTOOLS_SERVICE_NAME: name,
        POWERTOOLS_METRICS_NAMESPACE: 'Kawal',
        KAWAL_STAGE: 'uji',
      });
      // By default Lambda traces each invocation and the handler loads no X-Ray SDK (tracing: "invocations").
      expect(variablesOf(fn), fn.node.path).toHaveProperty('POWERTOOLS_TRACE_ENABLED', 'false');
      // Powertools' own log level (INFO) and metrics on.
      for (const off of ['POWERTOOLS_METRICS_DISABLED', 'POWERTOOLS_LOG_LEVEL']) {
        expect(variablesOf(fn), `${fn.node.path} ${off}`).not.toHaveProperty(off);
      }
    }
    expect(METRICS_NAMESPACE).toBe('Kawal');
  });

  it('traces inside every handler with `tracing: "calls"`, and turns X-Ray off with `off`', () => {
    const calls = buildKawal({ stage: 'uji', config: { tracing: 'calls', mfa: 'admins' } });
    const off = buildKawal({ stage: 'uji', config: { tracing: 'off', mfa: 'admins' } });
    for (const [setting, built] of [
      ['calls', calls],
      ['off', off],
    ] as const) {
      const trigger = built.auth.adminMfaTrigger;
      if (!trigger) throw new Error('no sign-in trigger');
      const all = [
        ...[...built.api.functions.values(), ...built.api.jobs.values()].map((fn) => ({
          fn,
          stack: built.api,
        })),
        { fn: trigger, stack: built.auth },
      ];
      expect(all.length).toBeGreaterThan(5);
      for (const { fn, stack } of all) {
        const json = Template.fromStack(stack).toJSON() as {
          Resources: Record<string, { Properties: Json }>;
        };
        const lambda = json.Resources[stack.getLogicalId(fn.node.defaultChild as CfnElement)]?.Properties;
        if (!lambda) throw new Error(`no Lambda for ${fn.node.path}`);
        const variables = (lambda.Environment as { Variables: Json }).Variables;
        if (setting === 'calls') {
          expect(lambda.TracingConfig, fn.node.path).toEqual({ Mode: 'Active' });
          expect(variables, fn.node.path).not.toHaveProperty('POWERTOOLS_TRACE_ENABLED');
        } else {
          expect(lambda.TracingConfig, fn.node.path).toBeUndefined();
          expect(variables, fn.node.path).toHaveProperty('POWERTOOLS_TRACE_ENABLED', 'false');
        }
      }
    }
    expect(JSON.stringify(Template.fromStack(off.api).toJSON())).not.toContain('xray:');
    expect(JSON.stringify(Template.fromStack(off.auth).toJSON())).not.toContain('xray:');
  });

  it('tells a function deployed without tracing not to load the X-Ray SDK, and grants it no X-Ray', () => {
    const context = cdkJsonContext();
    context['aws:cdk:bundling-stacks'] = [];
    const stack = new Stack(new App({ context }), 'Untraced', {
      env: { account: '123456789012', region: 'ap-southeast-3' },
    });
    const fn = new KawalFunction(stack, 'Fn', { name: 'platform', tracing: Tracing.DISABLED });
    const untraced = Template.fromStack(stack).toJSON().Resources as Record<string, { Properties: Json }>;
    const lambda = untraced[stack.getLogicalId(fn.node.defaultChild as CfnElement)]?.Properties;
    expect(lambda?.TracingConfig).toBeUndefined();
    expect(lambda?.Environment).toMatchObject({
      Variables: { POWERTOOLS_TRACE_ENABLED: 'false', POWERTOOLS_SERVICE_NAME: 'platform' },
    });
    expect(JSON.stringify(untraced)).not.toContain('xray:');
  });
});

describe('the dashboard', () => {
  /** The dashboard's widgets, its references (region, topic name) read as `TOKEN`. */
  const widgets = (() => {
    const [dashboard, ...others] = Object.values(resources).filter(
      (r) => r.Type === 'AWS::CloudWatch::Dashboard',
    );
    expect(others).toEqual([]);
    const body = dashboard?.Properties.DashboardBody as { 'Fn::Join': [string, unknown[]] } | undefined;
    const text = (body?.['Fn::Join'][1] ?? [])
      .map((part) => (typeof part === 'string' ? part : 'TOKEN'))
      .join('');
    return (JSON.parse(text) as { widgets: Json[] }).widgets;
  })();
  const titled = (title: string) => widgets.find((w) => (w.properties as Json).title === title);
  const expressions = (title: string) =>
    (((titled(title)?.properties as Json | undefined)?.metrics ?? []) as unknown[][])
      .map((metric) => metric.find((part) => typeof part === 'object' && part !== null) as Json)
      .map((options) => String(options.expression));

  it("draws Kawal's own counters for this stage, whichever functions record them", () => {
    const drawn = [
      ...expressions('Submissions and decisions evaluated (per hour)'),
      ...expressions('Deadline sweep (per day)'),
    ];
    for (const counter of Object.keys(COUNTERS)) {
      expect(drawn).toContainEqual(
        expect.stringContaining(`SEARCH('{Kawal,service,stage} MetricName="${counter}" stage="uji"'`),
      );
    }
    for (const expression of drawn) expect(expression).toMatch(/^SUM\(SEARCH\(/);
  });

  it('draws the refusals line by line, by error code and function', () => {
    expect(expressions('Refusals (4xx) by error code and function (per hour)')).toEqual([
      `SEARCH('{Kawal,code,service,stage} MetricName="${REFUSALS}" stage="uji"', 'Sum', 3600)`,
    ]);
  });
});

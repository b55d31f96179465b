/**
 * What tells an agency that Kawal is unwell before its staff do: one SNS topic that every alarm
 * notifies (an e-mail address from configuration is subscribed to it), a dead-letter queue for the
 * scheduled jobs' failed runs, alarms on the API's 5xx rate, Lambda errors and throttles, the daily
 * sweep's failure or absence, DynamoDB throttles and system errors and the dead-letter queue's depth,
 * and one CloudWatch dashboard with the same numbers and Kawal's own metrics (submissions, decisions,
 * refusals by code, the deadline sweep: functions/platform/metric-names.ts), which it tells every
 * function to record under this stage (KAWAL_STAGE).
 */
import { Duration } from 'aws-cdk-lib';
import type { HttpApi } from 'aws-cdk-lib/aws-apigatewayv2';
import {
  Alarm,
  ComparisonOperator,
  Dashboard,
  GraphWidget,
  type IMetric,
  MathExpression,
  type Metric,
  SearchExpression,
  SingleValueWidget,
  TextWidget,
  TreatMissingData,
} from 'aws-cdk-lib/aws-cloudwatch';
import { SnsAction } from 'aws-cdk-lib/aws-cloudwatch-actions';
import { Operation, type Table } from 'aws-cdk-lib/aws-dynamodb';
import { SqsDestination } from 'aws-cdk-lib/aws-lambda-destinations';
import { Topic } from 'aws-cdk-lib/aws-sns';
import { EmailSubscription } from 'aws-cdk-lib/aws-sns-subscriptions';
import { Queue, QueueEncryption } from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';
import { type Counter, METRICS_NAMESPACE, REFUSALS } from '../../functions/platform/metric-names';
import type { KawalFunction } from './kawal-function';

export interface MonitoringProps {
  stage: string;
  /** Where alarms are e-mailed; without it the topic exists and can be subscribed to later. */
  alarmEmail: string | undefined;
  httpApi: HttpApi;
  table: Table;
  /** The API's functions by name. */
  functions: ReadonlyMap<string, KawalFunction>;
  /** The scheduled jobs' functions by job name. */
  jobs: ReadonlyMap<string, KawalFunction>;
}

/** The share of API requests answered 5xx over five minutes that raises the alarm. */
export const API_5XX_RATE_PERCENT = 5;
/** How long the daily sweep may be absent before the alarm: a day and an hour. */
export const JOB_ABSENCE_HOURS = 25;

/** A loose check that catches a typo in configuration (no spaces, one @, a dot in the domain). */
const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

export function checkAlarmEmail(email: string | undefined): void {
  if (email !== undefined && !EMAIL.test(email)) {
    throw new Error(`Invalid alarm e-mail "${email}": give one address such as ops@bapas.example.go.id`);
  }
}

export class Monitoring extends Construct {
  readonly topic: Topic;
  readonly jobFailures: Queue;
  readonly dashboard: Dashboard;
  readonly alarms: Alarm[] = [];

  constructor(scope: Construct, id: string, props: MonitoringProps) {
    super(scope, id);
    checkAlarmEmail(props.alarmEmail);
    const { stage, httpApi, table, functions, jobs } = props;
    const action = () => new SnsAction(this.topic);

    // Kawal's own metrics carry the stage as a dimension, so two stages in one account stay apart.
    for (const fn of [...functions.values(), ...jobs.values()]) fn.addEnvironment('KAWAL_STAGE', stage);

    this.topic = new Topic(this, 'Alarms', {
      displayName: `Kawal ${stage} alarms`,
      enforceSSL: true,
    });
    if (props.alarmEmail) this.topic.addSubscription(new EmailSubscription(props.alarmEmail));

    // A job run that failed after Lambda's own two retries lands here with its event and error.
    this.jobFailures = new Queue(this, 'JobFailures', {
      encryption: QueueEncryption.SQS_MANAGED,
      enforceSSL: true,
      retentionPeriod: Duration.days(14),
    });
    for (const fn of jobs.values()) {
      fn.configureAsyncInvoke({ onFailure: new SqsDestination(this.jobFailures), retryAttempts: 2 });
    }

    const alarm = (name: string, metric: IMetric, options: AlarmOptions): Alarm => {
      const created = new Alarm(this, name, {
        metric,
        alarmName: `kawal-${stage}-${name}`,
        alarmDescription: options.description,
        threshold: options.threshold,
        evaluationPeriods: options.evaluationPeriods ?? 1,
        datapointsToAlarm: options.datapointsToAlarm ?? options.evaluationPeriods ?? 1,
        comparisonOperator: options.comparison ?? ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
        treatMissingData: options.missing ?? TreatMissingData.NOT_BREACHING,
      });
      created.addAlarmAction(action());
      created.addOkAction(action());
      this.alarms.push(created);
      return created;
    };

    // ---- the API -------------------------------------------------------------------------------
    const fiveMinutes = Duration.minutes(5);
    const requests = httpApi.metricCount({ period: fiveMinutes });
    const serverErrors = httpApi.metricServerError({ period: fiveMinutes });
    const errorRate = new MathExpression({
      expression: 'IF(requests > 0, 100 * errors / requests, 0)',
      usingMetrics: { requests, errors: serverErrors },
      period: fiveMinutes,
      label: 'API 5xx (% of requests)',
    });
    alarm('api-5xx-rate', errorRate, {
      description: `More than ${API_5XX_RATE_PERCENT}% of API requests answered 5xx in five minutes, twice in a row`,
      threshold: API_5XX_RATE_PERCENT,
      comparison: ComparisonOperator.GREATER_THAN_THRESHOLD,
      evaluationPeriods: 2,
    });

    // ---- every function ---------------------------------------------------------------------------
    for (const [name, fn] of functions) {
      alarm(`fn-${name}-errors`, fn.metricErrors({ period: fiveMinutes }), {
        description: `The ${name} function failed (uncaught errors or timeouts) at least 5 times in five minutes`,
        threshold: 5,
      });
      alarm(`fn-${name}-throttles`, fn.metricThrottles({ period: fiveMinutes }), {
        description: `Requests to the ${name} function were throttled (concurrency limit reached)`,
        threshold: 1,
      });
    }

    // ---- the scheduled jobs ----------------------------------------------------------------------
    for (const [name, fn] of jobs) {
      alarm(`job-${name}-failed`, fn.metricErrors({ period: Duration.hours(1) }), {
        description: `A run of the ${name} job failed: overdue cases may not be flagged`,
        threshold: 1,
      });
      alarm(`job-${name}-absent`, fn.metricInvocations({ period: Duration.hours(1) }), {
        description: `The ${name} job has not run for ${JOB_ABSENCE_HOURS} hours (schedule disabled or failing to start)`,
        threshold: 1,
        comparison: ComparisonOperator.LESS_THAN_THRESHOLD,
        evaluationPeriods: JOB_ABSENCE_HOURS,
        missing: TreatMissingData.BREACHING,
      });
    }
    alarm(
      'job-failures-queued',
      this.jobFailures.metricApproximateNumberOfMessagesVisible({ period: fiveMinutes }),
      {
        description: 'A scheduled job run failed after its retries; its event waits in the dead-letter queue',
        threshold: 1,
      },
    );

    // ---- the table ---------------------------------------------------------------------------------
    const operations = [
      Operation.GET_ITEM,
      Operation.PUT_ITEM,
      Operation.QUERY,
      Operation.TRANSACT_WRITE_ITEMS,
      Operation.UPDATE_ITEM,
    ];
    alarm(
      'table-throttles',
      table.metricThrottledRequestsForOperations({ operations, period: fiveMinutes }),
      { description: 'DynamoDB throttled requests to the case table', threshold: 1 },
    );
    alarm('table-system-errors', table.metricSystemErrorsForOperations({ operations, period: fiveMinutes }), {
      description: 'DynamoDB answered requests to the case table with system errors (500)',
      threshold: 1,
    });

    // ---- one dashboard -------------------------------------------------------------------------------
    this.dashboard = new Dashboard(this, 'Dashboard', {
      dashboardName: `kawal-${stage}`,
      defaultInterval: Duration.days(1),
    });
    const hour = Duration.hours(1);
    const day = Duration.days(1);
    /** A counter of functions/platform/metric-names.ts for this stage, whichever functions record it. */
    const kawalSum = (counter: Counter, period: Duration, label: string) =>
      new MathExpression({
        expression: `SUM(SEARCH('{${METRICS_NAMESPACE},service,stage} MetricName="${counter}" stage="${stage}"', 'Sum', ${period.toSeconds()}))`,
        period,
        label,
      });
    const fnMetrics = (pick: (fn: KawalFunction) => Metric) =>
      [...functions.entries()].map(([name, fn]) => pick(fn).with({ label: name }));
    this.dashboard.addWidgets(
      new TextWidget({
        markdown: `# Kawal ${stage}\nEvery alarm below notifies the SNS topic ${this.topic.topicName}.`,
        width: 24,
        height: 2,
      }),
      new GraphWidget({
        title: 'API requests and 5xx',
        left: [requests, serverErrors],
        right: [errorRate],
        width: 12,
      }),
      new GraphWidget({
        title: 'API latency (p50, p99)',
        left: [httpApi.metricLatency({ statistic: 'p50' }), httpApi.metricLatency({ statistic: 'p99' })],
        width: 12,
      }),
      new GraphWidget({ title: 'Function errors', left: fnMetrics((fn) => fn.metricErrors()), width: 12 }),
      new GraphWidget({
        title: 'Function duration (p99)',
        left: fnMetrics((fn) => fn.metricDuration({ statistic: 'p99' })),
        width: 12,
      }),
      new GraphWidget({
        title: 'Scheduled jobs',
        left: [...jobs.entries()].flatMap(([name, fn]) => [
          fn.metricInvocations({ period: Duration.hours(1), label: `${name} runs` }),
          fn.metricErrors({ period: Duration.hours(1), label: `${name} errors` }),
        ]),
        width: 12,
      }),
      new SingleValueWidget({
        title: 'Failed job runs waiting',
        metrics: [this.jobFailures.metricApproximateNumberOfMessagesVisible()],
        width: 6,
      }),
      // Two graphs: the two sums are built from per-operation metrics with the same ids.
      new GraphWidget({
        title: 'Case table: throttled requests',
        left: [table.metricThrottledRequestsForOperations({ operations })],
        width: 6,
      }),
      new GraphWidget({
        title: 'Case table: system errors',
        left: [table.metricSystemErrorsForOperations({ operations })],
        width: 6,
      }),
    );
    // Kawal's own metrics (functions/platform/metric-names.ts), summed over the functions that record
    // them (each function is a `service`); no alarm: what is normal depends on the agency's caseload.
    this.dashboard.addWidgets(
      new GraphWidget({
        title: 'Submissions and decisions evaluated (per hour)',
        left: [
          kawalSum('Submissions', hour, 'Submissions'),
          kawalSum('DecisionsEvaluated', hour, 'Decisions evaluated'),
        ],
        width: 12,
      }),
      new GraphWidget({
        title: 'Refusals (4xx) by error code and function (per hour)',
        left: [
          new SearchExpression({
            expression: `SEARCH('{${METRICS_NAMESPACE},code,service,stage} MetricName="${REFUSALS}" stage="${stage}"', 'Sum', ${hour.toSeconds()})`,
            period: hour,
          }),
        ],
        width: 12,
      }),
      new GraphWidget({
        title: 'Deadline sweep (per day)',
        left: [
          kawalSum('SweepExamined', day, 'Cases examined'),
          kawalSum('SweepMarked', day, 'Cases marked overdue'),
        ],
        right: [kawalSum('SweepOffices', day, 'Offices swept')],
        width: 12,
      }),
    );
  }
}

interface AlarmOptions {
  description: string;
  threshold: number;
  comparison?: ComparisonOperator;
  evaluationPeriods?: number;
  datapointsToAlarm?: number;
  missing?: TreatMissingData;
}

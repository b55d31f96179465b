/**
 * The scheduled jobs, declared once: the Api stack deploys one Lambda (functions/jobs/<name>.ts,
 * export `handler`) and one EventBridge Scheduler schedule per row; what each may do on the table is in
 * ./table-grants.ts (`jobs/<name>`). Data only, like the route table,
 * and free of CDK types, so it can move next to its handlers (functions/jobs/jobs.ts, importing
 * '../domain/dates') for local mode's timer to read the same list.
 */
import { DEFAULT_TIME_ZONE } from '../../functions/domain/dates';

export interface JobSpec {
  /** The handler file `functions/jobs/<name>.ts`; also names the schedule and the Lambda output. */
  name: string;
  description: string;
  /**
   * When it runs: EventBridge cron fields (minute hour day month weekDay year; unset fields mean
   * "every"), read in `timeZone`.
   */
  cron: { minute: string; hour: string; day?: string; month?: string; weekDay?: string };
  /** An IANA time zone: the schedule follows the offices' clock, not UTC. */
  timeZone: string;
  /** The longest one run may take, in seconds (Lambda allows at most 900). */
  timeoutSeconds: number;
}

export const JOBS = [
  {
    // Five minutes after midnight in the default office time zone: sweepDeadlines() takes "today"
    // from the same zone (todayIn()), so every deadline of the day before has passed by then.
    name: 'deadlines',
    description: 'Kawal deadlines job: marks cases whose next deadline has passed as overdue',
    cron: { minute: '5', hour: '0' },
    timeZone: DEFAULT_TIME_ZONE,
    // A sweep pages through every open case due before today, one conditional update each: far more
    // than an API request's 10 seconds once an agency has a backlog.
    timeoutSeconds: 300,
  },
] as const satisfies readonly JobSpec[];

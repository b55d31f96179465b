/**
 * What a supervisor's dashboard shows beyond today's counts: the workload per PK (open cases by
 * priority, from the live caseload), and the weeks behind it. The daily run records each office's
 * counts once a day into that week's item (open and overdue cases, by priority, by stage, by PK);
 * the dashboard reads the last twelve weeks back with one Query.
 */
import { PRIORITY_LEVELS } from '../domain/case-decisions';
import { todayIn } from '../domain/dates';
import { isoWeekOf, weeksUntil } from '../domain/weeks';
import { type CaseloadCount, caseloadCounts } from '../store/cases-repo';
import { type AssigneeCounts, putWeekStats, queryWeekStats } from '../store/stats-repo';
import { listAllOffices } from './offices';

/** How many weeks the dashboard's overdue series spans, the current one included. */
export const DASHBOARD_WEEKS = 12;

/** One PK's open cases (or the office's unassigned ones, `assignee: null`). */
export interface Workload {
  assignee: string | null;
  open: number;
  overdue: number;
  byPriority: Record<string, number>;
}

/** One week of the series; the counts are null for a week the daily run recorded nothing. */
export interface WeekPoint {
  week: string;
  /** The week's Monday. */
  start: string;
  /** The day the counts were taken (the last run within the week). */
  recordedOn: string | null;
  open: number | null;
  overdue: number | null;
}

/** Open cases per PK, by priority: the most loaded first, unassigned cases last. */
export function workloadOf(rows: readonly CaseloadCount[]): Workload[] {
  const byAssignee = new Map<string | null, Workload>();
  for (const row of rows) {
    let entry = byAssignee.get(row.assignee);
    if (!entry) {
      entry = {
        assignee: row.assignee,
        open: 0,
        overdue: 0,
        byPriority: Object.fromEntries(PRIORITY_LEVELS.map((level) => [level, 0])),
      };
      byAssignee.set(row.assignee, entry);
    }
    entry.open++;
    if (row.overdue) entry.overdue++;
    entry.byPriority[row.level] = (entry.byPriority[row.level] ?? 0) + 1;
  }
  return [...byAssignee.values()].sort((a, b) => {
    if ((a.assignee === null) !== (b.assignee === null)) return a.assignee === null ? 1 : -1;
    return b.open - a.open || (a.assignee ?? '').localeCompare(b.assignee ?? '');
  });
}

/**
 * The office's overdue (and open) cases per week over the last twelve weeks, oldest first: the
 * office's, or one PK's when `assignee` is given.
 */
export async function weeklySeries(
  office: string,
  assignee: string | null,
  today: string,
): Promise<WeekPoint[]> {
  const weeks = weeksUntil(today, DASHBOARD_WEEKS);
  const first = weeks[0];
  const last = weeks[weeks.length - 1];
  const recorded = first && last ? await queryWeekStats(office, first.week, last.week) : [];
  const byWeek = new Map(recorded.map((stats) => [stats.week, stats]));
  return weeks.map(({ week, start }) => {
    const stats = byWeek.get(week);
    if (!stats) return { week, start, recordedOn: null, open: null, overdue: null };
    const counts: Pick<AssigneeCounts, 'open' | 'overdue'> =
      assignee === null
        ? stats
        : (stats.byAssignee.find((entry) => entry.assignee === assignee) ?? { open: 0, overdue: 0 });
    return { week, start, recordedOn: stats.date, open: counts.open, overdue: counts.overdue };
  });
}

/** Records every office's counts as of `now` (its own calendar day) into that week's item; how many were written. */
export async function recordWeeklyStats(now: Date = new Date()): Promise<number> {
  let written = 0;
  const recordedAt = now.toISOString();
  for (const office of await listAllOffices()) {
    const date = todayIn(office.timeZone, now);
    const rows = await caseloadCounts({ by: 'office', key: office.id }, date);
    const byPriority: Record<string, number> = Object.fromEntries(PRIORITY_LEVELS.map((level) => [level, 0]));
    const byStage: Record<string, number> = {};
    for (const row of rows) {
      byPriority[row.level] = (byPriority[row.level] ?? 0) + 1;
      byStage[row.stage] = (byStage[row.stage] ?? 0) + 1;
    }
    const { week, start } = isoWeekOf(date);
    const stored = await putWeekStats({
      office: office.id,
      week,
      weekStart: start,
      date,
      open: rows.length,
      overdue: rows.filter((row) => row.overdue).length,
      byPriority,
      byStage,
      byAssignee: workloadOf(rows).map(({ assignee, open, overdue }) => ({ assignee, open, overdue })),
      recordedAt,
    });
    if (stored) written++;
  }
  return written;
}

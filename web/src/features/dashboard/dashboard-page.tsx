/**
 * `/dasbor`, a supervisor's view of the office (a PK sees their own cases): the key figures, the
 * workload per PK by priority, cases by stage and by priority, and overdue cases per week over the
 * last twelve weeks. Each chart is drawn with recharts (this route's chunk only, so the caseload stays
 * light) and can be read as a table: the table is always there for screen readers, and a button
 * shows it on screen; the drawing itself is hidden from assistive technology.
 */
import { type ReactNode, useId, useState } from 'react';
import { Link } from 'react-router';
import {
  Bar,
  BarChart,
  CartesianGrid,
  Cell,
  Legend,
  Line,
  LineChart,
  ResponsiveContainer,
  Tooltip,
  XAxis,
  YAxis,
} from 'recharts';
import { PRIORITY_LEVELS } from '../../../../functions/domain/case-decisions';
import { DEFAULT_STAGES, PRIORITY_LABELS, useLabel, useStageName } from '../../shared/case-labels';
import { formatDate, localeOf, useI18n, useTexts } from '../../shared/i18n/language';
import { LoadError } from '../../shared/load-error';
import { useAsync } from '../../shared/use-async';
import { useDocumentTitle } from '../../shared/use-document-title';
import { usePersonNamer } from '../people/names';
import { type Dashboard, getDashboard } from './api';
import { dashboardTexts } from './texts';
import './dashboard.css';

/** Bar colours per priority level; the legend and the tables always name the level too. */
const PRIORITY_COLOURS: Record<string, string> = {
  segera: '#b3261e',
  tinggi: '#c45a00',
  sedang: '#8a6d00',
  rendah: '#56626e',
};
const BRAND = '#0b5d5b';
const DANGER = '#b3261e';

export function DashboardPage() {
  const { t } = useTexts(dashboardTexts);
  const common = useI18n();
  useDocumentTitle(t('title'));
  const state = useAsync('dashboard', (signal) => getDashboard(signal));
  return (
    <>
      <h1>{t('title')}</h1>
      {state.status === 'loading' ? <p role="status">{common.t('app.loading')}</p> : null}
      {state.status === 'failed' ? <LoadError error={state.error} retry={state.retry} /> : null}
      {state.status === 'done' ? <DashboardView dashboard={state.data} /> : null}
    </>
  );
}

function DashboardView({ dashboard }: { dashboard: Dashboard }) {
  const { t } = useTexts(dashboardTexts);
  const open = Object.values(dashboard.byPriority).reduce((sum, count) => sum + count, 0);
  return (
    <>
      <p className="muted">
        {dashboard.scope.assignee ? t('introMine') : t('intro', { office: dashboard.scope.office ?? '' })}
      </p>
      <Totals dashboard={dashboard} open={open} />
      <div className="dashboard-grid">
        <Workload dashboard={dashboard} />
        <OverdueWeeks dashboard={dashboard} />
        <ByStage dashboard={dashboard} />
        <ByPriority dashboard={dashboard} />
      </div>
    </>
  );
}

function Totals({ dashboard, open }: { dashboard: Dashboard; open: number }) {
  const { t } = useTexts(dashboardTexts);
  const ids = useId();
  const tiles: { key: string; label: string; value: number; to: string; alert?: boolean }[] = [
    { key: 'open', label: t('open'), value: open, to: '/kasus' },
    { key: 'overdue', label: t('overdue'), value: dashboard.overdue, to: '/kasus?overdue=true', alert: true },
    ...(dashboard.incomingTransfers !== undefined
      ? [
          {
            key: 'transfers',
            label: t('incomingTransfers'),
            value: dashboard.incomingTransfers,
            to: '/kasus',
          },
        ]
      : []),
    ...(dashboard.pendingApprovals !== undefined
      ? [{ key: 'approvals', label: t('pendingApprovals'), value: dashboard.pendingApprovals, to: '/kasus' }]
      : []),
  ];
  return (
    <section aria-labelledby={`${ids}-totals`} className="section">
      <h2 id={`${ids}-totals`} className="sr-only">
        {t('totals')}
      </h2>
      <ul className="dashboard-totals">
        {tiles.map((tile) => (
          <li key={tile.key} className={tile.alert && tile.value > 0 ? 'stat stat-alert' : 'stat'}>
            <Link to={tile.to} data-testid={`total-${tile.key}`}>
              <span className="total-label">{tile.label}</span>
              <span className="stat-number">{tile.value}</span>
            </Link>
          </li>
        ))}
      </ul>
    </section>
  );
}

/** Room for the longest category label beside a bar, within reason on a phone. */
function labelWidth(labels: readonly string[]): number {
  const longest = Math.max(0, ...labels.map((label) => label.length));
  return Math.min(150, 16 + longest * 7);
}

/** A chart with its table: the drawing for the eye, the table for everyone who asks for it. */
function ChartSection({
  title,
  hint,
  chart,
  table,
  wide,
}: {
  title: string;
  hint?: string;
  chart: ReactNode;
  table: (captionId: string) => ReactNode;
  wide?: boolean;
}) {
  const { t } = useTexts(dashboardTexts);
  const ids = useId();
  const [showTable, setShowTable] = useState(false);
  return (
    <section aria-labelledby={`${ids}-title`} className={wide ? 'chart-card chart-wide' : 'chart-card'}>
      <div className="chart-heading">
        <h2 id={`${ids}-title`}>{title}</h2>
        <button
          type="button"
          className="button button-small"
          aria-expanded={showTable}
          aria-controls={`${ids}-table`}
          onClick={() => setShowTable((shown) => !shown)}
        >
          {showTable ? t('hideTable') : t('showTable')}
        </button>
      </div>
      {hint ? <p className="meta">{hint}</p> : null}
      <div className="chart" aria-hidden="true">
        {chart}
      </div>
      <div id={`${ids}-table`} className={showTable ? 'table-wrap' : 'sr-only'}>
        {table(`${ids}-title`)}
      </div>
    </section>
  );
}

function Workload({ dashboard }: { dashboard: Dashboard }) {
  const { t } = useTexts(dashboardTexts);
  const label = useLabel();
  const personName = usePersonNamer(null);
  const rows = dashboard.byAssignee.map((entry) => ({
    name: entry.assignee === null ? t('unassigned') : personName(entry.assignee),
    ...entry.byPriority,
    open: entry.open,
    overdue: entry.overdue,
  }));
  if (rows.length === 0) {
    return (
      <section className="chart-card chart-wide">
        <h2>{t('workload')}</h2>
        <p className="muted">{t('noCases')}</p>
      </section>
    );
  }
  return (
    <ChartSection
      wide
      title={t('workload')}
      hint={t('workloadHint')}
      chart={
        <ResponsiveContainer width="100%" height={56 + rows.length * 40}>
          <BarChart data={rows} layout="vertical" accessibilityLayer={false} margin={{ left: 8, right: 16 }}>
            <CartesianGrid horizontal={false} />
            <XAxis type="number" allowDecimals={false} />
            <YAxis type="category" dataKey="name" width={labelWidth(rows.map((row) => row.name))} />
            <Tooltip />
            <Legend itemSorter={null} />
            {PRIORITY_LEVELS.map((level) => (
              <Bar
                key={level}
                dataKey={level}
                name={label(PRIORITY_LABELS, level)}
                stackId="priority"
                fill={PRIORITY_COLOURS[level]}
                isAnimationActive={false}
              />
            ))}
          </BarChart>
        </ResponsiveContainer>
      }
      table={(captionId) => (
        <table className="table" aria-labelledby={captionId} data-testid="workload-table">
          <thead>
            <tr>
              <th scope="col">{t('pk')}</th>
              {PRIORITY_LEVELS.map((level) => (
                <th scope="col" key={level}>
                  {label(PRIORITY_LABELS, level)}
                </th>
              ))}
              <th scope="col">{t('total')}</th>
              <th scope="col">{t('overdueCount')}</th>
            </tr>
          </thead>
          <tbody>
            {dashboard.byAssignee.map((entry, index) => (
              <tr key={entry.assignee ?? ''}>
                <th scope="row">{rows[index]?.name}</th>
                {PRIORITY_LEVELS.map((level) => (
                  <td key={level}>{entry.byPriority[level] ?? 0}</td>
                ))}
                <td>{entry.open}</td>
                <td>{entry.overdue}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    />
  );
}

function OverdueWeeks({ dashboard }: { dashboard: Dashboard }) {
  const { t, lang } = useTexts(dashboardTexts);
  const short = new Intl.DateTimeFormat(localeOf(lang), { day: 'numeric', month: 'short', timeZone: 'UTC' });
  const points = dashboard.overdueByWeek.map((point) => ({
    ...point,
    label: short.format(new Date(`${point.start}T00:00:00Z`)),
  }));
  const recorded = points.some((point) => point.recordedOn !== null);
  return (
    <ChartSection
      wide
      title={t('overdueWeeks')}
      hint={recorded ? t('overdueWeeksHint') : t('noHistory')}
      chart={
        <ResponsiveContainer width="100%" height={240}>
          <LineChart data={points} accessibilityLayer={false} margin={{ left: 0, right: 16, top: 8 }}>
            <CartesianGrid vertical={false} />
            <XAxis dataKey="label" interval="preserveStartEnd" />
            <YAxis allowDecimals={false} width={40} />
            <Tooltip />
            <Line
              type="monotone"
              dataKey="overdue"
              name={t('overdueCount')}
              stroke={DANGER}
              strokeWidth={2}
              connectNulls={false}
              isAnimationActive={false}
            />
          </LineChart>
        </ResponsiveContainer>
      }
      table={(captionId) => (
        <table className="table" aria-labelledby={captionId} data-testid="weeks-table">
          <thead>
            <tr>
              <th scope="col">{t('week')}</th>
              <th scope="col">{t('overdueCount')}</th>
              <th scope="col">{t('openCount')}</th>
              <th scope="col">{t('recordedOn')}</th>
            </tr>
          </thead>
          <tbody>
            {points.map((point) => (
              <tr key={point.week}>
                <th scope="row">{formatDate(point.start, lang)}</th>
                <td>{point.overdue ?? '—'}</td>
                <td>{point.open ?? '—'}</td>
                <td>{point.recordedOn ? formatDate(point.recordedOn, lang) : t('notRecorded')}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    />
  );
}

/** The stages to show: the default pack's in order, then any other the counts name (closed ones apart). */
function openStages(dashboard: Dashboard): string[] {
  const counted = Object.keys(dashboard.byStage).filter((stage) => stage !== 'terminated');
  const known = DEFAULT_STAGES.filter((stage) => counted.includes(stage));
  return [...new Set<string>([...known, ...counted])];
}

function ByStage({ dashboard }: { dashboard: Dashboard }) {
  const { t } = useTexts(dashboardTexts);
  const stageName = useStageName();
  const rows = openStages(dashboard).map((stage) => ({
    stage,
    name: stageName(stage),
    count: dashboard.byStage[stage] ?? 0,
  }));
  return (
    <ChartSection
      title={t('byStage')}
      chart={
        <ResponsiveContainer width="100%" height={40 + rows.length * 36}>
          <BarChart data={rows} layout="vertical" accessibilityLayer={false} margin={{ left: 8, right: 16 }}>
            <CartesianGrid horizontal={false} />
            <XAxis type="number" allowDecimals={false} />
            <YAxis
              type="category"
              dataKey="name"
              width={labelWidth(rows.map((row) => row.name))}
              interval={0}
            />
            <Tooltip />
            <Bar dataKey="count" name={t('cases')} fill={BRAND} isAnimationActive={false} />
          </BarChart>
        </ResponsiveContainer>
      }
      table={(captionId) => (
        <table className="table" aria-labelledby={captionId} data-testid="stage-table">
          <thead>
            <tr>
              <th scope="col">{t('stage')}</th>
              <th scope="col">{t('cases')}</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((row) => (
              <tr key={row.stage}>
                <th scope="row">{row.name}</th>
                <td>{row.count}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    />
  );
}

function ByPriority({ dashboard }: { dashboard: Dashboard }) {
  const { t } = useTexts(dashboardTexts);
  const label = useLabel();
  const rows = PRIORITY_LEVELS.map((level) => ({
    level,
    name: label(PRIORITY_LABELS, level),
    count: dashboard.byPriority[level] ?? 0,
  }));
  return (
    <ChartSection
      title={t('byPriority')}
      chart={
        <ResponsiveContainer width="100%" height={240}>
          <BarChart data={rows} accessibilityLayer={false} margin={{ left: 0, right: 8, top: 8 }}>
            <CartesianGrid vertical={false} />
            <XAxis dataKey="name" interval={0} />
            <YAxis allowDecimals={false} width={40} />
            <Tooltip />
            <Bar dataKey="count" name={t('cases')} isAnimationActive={false}>
              {rows.map((row) => (
                <Cell key={row.level} fill={PRIORITY_COLOURS[row.level]} />
              ))}
            </Bar>
          </BarChart>
        </ResponsiveContainer>
      }
      table={(captionId) => (
        <table className="table" aria-labelledby={captionId} data-testid="priority-table">
          <thead>
            <tr>
              <th scope="col">{t('priority')}</th>
              <th scope="col">{t('cases')}</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((row) => (
              <tr key={row.level}>
                <th scope="row">{row.name}</th>
                <td>{row.count}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    />
  );
}

/**
 * `/kasus`, the home page of a PK or a supervisor: the counts of the caseload, the cases as the server
 * orders them (priority, then nearest deadline), filters kept in the query string, and opening a
 * new case. A worker sees their own cases and a supervisor the office's: the server decides. The case
 * types are fetched once, for their titles and for the new-case form. Each case shows where a request
 * for approval stands (waiting, or returned with the Kabapas's comment) and its PK by name. On a phone
 * (narrower than 600 px) the cases read as cards and the summary and filters fold behind buttons, so
 * the first case shows on the first screen.
 */
import { type FormEvent, type ReactNode, useId, useMemo, useState } from 'react';
import { Link, useLocation, useSearchParams } from 'react-router';
import { PRIORITY_LEVELS } from '../../../../functions/domain/case-decisions';
import type { Page } from '../../shared/api-client';
import {
  DEFAULT_STAGES,
  DeadlineText,
  isPriorityLevel,
  isStageId,
  PRIORITY_LABELS,
  PriorityBadge,
  useCaseTypeName,
  useLabel,
  useStageName,
} from '../../shared/case-labels';
import { useI18n, useTexts } from '../../shared/i18n/language';
import { LoadError } from '../../shared/load-error';
import { MoreButton } from '../../shared/more-button';
import { useAsync } from '../../shared/use-async';
import { useDocumentTitle } from '../../shared/use-document-title';
import { useMore } from '../../shared/use-more';
import { useSession } from '../auth/session';
import { usePersonNamer } from '../people/names';
import {
  type CaseFilters,
  type CaseView,
  type Dashboard,
  getDashboard,
  listCases,
  listCaseTypes,
} from './api';
import { ApprovalState } from './approval-state';
import { caseloadTexts } from './caseload-texts';
import { InboxPanel } from './inbox-panel';
import { NewCaseForm } from './new-case-form';
import { useNarrowScreen } from './use-narrow-screen';
import './caseload.css';

function filtersOf(params: URLSearchParams): CaseFilters {
  const stage = params.get('stage');
  const priority = params.get('priority');
  return {
    ...(isStageId(stage) ? { stage } : {}),
    ...(isPriorityLevel(priority) ? { priority } : {}),
    ...(params.get('overdue') === 'true' ? { overdue: true } : {}),
  };
}

function queryOf(filters: CaseFilters): string {
  const query = new URLSearchParams();
  if (filters.stage) query.set('stage', filters.stage);
  if (filters.priority) query.set('priority', filters.priority);
  if (filters.overdue) query.set('overdue', 'true');
  const text = query.toString();
  return text ? `?${text}` : '';
}

/** The stages to count and filter by: the default pack's in order, then any other the counts name. */
function stagesOf(dashboard: Dashboard | undefined, current: string | undefined): string[] {
  const counted = Object.keys(dashboard?.byStage ?? {});
  const known: readonly string[] = DEFAULT_STAGES;
  const shown = dashboard ? known.filter((stage) => counted.includes(stage)) : [...known];
  return [...new Set([...shown, ...counted, ...(current ? [current] : [])])];
}

export function CaseloadPage() {
  const { t } = useI18n();
  const ids = useId();
  const [params] = useSearchParams();
  const filters = filtersOf(params);
  const key = queryOf(filters);
  const [creating, setCreating] = useState(false);
  const dashboard = useAsync('dashboard', (signal) => getDashboard(signal));
  const cases = useAsync(`cases${key}`, (signal) => listCases(filters, null, signal));
  const caseTypes = useAsync('case-types', (signal) => listCaseTypes(signal));
  const typeList = caseTypes.status === 'done' ? caseTypes.data.items : undefined;
  const titles = useMemo(() => new Map((typeList ?? []).map((type) => [type.id, type.title])), [typeList]);
  const stages = stagesOf(dashboard.status === 'done' ? dashboard.data : undefined, filters.stage);
  useDocumentTitle(t('caseload.title'));
  const session = useSession();
  // What a page that sent the user here had to say (e.g. a transfer rejected from the case page).
  const notice = (useLocation().state as { notice?: unknown } | null)?.notice;
  const supervisor = session?.user.roles.includes('supervisor') === true && session.user.office !== null;
  const narrow = useNarrowScreen();
  const texts = useTexts(caseloadTexts);

  return (
    <>
      <div className="page-heading">
        <div>
          <h1>{t('caseload.title')}</h1>
          {dashboard.status === 'done' ? (
            <p className="muted">
              {dashboard.data.scope.assignee
                ? t('caseload.scopeMine')
                : t('caseload.scopeOffice', { office: dashboard.data.scope.office ?? '' })}
            </p>
          ) : null}
        </div>
        <button
          type="button"
          className="button button-primary"
          aria-expanded={creating}
          aria-controls={`${ids}-new`}
          onClick={() => setCreating((open) => !open)}
        >
          {t('caseload.new')}
        </button>
      </div>
      <div id={`${ids}-new`}>
        {creating ? <NewCaseForm caseTypes={caseTypes} onCancel={() => setCreating(false)} /> : null}
      </div>

      {typeof notice === 'string' ? (
        <p role="status" className="status-success">
          {notice}
        </p>
      ) : null}
      {supervisor ? <InboxPanel folded={narrow} /> : null}

      <section aria-labelledby={`${ids}-summary`} className="section">
        <Foldable
          folded={narrow}
          id={`${ids}-summary`}
          heading={t('caseload.summary')}
          label={
            dashboard.status === 'done'
              ? `${texts.t('showSummary')}: ${texts.t('summaryLine', {
                  overdue: dashboard.data.overdue,
                  open: openCount(dashboard.data),
                })}`
              : texts.t('showSummary')
          }
        >
          {dashboard.status === 'loading' ? <p role="status">{t('app.loading')}</p> : null}
          {dashboard.status === 'failed' ? (
            <LoadError error={dashboard.error} retry={dashboard.retry} />
          ) : null}
          {dashboard.status === 'done' ? (
            <DashboardCounts dashboard={dashboard.data} stages={stages} />
          ) : null}
          {supervisor ? (
            <p className="dashboard-link">
              <Link to="/dasbor">{texts.t('dashboardLink')}</Link>
            </p>
          ) : null}
        </Foldable>
      </section>

      <section aria-labelledby={`${ids}-list`} className="section">
        <h2 id={`${ids}-list`}>{t('caseload.list')}</h2>
        <Foldable
          folded={narrow}
          id={`${ids}-filters`}
          label={
            key === ''
              ? texts.t('showFilters')
              : `${texts.t('showFilters')} (${texts.t('activeFilters', { count: activeCount(filters) })})`
          }
        >
          <Filters key={key} filters={filters} stages={stages} />
        </Foldable>
        {cases.status === 'loading' ? <p role="status">{t('app.loading')}</p> : null}
        {cases.status === 'failed' ? <LoadError error={cases.error} retry={cases.retry} /> : null}
        {cases.status === 'done' ? (
          <CaseList
            key={key}
            first={cases.data}
            filters={filters}
            filtered={key !== ''}
            captionId={`${ids}-list`}
            caseTypeTitles={titles}
            cards={narrow}
          />
        ) : null}
      </section>
    </>
  );
}

function openCount(dashboard: Dashboard): number {
  return Object.values(dashboard.byPriority).reduce((sum, count) => sum + count, 0);
}

function activeCount(filters: CaseFilters): number {
  return [filters.stage, filters.priority, filters.overdue].filter(Boolean).length;
}

/**
 * Content that folds behind a button on a phone (`folded`), and shows as it is otherwise; the
 * heading, when given, stays a heading either way.
 */
function Foldable({
  folded,
  id,
  heading,
  label,
  children,
}: {
  folded: boolean;
  id: string;
  heading?: string;
  label: string;
  children: ReactNode;
}) {
  const [open, setOpen] = useState(false);
  const title = heading ? <h2 id={id}>{heading}</h2> : null;
  if (!folded) {
    return (
      <>
        {title}
        {children}
      </>
    );
  }
  return (
    <>
      {heading ? (
        <h2 id={id} className="sr-only">
          {heading}
        </h2>
      ) : null}
      <button
        type="button"
        className="button fold-toggle"
        aria-expanded={open}
        aria-controls={`${id}-body`}
        onClick={() => setOpen((shown) => !shown)}
      >
        {label}
      </button>
      <div id={`${id}-body`} hidden={!open} className="fold-body">
        {children}
      </div>
    </>
  );
}

function DashboardCounts({ dashboard, stages }: { dashboard: Dashboard; stages: readonly string[] }) {
  const { t } = useI18n();
  const stageName = useStageName();
  return (
    <div className="stats">
      <div className={dashboard.overdue > 0 ? 'stat stat-alert' : 'stat'}>
        <h3>{t('caseload.overdue')}</h3>
        <p className="stat-number">
          <Link to="/kasus?overdue=true">{t('caseload.count', { count: dashboard.overdue })}</Link>
        </p>
      </div>
      <div className="stat">
        <h3>{t('caseload.byPriority')}</h3>
        <ul className="counts">
          {PRIORITY_LEVELS.map((level) => (
            <li key={level}>
              <Link to={`/kasus?priority=${level}`}>
                <PriorityBadge level={level} />{' '}
                <span className="count">{dashboard.byPriority[level] ?? 0}</span>
              </Link>
            </li>
          ))}
        </ul>
      </div>
      <div className="stat stat-wide">
        <h3>{t('caseload.byStage')}</h3>
        <ul className="counts">
          {stages.map((stage) => (
            <li key={stage}>
              <Link to={`/kasus?stage=${encodeURIComponent(stage)}`}>
                {stageName(stage)} <span className="count">{dashboard.byStage[stage] ?? 0}</span>
              </Link>
            </li>
          ))}
        </ul>
      </div>
    </div>
  );
}

function Filters({ filters, stages }: { filters: CaseFilters; stages: readonly string[] }) {
  const { t } = useI18n();
  const label = useLabel();
  const stageName = useStageName();
  const ids = useId();
  const [, setParams] = useSearchParams();
  const [stage, setStage] = useState<string>(filters.stage ?? '');
  const [priority, setPriority] = useState<string>(filters.priority ?? '');
  const [overdue, setOverdue] = useState(filters.overdue === true);
  const active = Boolean(filters.stage || filters.priority || filters.overdue);

  const onSubmit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const next = new URLSearchParams();
    if (stage) next.set('stage', stage);
    if (priority) next.set('priority', priority);
    if (overdue) next.set('overdue', 'true');
    setParams(next);
  };

  return (
    <form className="filters" onSubmit={onSubmit} aria-label={t('caseload.filters')}>
      <div className="field">
        <label htmlFor={`${ids}-stage`}>{t('case.stage')}</label>
        <select id={`${ids}-stage`} value={stage} onChange={(event) => setStage(event.target.value)}>
          <option value="">{t('caseload.any')}</option>
          {stages.map((value) => (
            <option key={value} value={value}>
              {stageName(value)}
            </option>
          ))}
        </select>
      </div>
      <div className="field">
        <label htmlFor={`${ids}-priority`}>{t('case.priority')}</label>
        <select id={`${ids}-priority`} value={priority} onChange={(event) => setPriority(event.target.value)}>
          <option value="">{t('caseload.any')}</option>
          {PRIORITY_LEVELS.map((value) => (
            <option key={value} value={value}>
              {label(PRIORITY_LABELS, value)}
            </option>
          ))}
        </select>
      </div>
      <div className="field field-check">
        <input
          id={`${ids}-overdue`}
          type="checkbox"
          checked={overdue}
          onChange={(event) => setOverdue(event.target.checked)}
        />
        <label htmlFor={`${ids}-overdue`}>{t('caseload.onlyOverdue')}</label>
      </div>
      <div className="filters-actions">
        <button type="submit" className="button">
          {t('caseload.apply')}
        </button>
        {active ? <Link to="/kasus">{t('caseload.clear')}</Link> : null}
      </div>
    </form>
  );
}

function CaseList({
  first,
  filters,
  filtered,
  captionId,
  caseTypeTitles,
  cards,
}: {
  first: Page<CaseView>;
  filters: CaseFilters;
  filtered: boolean;
  captionId: string;
  caseTypeTitles: ReadonlyMap<string, string>;
  cards: boolean;
}) {
  const { t } = useI18n();
  const texts = useTexts(caseloadTexts);
  const stageName = useStageName();
  const caseTypeName = useCaseTypeName();
  const personName = usePersonNamer(null);
  const list = useMore(first, (cursor) => listCases(filters, cursor));
  const items = list.items;

  if (items.length === 0) return <p>{filtered ? t('caseload.noMatch') : t('caseload.empty')}</p>;
  if (cards) {
    return (
      <>
        <ul className="case-cards" aria-labelledby={captionId}>
          {items.map((item) => {
            const next = item.deadlines[0];
            return (
              <li key={item.id} className="case-card">
                <h3 className="case-card-title">
                  <Link to={`/kasus/${encodeURIComponent(item.id)}`}>{item.client.name}</Link>
                </h3>
                <dl className="case-card-facts">
                  <div className="case-card-wide">
                    <dt>{texts.t('caseType')}</dt>
                    <dd>{item.process?.title || caseTypeName(item.caseType, caseTypeTitles)}</dd>
                  </div>
                  <div>
                    <dt>{texts.t('stage')}</dt>
                    <dd>{item.process?.stageTitle || stageName(item.stage, item.process)}</dd>
                  </div>
                  <div>
                    <dt>{texts.t('priority')}</dt>
                    <dd>
                      <PriorityBadge level={item.priority.level} />
                    </dd>
                  </div>
                  <div className="case-card-wide">
                    <dt>{texts.t('nextDeadline')}</dt>
                    <dd>{next ? <DeadlineText deadline={next} /> : texts.t('noDeadline')}</dd>
                  </div>
                  <div className="case-card-wide">
                    <dt>{texts.t('pk')}</dt>
                    <dd>{item.assignee ? personName(item.assignee) : texts.t('unassigned')}</dd>
                  </div>
                </dl>
                <ApprovalState kase={item} />
              </li>
            );
          })}
        </ul>
        <MoreButton list={list} />
      </>
    );
  }
  return (
    <>
      <div className="table-wrap">
        <table className="table caseload" aria-labelledby={captionId}>
          <thead>
            <tr>
              <th scope="col">{t('case.client')}</th>
              <th scope="col">{t('case.stage')}</th>
              <th scope="col">{t('case.priority')}</th>
              <th scope="col">{t('caseload.nextDeadline')}</th>
              <th scope="col">{t('case.assignee')}</th>
            </tr>
          </thead>
          <tbody>
            {items.map((item) => {
              const next = item.deadlines[0];
              return (
                <tr key={item.id}>
                  <th scope="row">
                    <Link to={`/kasus/${encodeURIComponent(item.id)}`}>{item.client.name}</Link>
                    <span className="meta cell-sub">
                      {item.process?.title || caseTypeName(item.caseType, caseTypeTitles)}
                    </span>
                  </th>
                  <td>
                    {item.process?.stageTitle || stageName(item.stage, item.process)}
                    <ApprovalState kase={item} />
                  </td>
                  <td>
                    <PriorityBadge level={item.priority.level} />
                  </td>
                  <td>{next ? <DeadlineText deadline={next} /> : <span className="muted">—</span>}</td>
                  <td>
                    {item.assignee ? (
                      personName(item.assignee)
                    ) : (
                      <span className="muted">{t('case.unassigned')}</span>
                    )}
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      </div>
      <MoreButton list={list} />
    </>
  );
}

/**
 * `/kasus/:id`: one case file. The head (client, case type, office, stage, assignee), the flags the
 * rules raised, a move waiting for Kabapas's approval, what the rules decided (priority with its
 * reasons, eligibility per programme), the deadlines and a pending transfer; then the work on it: the
 * forms its case type offers at this stage, the submissions so far, the stage, notes, referrals, and
 * for supervisors assignment, transfer and the audit trail. Every change the server answers with the
 * new case head updates the page in place.
 */
import { useCallback, useState } from 'react';
import { Link, useParams } from 'react-router';
import { SEX_LABELS, useCaseTypeName, useLabel, useStageName } from '../../shared/case-labels';
import { withProcess } from '../../shared/case-view';
import { formatDate, useI18n } from '../../shared/i18n/language';
import { LoadError } from '../../shared/load-error';
import { useAsync } from '../../shared/use-async';
import { useDocumentTitle } from '../../shared/use-document-title';
import { useSession } from '../auth/session';
import { OfficeName, PersonName } from '../people/names';
import { type CaseView, getCase, listFormsForCase } from './api';
import { ApprovalPanel } from './approval-panel';
import { accessOf } from './case-access';
import {
  DeadlinesSummary,
  EligibilitySummary,
  FlagsSummary,
  HeadlineFacts,
  PrioritySummary,
  TransferSummary,
  useCaseDecisions,
} from './case-summary';
import { FormsSection } from './forms-section';
import { NotesSection } from './notes-section';
import { ReferralsSection } from './referrals-section';
import { ReturnedNotice } from './returned-notice';
import { StageSection } from './stage-section';
import { SubmissionsSection } from './submissions-section';
import { SupervisorSection } from './supervisor-section';

export function CasePage() {
  const { id = '' } = useParams();
  const { t } = useI18n();
  const state = useAsync(`case:${id}`, (signal) => getCase(id, signal));
  useDocumentTitle(state.status === 'done' ? state.data.client.name : t('case.title'));

  return (
    <>
      <p className="back">
        <Link to="/kasus">{t('case.back')}</Link>
      </p>
      {state.status === 'loading' ? <p role="status">{t('app.loading')}</p> : null}
      {state.status === 'failed' ? <LoadError error={state.error} retry={state.retry} /> : null}
      {state.status === 'done' ? <CaseFile key={state.data.id} initial={state.data} /> : null}
    </>
  );
}

function CaseFile({ initial }: { initial: CaseView }) {
  const { t, lang } = useI18n();
  const label = useLabel();
  const stageName = useStageName();
  const caseTypeName = useCaseTypeName();
  const session = useSession();
  const [kase, setCase] = useState(initial);
  /** What became of the last approval decided here (the panel itself goes once it is decided). */
  const [decided, setDecided] = useState<string>();
  // The forms there are: offered for filling in, and the titles of the submissions.
  const forms = useAsync('case-forms', (signal) => listFormsForCase(signal));
  /** What the rules say today (eligibility in plain words, the RRI), read again when the case changes. */
  const decisions = useCaseDecisions(kase.id, kase.version);
  /** Bumped after a submission, so the history reloads. */
  const [submissions, setSubmissions] = useState(0);
  const refresh = useCallback(async () => {
    try {
      setCase(await getCase(initial.id));
    } catch {
      // the page keeps what it shows; the next action reports the problem
    }
  }, [initial.id]);
  /** A change answered with the new head: what the process offers now may need a fresh read. */
  const changed = useCallback(
    (next: CaseView) => {
      const { view, stale } = withProcess(kase, next);
      setCase(view);
      if (stale) void refresh();
    },
    [kase, refresh],
  );
  if (!session) return null;
  const access = accessOf(session.user, kase);

  const sections = [
    access.canWrite ? { id: `case-forms`, title: t('caseForms.title') } : undefined,
    { id: `case-submissions`, title: t('submissions.title') },
    access.canWrite ? { id: `case-stage`, title: t('stage.title') } : undefined,
    { id: `case-notes`, title: t('notes.title') },
    { id: `case-referrals`, title: t('referrals.title') },
    access.supervisor || access.receiving
      ? { id: `case-supervisor`, title: t('supervisor.title') }
      : undefined,
  ].filter((section) => section !== undefined);

  return (
    <article className="case-page">
      <header className="case-header">
        <h1>{kase.client.name}</h1>
        <dl className="facts">
          <div>
            <dt>{t('case.caseType')}</dt>
            <dd>{kase.process?.title || caseTypeName(kase.caseType)}</dd>
          </div>
          <div>
            <dt>{t('case.stage')}</dt>
            <dd data-testid="case-stage">{stageName(kase.stage, kase.process)}</dd>
          </div>
          <div>
            <dt>{t('case.office')}</dt>
            <dd>
              <OfficeName id={kase.office} />
            </dd>
          </div>
          <div>
            <dt>{t('case.assignee')}</dt>
            <dd>
              {kase.assignee ? <PersonName id={kase.assignee} office={kase.office} /> : t('case.unassigned')}
            </dd>
          </div>
          <div>
            <dt>{t('case.birthDate')}</dt>
            <dd>{formatDate(kase.client.birthDate, lang)}</dd>
          </div>
          <div>
            <dt>{t('case.sex')}</dt>
            <dd>{label(SEX_LABELS, kase.client.sex)}</dd>
          </div>
          {kase.client.nik ? (
            <div>
              <dt>{t('case.nik')}</dt>
              <dd>{kase.client.nik}</dd>
            </div>
          ) : null}
          <HeadlineFacts decisions={decisions} />
        </dl>
      </header>

      <FlagsSummary flags={kase.flags ?? []} />
      <p role="status" className="status-success">
        {decided ?? ''}
      </p>
      {kase.pendingApproval ? (
        <ApprovalPanel
          kase={kase}
          pending={kase.pendingApproval}
          access={access}
          onDecided={(next, message) => {
            setDecided(message);
            changed(next);
          }}
          onStale={refresh}
        />
      ) : null}
      <ReturnedNotice kase={kase} canAskAgain={access.canWrite} />
      <div className="case-overview">
        <PrioritySummary priority={kase.priority} />
        <DeadlinesSummary deadlines={kase.deadlines} />
        {kase.transfer ? <TransferSummary transfer={kase.transfer} /> : null}
      </div>
      <EligibilitySummary eligibility={kase.eligibility} decisions={decisions} />

      <nav className="section-nav" aria-label={t('case.sections')}>
        <ul>
          {sections.map((section) => (
            <li key={section.id}>
              <a href={`#${section.id}`}>{section.title}</a>
            </li>
          ))}
        </ul>
      </nav>

      {access.canWrite ? (
        <FormsSection
          id="case-forms"
          kase={kase}
          forms={forms}
          onSubmitted={() => {
            setSubmissions((n) => n + 1);
            void refresh();
          }}
        />
      ) : null}
      <SubmissionsSection
        id="case-submissions"
        caseId={kase.id}
        revision={submissions}
        forms={forms.status === 'done' ? forms.data : []}
      />
      {access.canWrite ? (
        <StageSection id={`case-stage`} kase={kase} access={access} onChanged={changed} onStale={refresh} />
      ) : null}
      <NotesSection id={`case-notes`} caseId={kase.id} canWrite={access.canWrite} />
      <ReferralsSection id={`case-referrals`} caseId={kase.id} canWrite={access.canWrite} />
      {access.supervisor || access.receiving ? (
        <SupervisorSection
          id={`case-supervisor`}
          kase={kase}
          access={access}
          onChanged={changed}
          onStale={refresh}
        />
      ) : null}
    </article>
  );
}

/**
 * What the rules decided about a case and what is due: the flags they raised, priority, deadlines,
 * eligibility per programme in plain sentences with the values used, the headline facts of the case
 * type (the RRI score and category), a pending transfer.
 */
import { useId } from 'react';
import type { Eligibility, Priority } from '../../../../functions/domain/case-decisions';
import type { PendingTransfer } from '../../../../functions/domain/case-file';
import type { DeadlineView } from '../../../../functions/domain/deadlines';
import { DeadlineText, PriorityBadge } from '../../shared/case-labels';
import type { CaseFlag } from '../../shared/case-view';
import { formatDate, formatDateTime, localeOf, useI18n, useTexts } from '../../shared/i18n/language';
import { type AsyncState, useAsync } from '../../shared/use-async';
import { useOfficeNamer, usePersonNamer } from '../people/names';
import { decisionTexts } from './decision-texts';
import { type CaseDecisions, getCaseDecisions, type HeadlineFact } from './decisions-api';
import { ConditionList, type ConditionView, conditionOf, inReadingOrder } from './rule-explanation';

/** The flags the rules raised (e.g. a revocation review after missed reports): first on the page. */
export function FlagsSummary({ flags }: { flags: readonly CaseFlag[] }) {
  const { t, lang } = useI18n();
  const ids = useId();
  if (flags.length === 0) return null;
  return (
    <section className="panel panel-alert flags" aria-labelledby={`${ids}-title`}>
      <h2 id={`${ids}-title`}>{t('case.flags')}</h2>
      <ul className="plain-list">
        {flags.map((flag) => (
          <li key={flag.id} className="flag">
            <p className="flag-title">
              <strong>{flag.title}</strong>{' '}
              {flag.level ? (
                <>
                  <PriorityBadge level={flag.level} />{' '}
                </>
              ) : null}
              <span className="meta">
                {t('case.flagSince', {
                  date: /^\d{4}-\d{2}-\d{2}$/.test(flag.since)
                    ? formatDate(flag.since, lang)
                    : formatDateTime(flag.since, lang),
                })}
              </span>
            </p>
            {flag.reasons.length > 0 ? (
              <ul>
                {flag.reasons.map((reason) => (
                  <li key={reason}>{reason}</li>
                ))}
              </ul>
            ) : null}
          </li>
        ))}
      </ul>
    </section>
  );
}

export function PrioritySummary({ priority }: { priority: Priority }) {
  const { t } = useI18n();
  const ids = useId();
  return (
    <section className="panel" aria-labelledby={`${ids}-title`}>
      <h2 id={`${ids}-title`}>{t('case.priority')}</h2>
      <p className="priority-line">
        <PriorityBadge level={priority.level} />{' '}
        <span className="meta">{t('case.score', { score: priority.score })}</span>
      </p>
      {priority.responseHours !== undefined ? (
        <p>{t('case.responseHours', { hours: priority.responseHours })}</p>
      ) : null}
      {priority.reasons.length > 0 ? (
        <>
          <h3 className="small-heading">{t('case.reasons')}</h3>
          <ul className="plain-list">
            {priority.reasons.map((reason) => (
              <li key={reason}>{reason}</li>
            ))}
          </ul>
        </>
      ) : (
        <p className="muted">{t('case.noReasons')}</p>
      )}
    </section>
  );
}

export function DeadlinesSummary({ deadlines }: { deadlines: DeadlineView[] }) {
  const { t } = useI18n();
  const ids = useId();
  return (
    <section className="panel" aria-labelledby={`${ids}-title`}>
      <h2 id={`${ids}-title`}>{t('case.deadlines')}</h2>
      {deadlines.length === 0 ? (
        <p className="muted">{t('case.noDeadlines')}</p>
      ) : (
        <ul className="plain-list deadlines">
          {deadlines.map((deadline) => (
            <li key={`${deadline.kind}:${deadline.due}`}>
              <DeadlineText deadline={deadline} />
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}

export function TransferSummary({ transfer }: { transfer: PendingTransfer }) {
  const { t, lang } = useI18n();
  const personName = usePersonNamer(null);
  const officeName = useOfficeNamer();
  const ids = useId();
  return (
    <section className="panel panel-notice" aria-labelledby={`${ids}-title`}>
      <h2 id={`${ids}-title`}>{t('case.transfer')}</h2>
      <p>
        {transfer.due
          ? t('case.transferTo', {
              office: officeName(transfer.toOffice),
              due: formatDate(transfer.due, lang),
            })
          : t('case.transferToOpen', { office: officeName(transfer.toOffice) })}
      </p>
      <p className="meta">
        {t('case.transferRequested', {
          by: personName(transfer.requestedBy),
          at: formatDateTime(transfer.requestedAt, lang),
        })}
      </p>
      <p>{transfer.reason}</p>
    </section>
  );
}

/** The case's decisions today (`GET /api/cases/{id}/decisions`), read again when the case changes. */
export function useCaseDecisions(caseId: string, revision: number): AsyncState<CaseDecisions> {
  return useAsync(`decisions:${caseId}:${revision}`, (signal) => getCaseDecisions(caseId, signal));
}

/** A headline fact's value as the case head shows it (a date the Indonesian way, yes/no). */
function HeadlineValue({ fact }: { fact: HeadlineFact }) {
  const { t, lang } = useTexts(decisionTexts);
  if (fact.withheld) return <span className="muted">{t('headline.withheld')}</span>;
  const value = fact.value;
  if (value === null || value === undefined || value === '')
    return <span className="muted">{t('headline.unknown')}</span>;
  if (typeof value === 'boolean') return <>{t(value ? 'value.yes' : 'value.no')}</>;
  if (typeof value === 'number') return <>{new Intl.NumberFormat(localeOf(lang)).format(value)}</>;
  if (typeof value === 'string') return <>{fact.type === 'date' ? formatDate(value, lang) : value}</>;
  return <span className="muted">{t('headline.unknown')}</span>;
}

/**
 * The headline facts of the case type (e.g. the RRI score and category) as entries of the case
 * head's description list; nothing until they have loaded.
 */
export function HeadlineFacts({ decisions }: { decisions: AsyncState<CaseDecisions> }) {
  if (decisions.status !== 'done') return null;
  return (
    <>
      {decisions.data.headline.map((fact) => (
        <div key={fact.fact} data-testid={`headline-${fact.fact}`}>
          <dt>{fact.title}</dt>
          <dd>
            <HeadlineValue fact={fact} />
          </dd>
        </div>
      ))}
    </>
  );
}

/** A programme as the page lists it: from today's decisions, else from the head while they load. */
interface ProgrammeView {
  program: string;
  title: string;
  eligible: boolean;
  rulesetTitle: string | undefined;
  conditions: ConditionView[] | undefined;
  reasons: string[];
}

/** A programme id as a person reads it, when its rules give it no title ("diversi-wajib" → "diversi wajib"). */
const programmeName = (program: string) => program.replaceAll('-', ' ');

function programmesOf(
  eligibility: Record<string, Eligibility>,
  decisions: AsyncState<CaseDecisions>,
): ProgrammeView[] {
  if (decisions.status === 'done') {
    return decisions.data.eligibility.map((programme) => ({
      program: programme.program,
      title: programme.title,
      eligible: programme.eligible,
      rulesetTitle: programme.rulesetTitle,
      conditions: programme.conditions
        .map((condition) => conditionOf(condition))
        .filter((condition) => condition !== undefined),
      reasons: [],
    }));
  }
  return Object.entries(eligibility)
    .map(([program, result]) => ({
      program,
      title: result.title ?? programmeName(program),
      eligible: result.eligible,
      rulesetTitle: undefined,
      conditions: undefined,
      reasons: result.reasons,
    }))
    .sort((a, b) => Number(b.eligible) - Number(a.eligible) || a.title.localeCompare(b.title));
}

/**
 * Eligibility per programme, by title: whether the client is eligible and, opened, every condition
 * as a sentence with the value used (decisive first). Closed, a refused programme says its first
 * deciding condition. While today's decisions load, the head's deciding conditions are shown.
 */
export function EligibilitySummary({
  eligibility,
  decisions,
}: {
  eligibility: Record<string, Eligibility>;
  decisions: AsyncState<CaseDecisions>;
}) {
  const { t } = useTexts(decisionTexts);
  const ids = useId();
  const programmes = programmesOf(eligibility, decisions);
  return (
    <section className="panel eligibility" aria-labelledby={`${ids}-title`}>
      <h2 id={`${ids}-title`}>{t('eligibility.title')}</h2>
      {decisions.status === 'loading' && programmes.length > 0 ? (
        <p role="status" className="meta">
          {t('eligibility.loading')}
        </p>
      ) : null}
      {decisions.status === 'failed' ? (
        <p className="notice">
          {t('eligibility.loadFailed')}{' '}
          <button type="button" className="button button-link" onClick={decisions.retry}>
            {t('eligibility.retry')}
          </button>
        </p>
      ) : null}
      {programmes.length === 0 ? (
        <p className="muted">{t('eligibility.none')}</p>
      ) : (
        <ul className="eligibility-list">
          {programmes.map((programme) => {
            const ordered = programme.conditions ? inReadingOrder(programme.conditions) : undefined;
            const unmet = ordered?.filter((condition) => !condition.result).length ?? 0;
            const lead = programme.eligible ? undefined : ordered?.[0];
            return (
              <li key={programme.program} data-programme={programme.program}>
                <details>
                  <summary>
                    <span className="programme">{programme.title}</span>{' '}
                    <span className={programme.eligible ? 'badge badge-yes' : 'badge badge-no'}>
                      {programme.eligible ? t('eligibility.eligible') : t('eligibility.notEligible')}
                    </span>{' '}
                    {ordered ? (
                      <span className="meta">
                        {unmet === 0
                          ? t('eligibility.allMet')
                          : t('eligibility.unmetCount', { count: unmet })}
                      </span>
                    ) : null}
                    {lead && !lead.result ? <span className="lead">{lead.text}</span> : null}
                  </summary>
                  {ordered ? (
                    <>
                      <h3 className="sr-only">{t('eligibility.conditions')}</h3>
                      <ConditionList conditions={ordered} />
                      {programme.rulesetTitle ? (
                        <p className="meta">
                          {t('eligibility.decidedBy', { ruleset: programme.rulesetTitle })}
                        </p>
                      ) : null}
                    </>
                  ) : (
                    <ul>
                      {programme.reasons.map((reason) => (
                        <li key={reason}>{reason}</li>
                      ))}
                    </ul>
                  )}
                </details>
              </li>
            );
          })}
        </ul>
      )}
    </section>
  );
}

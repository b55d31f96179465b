/**
 * What the rules decided about a case and what is due: the flags they raised, priority, deadlines,
 * eligibility, a pending transfer.
 */
import { useId } from 'react';
import type { Eligibility, Priority } from '../../../../functions/domain/case-decisions';
import type { PendingTransfer } from '../../../../functions/domain/case-file';
import type { DeadlineView } from '../../../../functions/domain/deadlines';
import { DeadlineText, PriorityBadge } from '../../shared/case-labels';
import type { CaseFlag } from '../../shared/case-view';
import { formatDate, formatDateTime, useI18n } from '../../shared/i18n/language';

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
  const ids = useId();
  return (
    <section className="panel panel-notice" aria-labelledby={`${ids}-title`}>
      <h2 id={`${ids}-title`}>{t('case.transfer')}</h2>
      <p>
        {transfer.due
          ? t('case.transferTo', { office: transfer.toOffice, due: formatDate(transfer.due, lang) })
          : t('case.transferToOpen', { office: transfer.toOffice })}
      </p>
      <p className="meta">
        {t('case.transferRequested', {
          by: transfer.requestedBy,
          at: formatDateTime(transfer.requestedAt, lang),
        })}
      </p>
      <p>{transfer.reason}</p>
    </section>
  );
}

/** A programme id as a person reads it ("diversi-wajib" → "diversi wajib"). */
const programmeName = (program: string) => program.replaceAll('-', ' ');

export function EligibilitySummary({ eligibility }: { eligibility: Record<string, Eligibility> }) {
  const { t } = useI18n();
  const ids = useId();
  const programmes = Object.entries(eligibility).sort(
    ([a, left], [b, right]) => Number(right.eligible) - Number(left.eligible) || a.localeCompare(b),
  );
  return (
    <section className="panel eligibility" aria-labelledby={`${ids}-title`}>
      <h2 id={`${ids}-title`}>{t('case.eligibility')}</h2>
      {programmes.length === 0 ? (
        <p className="muted">{t('case.noEligibility')}</p>
      ) : (
        <ul className="eligibility-list">
          {programmes.map(([program, result]) => (
            <li key={program}>
              <details>
                <summary>
                  <span className="programme">{programmeName(program)}</span>{' '}
                  <span className={result.eligible ? 'badge badge-yes' : 'badge badge-no'}>
                    {result.eligible ? t('case.eligible') : t('case.notEligible')}
                  </span>{' '}
                  <span className="meta">{t('case.reasonsCount', { count: result.reasons.length })}</span>
                </summary>
                {result.reasons.length > 0 ? (
                  <ul>
                    {result.reasons.map((reason) => (
                      <li key={reason}>{reason}</li>
                    ))}
                  </ul>
                ) : (
                  <p className="muted">{t('case.noReasons')}</p>
                )}
              </details>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}

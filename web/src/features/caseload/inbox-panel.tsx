/**
 * A supervisor's home screen starts with what waits on their office: transfers coming in (with the
 * office they come from and the date to decide by) and moves waiting for approval, each a link to
 * the case where the decision is made.
 */
import { useId } from 'react';
import { Link } from 'react-router';
import { useStageName } from '../../shared/case-labels';
import { formatDate, useI18n } from '../../shared/i18n/language';
import { LoadError } from '../../shared/load-error';
import { useAsync } from '../../shared/use-async';
import { type InboxItem, listApprovals, listIncomingTransfers } from './api';

export function InboxPanel() {
  const { t, lang } = useI18n();
  const ids = useId();
  const stageName = useStageName();
  const transfers = useAsync('inbox:transfers', (signal) => listIncomingTransfers(signal));
  const approvals = useAsync('inbox:approvals', (signal) => listApprovals(signal));

  const list = (
    state: typeof transfers,
    heading: (count: number) => string,
    empty: string,
    line: (item: InboxItem) => string,
    id: string,
  ) => (
    <div className="stack">
      {state.status === 'loading' ? <p role="status">{t('app.loading')}</p> : null}
      {state.status === 'failed' ? <LoadError error={state.error} retry={state.retry} /> : null}
      {state.status === 'done' ? (
        <>
          <h3 id={id}>{heading(state.data.items.length)}</h3>
          {state.data.items.length === 0 ? (
            <p className="muted">{empty}</p>
          ) : (
            <ul aria-labelledby={id}>
              {state.data.items.map((item) => (
                <li key={item.caseId}>
                  <Link to={`/kasus/${item.caseId}`}>{item.clientName}</Link> — {line(item)}
                </li>
              ))}
            </ul>
          )}
        </>
      ) : null}
    </div>
  );

  return (
    <section aria-labelledby={`${ids}-title`} className="section">
      <h2 id={`${ids}-title`}>{t('inbox.title')}</h2>
      {list(
        transfers,
        (count) => t('inbox.transfers', { count }),
        t('inbox.noTransfers'),
        (item) =>
          [
            t('inbox.transferFrom', { office: item.fromOffice ?? '' }),
            item.due ? t('inbox.transferDue', { due: formatDate(item.due, lang) }) : '',
          ]
            .filter(Boolean)
            .join(', '),
        `${ids}-transfers`,
      )}
      {list(
        approvals,
        (count) => t('inbox.approvals', { count }),
        t('inbox.noApprovals'),
        (item) => t('inbox.approvalMove', { stage: stageName(item.to ?? ''), who: item.requestedBy ?? '' }),
        `${ids}-approvals`,
      )}
    </section>
  );
}

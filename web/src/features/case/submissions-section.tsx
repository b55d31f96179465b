/**
 * "Riwayat kiriman": the submissions filed on the case, newest first, each with its printable report.
 * The report needs the bearer token, so it is fetched as text and shown from a blob URL in a new tab.
 */
import { useState } from 'react';
import type { Page } from '../../shared/api-client';
import { errorMessage } from '../../shared/api-client';
import { formatDateTime, useI18n } from '../../shared/i18n/language';
import { LoadError } from '../../shared/load-error';
import { MoreButton } from '../../shared/more-button';
import { useAsync } from '../../shared/use-async';
import { useMore } from '../../shared/use-more';
import { type FormSummary, formTitle } from '../forms/api';
import { getReport, listSubmissions, type SubmissionSummary } from './api';
import { Section } from './section';

/** The report's own policy (no scripts), which a blob URL would otherwise not carry. */
const REPORT_POLICY = `<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'">`;

function withPolicy(html: string): string {
  return /<head[^>]*>/i.test(html)
    ? html.replace(/<head[^>]*>/i, (head) => `${head}${REPORT_POLICY}`)
    : `${REPORT_POLICY}${html}`;
}

export function SubmissionsSection({
  id,
  caseId,
  revision,
  forms,
}: {
  id: string;
  caseId: string;
  /** Changes after a submission, so the list reloads. */
  revision: number;
  /** For the forms' titles; the list shows the form ids while they are not known. */
  forms: FormSummary[];
}) {
  const { t, lang } = useI18n();
  const first = useAsync(`submissions:${caseId}:${revision}`, (signal) =>
    listSubmissions(caseId, null, signal),
  );
  const titles = new Map(forms.map((form) => [form.id, formTitle(form, lang)]));
  return (
    <Section id={id} title={t('submissions.title')}>
      {first.status === 'loading' ? <p role="status">{t('app.loading')}</p> : null}
      {first.status === 'failed' ? <LoadError error={first.error} retry={first.retry} /> : null}
      {first.status === 'done' ? (
        <SubmissionList key={revision} caseId={caseId} first={first.data} titles={titles} />
      ) : null}
    </Section>
  );
}

function SubmissionList({
  caseId,
  first,
  titles,
}: {
  caseId: string;
  first: Page<SubmissionSummary>;
  titles: Map<string, string>;
}) {
  const { t, lang } = useI18n();
  const list = useMore(first, (cursor) => listSubmissions(caseId, cursor));
  const [opening, setOpening] = useState<string>();
  const [error, setError] = useState<string>();

  const openReport = async (submission: SubmissionSummary) => {
    setError(undefined);
    setOpening(submission.id);
    // Opened now, while the click still counts as the user's, so no popup blocker stops it.
    const tab = window.open('', '_blank');
    try {
      const html = await getReport(caseId, submission.id);
      const url = URL.createObjectURL(new Blob([withPolicy(html)], { type: 'text/html' }));
      if (tab) {
        tab.opener = null;
        tab.location.href = url;
      } else {
        window.location.assign(url);
      }
      // The tab has loaded it by then; the URL is not needed afterwards.
      setTimeout(() => URL.revokeObjectURL(url), 60_000);
    } catch (caught) {
      tab?.close();
      setError(errorMessage(caught));
    } finally {
      setOpening(undefined);
    }
  };

  if (list.items.length === 0) return <p className="muted">{t('submissions.empty')}</p>;
  return (
    <>
      {error ? (
        <p className="alert alert-error" role="alert">
          {error}
        </p>
      ) : null}
      <ul className="item-list">
        {list.items.map((submission) => (
          <li key={submission.id} className="item">
            <div>
              <p className="item-title">{titles.get(submission.formId) ?? submission.formId}</p>
              <p className="meta">
                {t('submissions.meta', {
                  version: submission.formVersion,
                  at: formatDateTime(submission.submittedAt, lang),
                  by: submission.submittedBy,
                })}
              </p>
            </div>
            <button
              type="button"
              className="button button-small"
              onClick={() => void openReport(submission)}
              disabled={opening === submission.id}
              aria-busy={opening === submission.id}
            >
              {t('submissions.report')}
              <span className="sr-only">
                {' '}
                {t('submissions.reportOf', {
                  title: titles.get(submission.formId) ?? submission.formId,
                  at: formatDateTime(submission.submittedAt, lang),
                })}
              </span>
            </button>
          </li>
        ))}
      </ul>
      <MoreButton list={list} />
    </>
  );
}

/**
 * A request the Kabapas returned: what was asked, who returned it and when, and their comment, kept
 * on the case until the PK asks again or the case moves (the server clears it then).
 */
import { useId } from 'react';
import { useStageName } from '../../shared/case-labels';
import type { CaseView } from '../../shared/case-view';
import { formatDateTime, useTexts } from '../../shared/i18n/language';
import { caseloadTexts } from '../caseload/caseload-texts';
import { usePersonNamer } from '../people/names';

export function ReturnedNotice({ kase, canAskAgain }: { kase: CaseView; canAskAgain: boolean }) {
  const { t, lang } = useTexts(caseloadTexts);
  const ids = useId();
  const stageName = useStageName();
  const personName = usePersonNamer(null);
  const returned = kase.returnedApproval;
  if (!returned || kase.pendingApproval) return null;
  return (
    <section className="panel panel-notice approval returned" aria-labelledby={`${ids}-title`}>
      <h2 id={`${ids}-title`}>{t('returnedNoticeTitle')}</h2>
      <p>
        {t('returnedNoticeMove', {
          stage: stageName(returned.to, kase.process),
          by: personName(returned.returnedBy),
          at: formatDateTime(returned.returnedAt, lang),
        })}
      </p>
      <p className="note-text" data-testid="returned-comment">
        {returned.comment
          ? t('returnedNoticeComment', { comment: returned.comment })
          : t('returnedNoticeNoComment')}
      </p>
      {canAskAgain ? <p className="meta">{t('returnedNoticeAgain')}</p> : null}
    </section>
  );
}

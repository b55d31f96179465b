/**
 * Where a PK's request for approval stands, as a case in a list shows it: waiting for the Kabapas,
 * or returned with the Kabapas's comment (until the PK asks again or the case moves).
 */
import type { CaseView } from '../../shared/case-view';
import { useTexts } from '../../shared/i18n/language';
import { caseloadTexts } from './caseload-texts';

export function ApprovalState({ kase }: { kase: Pick<CaseView, 'pendingApproval' | 'returnedApproval'> }) {
  const { t } = useTexts(caseloadTexts);
  if (kase.pendingApproval) {
    return <span className="approval-state approval-waiting">{t('awaitingApproval')}</span>;
  }
  const returned = kase.returnedApproval;
  if (!returned) return null;
  return (
    <span className="approval-state approval-returned">
      {returned.comment ? t('returnedWithComment', { comment: returned.comment }) : t('returned')}
    </span>
  );
}

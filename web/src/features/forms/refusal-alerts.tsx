/** How a refused submission shows: the server's field errors counted, or why it could not be sent. */
import { useI18n } from '../../shared/i18n/language';

export type Refusal = { kind: 'rejected'; count: number } | { kind: 'failed'; message: string };

export function RefusalAlerts({ refusal }: { refusal: Refusal | undefined }) {
  const { t } = useI18n();
  if (refusal?.kind === 'rejected') {
    return (
      <p role="alert" className="alert alert-error">
        {t(refusal.count === 1 ? 'form.rejectedOne' : 'form.rejected', { count: refusal.count })}
      </p>
    );
  }
  if (refusal?.kind === 'failed') {
    return (
      <p role="alert" className="alert alert-error">
        {refusal.message}
      </p>
    );
  }
  return null;
}

/** What a page shows when its data could not be loaded: the server's message and a retry button. */
import { errorMessage } from './api-client';
import { useI18n } from './i18n/language';

export function LoadError({ error, retry }: { error: unknown; retry: () => void }) {
  const { t } = useI18n();
  return (
    <div className="alert alert-error" role="alert">
      <p>{errorMessage(error)}</p>
      <button type="button" className="button" onClick={retry}>
        {t('app.retry')}
      </button>
    </div>
  );
}

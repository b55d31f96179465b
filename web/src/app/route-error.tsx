/** Shown when a page throws or its code cannot be loaded (e.g. after a deploy replaced the bundle). */
import { useI18n } from '../shared/i18n/language';

export function RouteError() {
  const { t } = useI18n();
  return (
    <main id="main" className="route-error">
      <h1>{t('error.page')}</h1>
      <p role="alert">{t('error.unknown')}</p>
      <button type="button" className="button" onClick={() => window.location.reload()}>
        {t('app.retry')}
      </button>
    </main>
  );
}

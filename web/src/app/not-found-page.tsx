/** Any address the app does not know. */
import { Link } from 'react-router';
import { useI18n } from '../shared/i18n/language';
import { useDocumentTitle } from '../shared/use-document-title';

export function NotFoundPage() {
  const { t } = useI18n();
  useDocumentTitle(t('notFound.title'));
  return (
    <>
      <h1>{t('notFound.title')}</h1>
      <p>{t('notFound.body')}</p>
      <p>
        <Link to="/">{t('notFound.home')}</Link>
      </p>
    </>
  );
}

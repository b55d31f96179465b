/** `/formulir`: the forms there are; a published one opens for filling in. */
import { useState } from 'react';
import { Link } from 'react-router';
import { errorMessage, type Page } from '../../shared/api-client';
import { formatDateTime, useI18n } from '../../shared/i18n/language';
import { LoadError } from '../../shared/load-error';
import { useAsync } from '../../shared/use-async';
import { useDocumentTitle } from '../../shared/use-document-title';
import { type FormSummary, formTitle, listForms } from './api';

export function FormsListPage() {
  const { t } = useI18n();
  const first = useAsync('forms', (signal) => listForms(null, signal));
  useDocumentTitle(t('forms.title'));

  return (
    <>
      <h1>{t('forms.title')}</h1>
      <p className="muted">{t('forms.intro')}</p>
      {first.status === 'loading' ? <p role="status">{t('app.loading')}</p> : null}
      {first.status === 'failed' ? <LoadError error={first.error} retry={first.retry} /> : null}
      {first.status === 'done' ? <FormsList first={first.data} /> : null}
    </>
  );
}

function FormsList({ first }: { first: Page<FormSummary> }) {
  const { t } = useI18n();
  const [more, setMore] = useState<FormSummary[]>([]);
  const [cursor, setCursor] = useState(first.nextCursor);
  const [loading, setLoading] = useState(false);
  const [error, setError] = useState<string>();
  const items = [...first.items, ...more];

  const loadMore = async () => {
    if (!cursor) return;
    setLoading(true);
    setError(undefined);
    try {
      const page = await listForms(cursor);
      setMore((previous) => [...previous, ...page.items]);
      setCursor(page.nextCursor);
    } catch (caught) {
      setError(errorMessage(caught));
    } finally {
      setLoading(false);
    }
  };

  if (items.length === 0) return <p>{t('forms.empty')}</p>;
  return (
    <>
      <ul className="card-list">
        {items.map((form) => (
          <FormCard key={form.id} form={form} />
        ))}
      </ul>
      {error ? (
        <p className="alert alert-error" role="alert">
          {error}
        </p>
      ) : null}
      {cursor ? (
        <button type="button" className="button" onClick={loadMore} disabled={loading} aria-busy={loading}>
          {t('forms.more')}
        </button>
      ) : null}
    </>
  );
}

function FormCard({ form }: { form: FormSummary }) {
  const { t, lang } = useI18n();
  const published = form.publishedVersion !== null;
  const title = formTitle(form, lang);
  const description = (lang === 'id' ? undefined : form.translations[lang]?.description) ?? form.description;
  return (
    <li className={published ? 'card' : 'card card-muted'}>
      <h2 className="card-title">
        {published ? <Link to={`/formulir/${encodeURIComponent(form.id)}`}>{title}</Link> : title}
      </h2>
      {description ? <p className="card-description">{description}</p> : null}
      <p className="meta">
        {published ? (
          t('forms.version', { version: form.publishedVersion ?? '' })
        ) : (
          <span className="badge">{t('forms.unpublished')}</span>
        )}
        {' · '}
        {t('forms.updated', { date: formatDateTime(form.updatedAt, lang) })}
      </p>
    </li>
  );
}

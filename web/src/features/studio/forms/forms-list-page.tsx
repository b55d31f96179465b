/**
 * `/admin/formulir`: every form with where it stands (the published version, an unpublished draft,
 * the last change), and a new form: an id and a title make an empty draft (the server decides which
 * ids it accepts and says why it refuses one).
 */
import { type FormEvent, useId, useState } from 'react';
import { Link, useNavigate } from 'react-router';
import { errorMessage } from '../../../shared/api-client';
import { formatDateTime, useTexts } from '../../../shared/i18n/language';
import { LoadError } from '../../../shared/load-error';
import { useAsync } from '../../../shared/use-async';
import { useDocumentTitle } from '../../../shared/use-document-title';
import { type ContentSummary, listContent, saveDraft } from '../content-api';
import { studioTexts } from '../texts';
import { emptyForm } from './outline';
import { formsTexts } from './texts';
import './forms.css';

export function FormsListPage() {
  const { t } = useTexts(formsTexts);
  const forms = useAsync('studio-forms', (signal) => listContent('forms', signal));
  useDocumentTitle(t('list.title'));
  return (
    <>
      <h1 tabIndex={-1}>{t('list.title')}</h1>
      <p>{t('list.intro')}</p>
      {forms.status === 'loading' ? <p role="status">{t('loading')}</p> : null}
      {forms.status === 'failed' ? <LoadError error={forms.error} retry={forms.retry} /> : null}
      {forms.status === 'done' ? (
        <>
          <FormsTable forms={forms.data} />
          <NewForm taken={forms.data.map((form) => form.id)} />
        </>
      ) : null}
    </>
  );
}

function FormsTable({ forms }: { forms: ContentSummary[] }) {
  const { t, lang } = useTexts(formsTexts);
  const studio = useTexts(studioTexts).t;
  if (forms.length === 0) return <p>{t('list.empty')}</p>;
  const sorted = [...forms].sort((a, b) => a.title.localeCompare(b.title, lang));
  return (
    <div className="table-wrap">
      <table className="table studio-forms-table">
        <caption className="sr-only">{t('list.caption')}</caption>
        <thead>
          <tr>
            <th scope="col">{t('list.form')}</th>
            <th scope="col">{t('list.published')}</th>
            <th scope="col">{t('list.draft')}</th>
            <th scope="col">{t('list.updated')}</th>
          </tr>
        </thead>
        <tbody>
          {sorted.map((form) => (
            <tr key={form.id}>
              <th scope="row">
                <Link to={`/admin/formulir/${encodeURIComponent(form.id)}`}>{form.title}</Link>
                <span className="cell-sub">{t('editor.id', { id: form.id })}</span>
              </th>
              <td>
                {form.publishedVersion === null
                  ? studio('status.neverPublished')
                  : studio('status.published', { version: form.publishedVersion })}
              </td>
              <td>
                {form.hasDraft ? (
                  <span className="badge">{studio('status.draft')}</span>
                ) : (
                  studio('status.noDraft')
                )}
              </td>
              <td>{formatDateTime(form.updatedAt, lang)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

function NewForm({ taken }: { taken: string[] }) {
  const { t } = useTexts(formsTexts);
  const ids = useId();
  const navigate = useNavigate();
  const [id, setId] = useState('');
  const [title, setTitle] = useState('');
  const [error, setError] = useState<string>();
  const [busy, setBusy] = useState(false);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const wanted = id.trim();
    if (taken.includes(wanted)) {
      setError(t('new.taken'));
      return;
    }
    setBusy(true);
    setError(undefined);
    try {
      // If-Match 0: only when there is no draft yet, so an existing one is never overwritten.
      await saveDraft('forms', wanted, emptyForm(title.trim()), 0);
      navigate(`/admin/formulir/${encodeURIComponent(wanted)}`);
    } catch (caught) {
      setError(errorMessage(caught));
    } finally {
      setBusy(false);
    }
  };

  return (
    <section className="studio-section" aria-labelledby={`${ids}-heading`}>
      <h2 id={`${ids}-heading`}>{t('new.title')}</h2>
      <form className="stack studio-new-form" onSubmit={(event) => void submit(event)}>
        {error ? (
          <p className="alert alert-error" role="alert" id={`${ids}-error`}>
            {error}
          </p>
        ) : null}
        <div className="field">
          <label htmlFor={`${ids}-id`}>{t('new.id')}</label>
          <input
            id={`${ids}-id`}
            className="studio-code"
            value={id}
            required
            spellCheck={false}
            autoCapitalize="off"
            aria-invalid={error !== undefined}
            aria-describedby={`${ids}-id-hint${error ? ` ${ids}-error` : ''}`}
            onChange={(event) => setId(event.target.value)}
          />
          <p className="hint" id={`${ids}-id-hint`}>
            {t('new.idHint')}
          </p>
        </div>
        <div className="field">
          <label htmlFor={`${ids}-title`}>{t('new.formTitle')}</label>
          <input
            id={`${ids}-title`}
            value={title}
            required
            maxLength={200}
            onChange={(event) => setTitle(event.target.value)}
          />
        </div>
        <button type="submit" className="button button-primary" disabled={busy} aria-busy={busy}>
          {t('new.submit')}
        </button>
      </form>
    </section>
  );
}

/** `/admin/jenis-kasus`: the case types with their status (published version, draft), and a new one. */
import { useId, useState } from 'react';
import { Link, useNavigate } from 'react-router';
import { ID_PATTERN } from '../../../../../functions/domain/case-type';
import { formatDateTime, useTexts } from '../../../shared/i18n/language';
import { LoadError } from '../../../shared/load-error';
import { useAsync } from '../../../shared/use-async';
import { useDocumentTitle } from '../../../shared/use-document-title';
import { listContent } from '../content-api';
import { studioTexts } from '../texts';
import { processTexts } from './texts';

export function CaseTypesPage() {
  const { t, lang } = useTexts(processTexts);
  const studio = useTexts(studioTexts).t;
  const ids = useId();
  const navigate = useNavigate();
  const [newId, setNewId] = useState('');
  const list = useAsync('case-types', (signal) => listContent('case-types', signal));
  useDocumentTitle(t('list.title'));

  return (
    <>
      <h1 tabIndex={-1}>{t('list.title')}</h1>
      <p>{t('list.intro')}</p>
      {list.status === 'loading' ? <p role="status">{t('loading')}</p> : null}
      {list.status === 'failed' ? <LoadError error={list.error} retry={list.retry} /> : null}
      {list.status === 'done' ? (
        <div className="table-wrap">
          <table className="table">
            <caption className="sr-only">{t('list.title')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('list.name')}</th>
                <th scope="col">{t('list.status')}</th>
                <th scope="col">{t('list.updated')}</th>
              </tr>
            </thead>
            <tbody>
              {[...list.data]
                .sort((a, b) => a.title.localeCompare(b.title))
                .map((item) => (
                  <tr key={item.id}>
                    <th scope="row">
                      <Link to={`/admin/jenis-kasus/${encodeURIComponent(item.id)}`}>{item.title}</Link>
                    </th>
                    <td>
                      {item.publishedVersion === null
                        ? studio('status.neverPublished')
                        : studio('status.published', { version: item.publishedVersion })}
                      {item.hasDraft ? <span className="cell-sub">{studio('status.draft')}</span> : null}
                    </td>
                    <td>{formatDateTime(item.updatedAt, lang)}</td>
                  </tr>
                ))}
            </tbody>
          </table>
        </div>
      ) : null}
      <form
        className="inline-form"
        aria-labelledby={`${ids}-new`}
        onSubmit={(event) => {
          event.preventDefault();
          if (new RegExp(ID_PATTERN).test(newId)) navigate(`/admin/jenis-kasus/${newId}`);
        }}
      >
        <h2 id={`${ids}-new`}>{t('list.new')}</h2>
        <div className="field">
          <label htmlFor={`${ids}-id`}>{t('list.newId')}</label>
          <input
            id={`${ids}-id`}
            className="form-control"
            value={newId}
            pattern={ID_PATTERN.slice(1, -1)}
            required
            aria-describedby={`${ids}-hint`}
            onChange={(event) => setNewId(event.target.value.trim().toLowerCase())}
          />
          <p id={`${ids}-hint`} className="hint">
            {t('list.newIdHint')}
          </p>
        </div>
        <button type="submit" className="button">
          {t('list.create')}
        </button>
      </form>
    </>
  );
}

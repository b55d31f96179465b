/** `/admin/aturan`: every ruleset with its kind in words, what is published and whether a draft waits. */
import { Link } from 'react-router';
import { formatDateTime, useTexts } from '../../../shared/i18n/language';
import { LoadError } from '../../../shared/load-error';
import { useAsync } from '../../../shared/use-async';
import { useDocumentTitle } from '../../../shared/use-document-title';
import { listContent } from '../content-api';
import { studioTexts } from '../texts';
import { kindLabel, rulesTexts } from './texts';
import './rulesets.css';

export function RulesetsPage() {
  const { t, lang } = useTexts(rulesTexts);
  const studio = useTexts(studioTexts).t;
  useDocumentTitle(t('list.title'));
  const rulesets = useAsync('rulesets', (signal) => listContent('rulesets', signal));

  return (
    <>
      <h1 tabIndex={-1}>{t('list.title')}</h1>
      <p className="rules-intro">{t('list.intro')}</p>
      {rulesets.status === 'loading' ? <p role="status">{studio('loading')}</p> : null}
      {rulesets.status === 'failed' ? <LoadError error={rulesets.error} retry={rulesets.retry} /> : null}
      {rulesets.status === 'done' ? (
        <div className="table-wrap">
          <table className="table">
            <caption className="sr-only">{t('list.title')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('list.name')}</th>
                <th scope="col">{t('list.kind')}</th>
                <th scope="col">{t('list.status')}</th>
                <th scope="col">{t('list.draft')}</th>
                <th scope="col">{t('list.updated')}</th>
              </tr>
            </thead>
            <tbody>
              {[...rulesets.data]
                .sort((a, b) => a.title.localeCompare(b.title))
                .map((item) => (
                  <tr key={item.id}>
                    <th scope="row">
                      <Link to={`/admin/aturan/${encodeURIComponent(item.id)}`}>{item.title}</Link>
                    </th>
                    <td>{kindLabel(t, item.kind ?? '')}</td>
                    <td>
                      {item.publishedVersion === null
                        ? studio('status.neverPublished')
                        : studio('status.published', { version: item.publishedVersion })}
                    </td>
                    <td>
                      {item.hasDraft ? (
                        <span className="badge priority-sedang">{studio('status.draft')}</span>
                      ) : (
                        studio('status.noDraft')
                      )}
                    </td>
                    <td>{formatDateTime(item.updatedAt, lang)}</td>
                  </tr>
                ))}
            </tbody>
          </table>
        </div>
      ) : null}
    </>
  );
}

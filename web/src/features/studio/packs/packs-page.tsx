/**
 * `/admin/paket`: the whole configuration as one file, out and in. Export downloads every published
 * form, ruleset and case type (with versions and notes) as a JSON file. Import reads a chosen file,
 * asks the server for a dry run (nothing is saved) and shows what would be created or changed, each
 * change as a readable diff against what is published; only then are the items loaded as drafts
 * (optionally published at once, each checked and tested as on any publish).
 */
import { useId, useState } from 'react';
import { Link } from 'react-router';
import { ApiError, errorMessage } from '../../../shared/api-client';
import { useTexts } from '../../../shared/i18n/language';
import { useDocumentTitle } from '../../../shared/use-document-title';
import { describeCaseTypePath } from '../case-types/describe';
import { type ProcessKey, processTexts } from '../case-types/texts';
import { getPublished } from '../content-api';
import { JsonDiff, type PathSegment } from '../json-diff';
import { comparable } from '../version-history';
import { exportPack, type ImportResult, importPack, type Pack } from './api';
import {
  changeCounts,
  describePackPointer,
  itemDocument,
  PACK_KINDS,
  type PackKind,
  type PackRow,
  packRows,
  parsePack,
} from './pack-model';
import '../case-types/process.css';

const EDITOR_PATH: Record<PackKind, string> = {
  form: '/admin/formulir/',
  ruleset: '/admin/aturan/',
  caseType: '/admin/jenis-kasus/',
};

/** Saves a document as a file the browser downloads. */
function download(name: string, value: unknown): void {
  const url = URL.createObjectURL(new Blob([JSON.stringify(value, null, 2)], { type: 'application/json' }));
  const link = document.createElement('a');
  link.href = url;
  link.download = name;
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

export function PacksPage() {
  const { t } = useTexts(processTexts);
  useDocumentTitle(t('packs.title'));
  return (
    <>
      <h1 tabIndex={-1}>{t('packs.title')}</h1>
      <p>{t('packs.intro')}</p>
      <ExportSection />
      <ImportSection />
    </>
  );
}

function ExportSection() {
  const { t } = useTexts(processTexts);
  const ids = useId();
  const [busy, setBusy] = useState(false);
  const [message, setMessage] = useState<{ ok: boolean; text: string }>();
  const run = async () => {
    setBusy(true);
    setMessage(undefined);
    try {
      const pack = await exportPack();
      download(`kawal-paket-${pack.exportedAt.slice(0, 10)}.json`, pack);
      setMessage({
        ok: true,
        text: t('packs.exported', {
          forms: pack.forms.length,
          rulesets: pack.rulesets.length,
          caseTypes: pack.caseTypes.length,
        }),
      });
    } catch (error) {
      setMessage({ ok: false, text: errorMessage(error) });
    } finally {
      setBusy(false);
    }
  };
  return (
    <section aria-labelledby={`${ids}-title`}>
      <h2 id={`${ids}-title`}>{t('packs.export')}</h2>
      <p>{t('packs.exportIntro')}</p>
      <button type="button" className="button button-primary" disabled={busy} onClick={() => void run()}>
        {busy ? t('packs.exporting') : t('packs.download')}
      </button>
      {message ? (
        <p className={message.ok ? 'notice' : 'alert alert-error'} role={message.ok ? 'status' : 'alert'}>
          {message.text}
        </p>
      ) : null}
    </section>
  );
}

interface Checked {
  pack: Pack;
  name: string;
  rows: PackRow[];
}

function ImportSection() {
  const { t } = useTexts(processTexts);
  const ids = useId();
  const [checked, setChecked] = useState<Checked>();
  const [busy, setBusy] = useState(false);
  const [publishToo, setPublishToo] = useState(false);
  const [failure, setFailure] = useState<{ text: string; details: string[] }>();
  const [loaded, setLoaded] = useState<ImportResult & { rows: PackRow[] }>();
  const [fileKey, setFileKey] = useState(0);

  const refusal = (error: unknown, pack?: Pack) => {
    const details =
      error instanceof ApiError && pack
        ? error.details.map((detail) => {
            const place = describePackPointer(pack, detail.path);
            const where = [
              place.kind ? t(`packs.kind.${place.kind}` as ProcessKey) : '',
              place.title ? `«${place.title}»` : '',
              place.rest,
            ]
              .filter(Boolean)
              .join(' › ');
            return where ? `${where}: ${detail.message}` : detail.message;
          })
        : [];
    setFailure({ text: errorMessage(error), details });
  };

  const choose = async (file: File | undefined) => {
    setChecked(undefined);
    setFailure(undefined);
    setLoaded(undefined);
    if (!file) return;
    const parsed = parsePack(await file.text());
    if (!parsed.ok) {
      setFailure({ text: t(`packs.problem.${parsed.problem}` as ProcessKey), details: [] });
      return;
    }
    setBusy(true);
    try {
      const result = await importPack(parsed.pack, { dryRun: true, publish: false });
      setChecked({ pack: parsed.pack, name: file.name, rows: packRows(parsed.pack, result.items) });
    } catch (error) {
      refusal(error, parsed.pack);
    } finally {
      setBusy(false);
    }
  };

  const load = async () => {
    if (!checked) return;
    const counts = changeCounts(checked.rows);
    const question = publishToo ? 'packs.confirmPublish' : 'packs.confirmDrafts';
    if (!window.confirm(t(question, { count: counts.new + counts.changed }))) return;
    setBusy(true);
    setFailure(undefined);
    try {
      const result = await importPack(checked.pack, { dryRun: false, publish: publishToo });
      setLoaded({ ...result, rows: checked.rows.filter((row) => row.change !== 'same') });
      setChecked(undefined);
      setFileKey((n) => n + 1);
    } catch (error) {
      refusal(error, checked.pack);
    } finally {
      setBusy(false);
    }
  };

  const counts = checked ? changeCounts(checked.rows) : undefined;
  return (
    <section aria-labelledby={`${ids}-title`}>
      <h2 id={`${ids}-title`}>{t('packs.import')}</h2>
      <p>{t('packs.importIntro')}</p>
      <div className="pack-file">
        <label htmlFor={`${ids}-file`}>{t('packs.file')}</label>
        <input
          key={fileKey}
          id={`${ids}-file`}
          type="file"
          accept="application/json,.json"
          onChange={(event) => void choose(event.target.files?.[0])}
        />
      </div>
      {busy ? <p role="status">{t('packs.checking')}</p> : null}
      {failure ? (
        <div className="alert alert-error" role="alert">
          <p>{failure.text}</p>
          {failure.details.length > 0 ? (
            <ul>
              {failure.details.map((detail, i) => (
                // biome-ignore lint/suspicious/noArrayIndexKey: the server's list, shown as it came
                <li key={i}>{detail}</li>
              ))}
            </ul>
          ) : null}
        </div>
      ) : null}
      {loaded ? (
        <div className="notice" role="status">
          <p>
            {loaded.published
              ? t('packs.loadedPublished', { count: loaded.rows.length })
              : t('packs.loaded', { count: loaded.rows.length })}
          </p>
          {loaded.rows.length > 0 ? (
            <ul>
              {loaded.rows.map((row) => (
                <li key={`${row.kind}/${row.id}`}>
                  {t(`packs.kind.${row.kind}` as ProcessKey)}:{' '}
                  <Link to={`${EDITOR_PATH[row.kind]}${encodeURIComponent(row.id)}`}>{row.title}</Link>
                </li>
              ))}
            </ul>
          ) : null}
        </div>
      ) : null}
      {checked && counts ? (
        <div className="pack-preview">
          <h3>{t('packs.preview', { file: checked.name })}</h3>
          <p role="status">
            {t('packs.counts', { changed: counts.changed, created: counts.new, same: counts.same })}
          </p>
          {counts.new + counts.changed > 0 ? (
            <div className="table-wrap">
              <table className="table pack-table">
                <caption className="sr-only">{t('packs.preview', { file: checked.name })}</caption>
                <thead>
                  <tr>
                    <th scope="col">{t('packs.item')}</th>
                    <th scope="col">{t('packs.kindHeader')}</th>
                    <th scope="col">{t('packs.change')}</th>
                  </tr>
                </thead>
                <tbody>
                  {checked.rows
                    .filter((row) => row.change !== 'same')
                    .map((row) => (
                      <PackRowView key={`${row.kind}/${row.id}`} row={row} />
                    ))}
                </tbody>
              </table>
            </div>
          ) : null}
          {counts.same > 0 ? (
            <details className="pack-same">
              <summary>{t('packs.sameList', { count: counts.same })}</summary>
              <ul>
                {checked.rows
                  .filter((row) => row.change === 'same')
                  .map((row) => (
                    <li key={`${row.kind}/${row.id}`}>
                      {t(`packs.kind.${row.kind}` as ProcessKey)}: {row.title}
                    </li>
                  ))}
              </ul>
            </details>
          ) : null}
          {counts.new + counts.changed === 0 ? (
            <p>{t('packs.nothingToLoad')}</p>
          ) : (
            <>
              <label className="checkbox">
                <input
                  type="checkbox"
                  checked={publishToo}
                  onChange={(e) => setPublishToo(e.target.checked)}
                />{' '}
                {t('packs.publishToo')}
              </label>
              <div className="actions">
                <button
                  type="button"
                  className="button button-primary"
                  disabled={busy}
                  onClick={() => void load()}
                >
                  {publishToo ? t('packs.loadPublish') : t('packs.loadDrafts')}
                </button>
              </div>
            </>
          )}
        </div>
      ) : null}
    </section>
  );
}

function PackRowView({ row }: { row: PackRow }) {
  const { t } = useTexts(processTexts);
  const [open, setOpen] = useState(false);
  const [diff, setDiff] = useState<{ before: unknown; after: unknown } | { error: string }>();
  const content = PACK_KINDS.find((entry) => entry.kind === row.kind)?.content ?? 'forms';
  const after = itemDocument(row.item);

  const toggle = async () => {
    const next = !open;
    setOpen(next);
    if (!next || diff) return;
    if (row.change === 'new') {
      setDiff({ before: {}, after });
      return;
    }
    try {
      const published = await getPublished<Record<string, unknown>>(content, row.id);
      setDiff({ before: comparable(published), after });
    } catch (error) {
      setDiff({ error: errorMessage(error) });
    }
  };

  const describe =
    row.kind === 'caseType'
      ? (path: PathSegment[]) =>
          describeCaseTypePath(after as Parameters<typeof describeCaseTypePath>[0], path, t)
      : (path: PathSegment[]) =>
          path
            .filter((segment) => segment !== 'properties')
            .map((segment) =>
              typeof segment === 'number'
                ? `#${segment + 1}`
                : segment === 'title'
                  ? t('path.title')
                  : segment === 'description'
                    ? t('path.description')
                    : segment,
            )
            .join(' › ') || t('path.document');

  return (
    <>
      <tr className={`pack-${row.change}`}>
        <th scope="row">{row.title}</th>
        <td>{t(`packs.kind.${row.kind}` as ProcessKey)}</td>
        <td>
          {t(`packs.change.${row.change}` as ProcessKey)}
          {row.change !== 'same' ? (
            <>
              {' '}
              <button
                type="button"
                className="button button-small"
                aria-expanded={open}
                onClick={() => void toggle()}
              >
                {t(open ? 'packs.hideDiff' : 'packs.showDiff', { title: row.title })}
              </button>
            </>
          ) : null}
        </td>
      </tr>
      {open ? (
        <tr>
          <td colSpan={3}>
            {!diff ? (
              <p role="status">{t('loading')}</p>
            ) : 'error' in diff ? (
              <p className="alert alert-error">{diff.error}</p>
            ) : (
              <JsonDiff
                before={diff.before}
                after={diff.after}
                caption={t('packs.diffCaption', { title: row.title })}
                describePath={describe}
              />
            )}
          </td>
        </tr>
      ) : null}
    </>
  );
}

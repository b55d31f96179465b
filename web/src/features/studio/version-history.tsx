/**
 * The history of one content item: every published version with who, when and the note; a diff
 * between any two versions (or a version and the current draft); and rollback, which republishes an
 * earlier version as the newest one after a confirmation and a note.
 */
import { useState } from 'react';
import { errorMessage } from '../../shared/api-client';
import { formatDateTime, useTexts } from '../../shared/i18n/language';
import { LoadError } from '../../shared/load-error';
import { useAsync } from '../../shared/use-async';
import { usePersonNamer } from '../people/names';
import { type ContentKind, getVersion, listVersions, rollback } from './content-api';
import { type DescribePath, JsonDiff } from './json-diff';
import { studioTexts } from './texts';

/** What two versions are compared on: the content without its revision, author and timestamps. */
export function comparable(item: Record<string, unknown>): Record<string, unknown> {
  const { id, version, publishedAt, publishedBy, note, fromVersion, updatedAt, updatedBy, ...content } = item;
  return content;
}

type Side = number | 'draft';

export function VersionHistory({
  kind,
  id,
  draft,
  refreshKey,
  onRolledBack,
  describePath,
}: {
  kind: ContentKind;
  id: string;
  /** The draft as last saved, offered in the comparison; absent when there is none. */
  draft?: Record<string, unknown>;
  /** Changes when a publish happened elsewhere on the page, so the list is read again. */
  refreshKey: string;
  onRolledBack: (version: number) => void;
  describePath?: DescribePath;
}) {
  const { t, lang } = useTexts(studioTexts);
  const personName = usePersonNamer(null);
  const [reload, setReload] = useState(0);
  const versions = useAsync(`${kind}/${id}/${refreshKey}/${reload}`, (signal) =>
    listVersions(kind, id, signal),
  );
  const [from, setFrom] = useState<Side | ''>('');
  const [to, setTo] = useState<Side | ''>('');
  const [diff, setDiff] = useState<{ from: Side; to: Side; before: unknown; after: unknown }>();
  const [message, setMessage] = useState<{ ok: boolean; text: string }>();

  if (versions.status === 'loading') return <p role="status">{t('loading')}</p>;
  if (versions.status === 'failed') return <LoadError error={versions.error} retry={versions.retry} />;
  const items = [...versions.data].sort((a, b) => b.version - a.version);
  const latest = items[0]?.version;

  const contentOf = async (side: Side) =>
    side === 'draft'
      ? comparable(draft ?? {})
      : comparable(await getVersion<Record<string, unknown>>(kind, id, side));

  const compare = async () => {
    if (from === '' || to === '') return;
    setMessage(undefined);
    try {
      const [before, after] = await Promise.all([contentOf(from), contentOf(to)]);
      setDiff({ from, to, before, after });
    } catch (error) {
      setMessage({ ok: false, text: errorMessage(error) });
    }
  };

  const roll = async (version: number) => {
    if (!window.confirm(t('history.rollbackConfirm', { version }))) return;
    const note = window.prompt(t('history.rollbackNote')) ?? '';
    try {
      const result = await rollback(kind, id, version, note);
      setMessage({ ok: true, text: t('history.rolledBack', { version, newVersion: result.version }) });
      setReload((n) => n + 1);
      onRolledBack(result.version);
    } catch (error) {
      setMessage({ ok: false, text: errorMessage(error) });
    }
  };

  const sideLabel = (side: Side) =>
    side === 'draft' ? t('history.draft') : t('history.version', { version: side });
  const sides: Side[] = [...(draft ? (['draft'] as const) : []), ...items.map((item) => item.version)];
  const parse = (value: string): Side | '' =>
    value === '' ? '' : value === 'draft' ? 'draft' : Number(value);

  return (
    <section className="studio-history" aria-labelledby={`history-${id}`}>
      <h2 id={`history-${id}`}>{t('history.title')}</h2>
      {message ? (
        <p className={message.ok ? 'notice' : 'alert alert-error'} role={message.ok ? 'status' : 'alert'}>
          {message.text}
        </p>
      ) : null}
      {items.length === 0 ? (
        <p>{t('history.empty')}</p>
      ) : (
        <ol className="studio-history-list">
          {items.map((item) => (
            <li key={item.version}>
              <strong>{t('history.version', { version: item.version })}</strong>{' '}
              <span>
                {formatDateTime(item.publishedAt, lang)}{' '}
                {t('history.by', { who: personName(item.publishedBy) })}
              </span>
              {item.fromVersion ? (
                <span> · {t('history.fromVersion', { version: item.fromVersion })}</span>
              ) : null}
              <p className="studio-history-note">{item.note ?? t('history.noNote')}</p>
              {item.version !== latest ? (
                <button type="button" className="button button-quiet" onClick={() => void roll(item.version)}>
                  {t('history.rollback', { version: item.version })}
                </button>
              ) : null}
            </li>
          ))}
        </ol>
      )}
      {sides.length >= 2 ? (
        <form
          className="studio-compare"
          onSubmit={(event) => {
            event.preventDefault();
            void compare();
          }}
        >
          <label>
            {t('history.compareFrom')}{' '}
            <select value={String(from)} onChange={(event) => setFrom(parse(event.target.value))} required>
              <option value="" />
              {sides.map((side) => (
                <option key={side} value={side}>
                  {sideLabel(side)}
                </option>
              ))}
            </select>
          </label>{' '}
          <label>
            {t('history.compareTo')}{' '}
            <select value={String(to)} onChange={(event) => setTo(parse(event.target.value))} required>
              <option value="" />
              {sides.map((side) => (
                <option key={side} value={side}>
                  {sideLabel(side)}
                </option>
              ))}
            </select>
          </label>{' '}
          <button type="submit" className="button">
            {t('history.compare')}
          </button>
        </form>
      ) : null}
      {diff ? (
        <JsonDiff
          before={diff.before}
          after={diff.after}
          caption={t('diff.title', { from: sideLabel(diff.from), to: sideLabel(diff.to) })}
          {...(describePath ? { describePath } : {})}
        />
      ) : null}
    </section>
  );
}

/**
 * Shown when saving a draft answered 412: another administrator saved it after this editor loaded it.
 * Nothing is overwritten until the person chooses: compare, load theirs, or save theirs over.
 */
import { useState } from 'react';
import { formatDateTime, useTexts } from '../../shared/i18n/language';
import { usePersonNamer } from '../people/names';
import { type DescribePath, JsonDiff } from './json-diff';
import { studioTexts } from './texts';

export interface Conflict<T> {
  /** The draft as it is on the server now. */
  theirs: T & { version: number; updatedAt: string; updatedBy: string };
}

export function ConflictNotice<T>({
  conflict,
  theirContent,
  mine,
  onReload,
  onOverwrite,
  describePath,
}: {
  conflict: Conflict<T>;
  /** The comparable part of their draft (without revision and timestamps). */
  theirContent: unknown;
  mine: unknown;
  onReload: () => void;
  /** Saves this editor's content on top of their revision. */
  onOverwrite: (theirVersion: number) => void;
  describePath?: DescribePath;
}) {
  const { t, lang } = useTexts(studioTexts);
  const personName = usePersonNamer(null);
  const [comparing, setComparing] = useState(false);
  const { theirs } = conflict;
  return (
    <section className="panel panel-alert studio-conflict" role="alert" aria-labelledby="studio-conflict">
      <h2 id="studio-conflict">{t('conflict.title')}</h2>
      <p>
        {t('conflict.body', {
          who: personName(theirs.updatedBy),
          at: formatDateTime(theirs.updatedAt, lang),
        })}
      </p>
      <div className="actions">
        <button
          type="button"
          className="button"
          aria-expanded={comparing}
          onClick={() => setComparing((on) => !on)}
        >
          {t('conflict.compare')}
        </button>
        <button type="button" className="button" onClick={onReload}>
          {t('conflict.reload')}
        </button>
        <button type="button" className="button button-quiet" onClick={() => onOverwrite(theirs.version)}>
          {t('conflict.overwrite')}
        </button>
      </div>
      {comparing ? (
        <JsonDiff
          before={theirContent}
          after={mine}
          caption={t('conflict.compare')}
          {...(describePath ? { describePath } : {})}
        />
      ) : null}
    </section>
  );
}

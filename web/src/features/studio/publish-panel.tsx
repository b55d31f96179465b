/**
 * Publishing the saved draft as a new version, with a note for the history and a confirmation. A
 * refusal (a ruleset's failing tests, a case type's broken references) is handed to `onRefused` so the
 * editor can show it where it belongs; other errors are shown here.
 */
import { useId, useState } from 'react';
import { ApiError, errorMessage } from '../../shared/api-client';
import { useTexts } from '../../shared/i18n/language';
import { type ContentKind, publish } from './content-api';
import { studioTexts } from './texts';

export function PublishPanel({
  kind,
  id,
  title,
  hasDraft,
  dirty,
  onPublished,
  onRefused,
}: {
  kind: ContentKind;
  id: string;
  title: string;
  hasDraft: boolean;
  /** Unsaved edits: publishing would publish the saved draft, not what is on screen. */
  dirty: boolean;
  onPublished: (version: number) => void;
  /** A 4xx refusal; answer true when the editor showed it, false to show it here. */
  onRefused?: (error: ApiError) => boolean;
}) {
  const { t } = useTexts(studioTexts);
  const noteId = useId();
  const [note, setNote] = useState('');
  const [busy, setBusy] = useState(false);
  const [message, setMessage] = useState<{ ok: boolean; text: string }>();

  const submit = async () => {
    if (!window.confirm(t('publish.confirm', { title }))) return;
    setBusy(true);
    setMessage(undefined);
    try {
      const { version } = await publish(kind, id, note);
      setNote('');
      setMessage({ ok: true, text: t('publish.done', { version }) });
      onPublished(version);
    } catch (error) {
      if (error instanceof ApiError && error.status < 500 && onRefused?.(error)) return;
      setMessage({ ok: false, text: errorMessage(error) });
    } finally {
      setBusy(false);
    }
  };

  const blocked = !hasDraft ? t('publish.nothing') : dirty ? t('publish.saveFirst') : undefined;
  return (
    <form
      className="studio-publish"
      aria-label={t('publish.title')}
      onSubmit={(event) => {
        event.preventDefault();
        void submit();
      }}
    >
      <label htmlFor={noteId}>{t('publish.note')}</label>
      <textarea id={noteId} rows={2} value={note} onChange={(event) => setNote(event.target.value)} />
      {blocked ? <p className="hint">{blocked}</p> : null}
      <button type="submit" className="button button-primary" disabled={busy || blocked !== undefined}>
        {t('publish.submit')}
      </button>
      {message ? (
        <p className={message.ok ? 'notice' : 'alert alert-error'} role={message.ok ? 'status' : 'alert'}>
          {message.text}
        </p>
      ) : null}
    </form>
  );
}

/** "Catatan": the case notes, newest first, and adding one (text, contact type, date of the contact). */
import { type FormEvent, useId, useState } from 'react';
import { errorMessage, type Page } from '../../shared/api-client';
import { useLabel } from '../../shared/case-labels';
import { formatDate, formatDateTime, useI18n } from '../../shared/i18n/language';
import { LoadError } from '../../shared/load-error';
import { MoreButton } from '../../shared/more-button';
import { useAsync } from '../../shared/use-async';
import { useMore } from '../../shared/use-more';
import { usePersonNamer } from '../people/names';
import { addNote, listNotes, type Note } from './api';
import { Section } from './section';
import { CONTACT_TYPE_LABELS, type ContactType } from './vocabulary';

const CONTACT_TYPES = Object.keys(CONTACT_TYPE_LABELS) as ContactType[];

function isContactType(value: string): value is ContactType {
  return (CONTACT_TYPES as readonly string[]).includes(value);
}

export function NotesSection({ id, caseId, canWrite }: { id: string; caseId: string; canWrite: boolean }) {
  const { t } = useI18n();
  const first = useAsync(`notes:${caseId}`, (signal) => listNotes(caseId, null, signal));
  return (
    <Section id={id} title={t('notes.title')}>
      {first.status === 'loading' ? <p role="status">{t('app.loading')}</p> : null}
      {first.status === 'failed' ? <LoadError error={first.error} retry={first.retry} /> : null}
      {first.status === 'done' ? <Notes caseId={caseId} first={first.data} canWrite={canWrite} /> : null}
    </Section>
  );
}

function Notes({ caseId, first, canWrite }: { caseId: string; first: Page<Note>; canWrite: boolean }) {
  const { t, lang } = useI18n();
  const label = useLabel();
  const personName = usePersonNamer(null);
  const list = useMore(first, (cursor) => listNotes(caseId, cursor));
  return (
    <>
      {canWrite ? <NoteForm caseId={caseId} onAdded={list.prepend} /> : null}
      {list.items.length === 0 ? (
        <p className="muted">{t('notes.empty')}</p>
      ) : (
        <ul className="item-list">
          {list.items.map((note) => (
            <li key={note.id} className="item item-stacked">
              <p className="meta">
                <time dateTime={note.date}>{formatDate(note.date, lang)}</time>
                {note.contactType ? ` · ${label(CONTACT_TYPE_LABELS, note.contactType)}` : ''}
                {' · '}
                {t('notes.by', { by: personName(note.author), at: formatDateTime(note.createdAt, lang) })}
              </p>
              <p className="note-text">{note.text}</p>
            </li>
          ))}
        </ul>
      )}
      <MoreButton list={list} />
    </>
  );
}

function NoteForm({ caseId, onAdded }: { caseId: string; onAdded: (note: Note) => void }) {
  const { t } = useI18n();
  const label = useLabel();
  const ids = useId();
  const [text, setText] = useState('');
  const [contactType, setContactType] = useState('');
  const [date, setDate] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string>();
  const [added, setAdded] = useState(false);

  const submit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    setAdded(false);
    if (text.trim() === '') {
      setError(t('notes.textMissing'));
      document.getElementById(`${ids}-text`)?.focus();
      return;
    }
    setBusy(true);
    setError(undefined);
    try {
      const note = await addNote(caseId, {
        text: text.trim(),
        ...(isContactType(contactType) ? { contactType } : {}),
        ...(date ? { date } : {}),
      });
      onAdded(note);
      setText('');
      setContactType('');
      setDate('');
      setAdded(true);
    } catch (caught) {
      setError(errorMessage(caught));
    } finally {
      setBusy(false);
    }
  };

  return (
    <form className="stack note-form" onSubmit={submit} noValidate aria-labelledby={`${ids}-title`}>
      <h3 id={`${ids}-title`}>{t('notes.add')}</h3>
      <div className="field">
        <label htmlFor={`${ids}-text`}>{t('notes.text')}</label>
        <textarea
          id={`${ids}-text`}
          rows={3}
          maxLength={10000}
          value={text}
          onChange={(event) => setText(event.target.value)}
          aria-invalid={error && text.trim() === '' ? true : undefined}
        />
      </div>
      <div className="field-row">
        <div className="field">
          <label htmlFor={`${ids}-contact`}>{t('notes.contactType')}</label>
          <select
            id={`${ids}-contact`}
            value={contactType}
            onChange={(event) => setContactType(event.target.value)}
          >
            <option value="">{t('notes.noContactType')}</option>
            {CONTACT_TYPES.map((value) => (
              <option key={value} value={value}>
                {label(CONTACT_TYPE_LABELS, value)}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor={`${ids}-date`}>{t('notes.date')}</label>
          <input
            id={`${ids}-date`}
            type="date"
            value={date}
            onChange={(event) => setDate(event.target.value)}
            aria-describedby={`${ids}-date-hint`}
          />
          <p id={`${ids}-date-hint`} className="hint">
            {t('notes.dateHint')}
          </p>
        </div>
      </div>
      {error ? (
        <p className="alert alert-error" role="alert">
          {error}
        </p>
      ) : null}
      <p role="status" className="status-success">
        {added ? t('notes.added') : ''}
      </p>
      <div>
        <button type="submit" className="button button-primary" disabled={busy} aria-busy={busy}>
          {t('notes.submit')}
        </button>
      </div>
    </form>
  );
}

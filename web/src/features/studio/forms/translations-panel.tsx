/**
 * The English translation of a form, as a translator works: every text of the form (its title, the
 * titles and help of its sections, fields and options, its own error messages) beside a box for the
 * English, with how many are done and a filter for those still missing. What is typed goes into the
 * schema's `x-translations.en`, keyed by the Indonesian text; an empty box removes the entry. An entry
 * whose Indonesian text is no longer in the form (after a title was changed) is never shown; it is
 * listed apart, to be removed once the new text is translated.
 */
import { useId, useMemo, useState } from 'react';
import {
  staleTranslations,
  TRANSLATIONS_KEYWORD,
  textMapOf,
  translatableTexts,
} from '../../../../../functions/validation/translations';
import { useTexts } from '../../../shared/i18n/language';
import type { FormDoc } from './outline';
import { formsTexts } from './texts';

type Json = Record<string, unknown>;

const isRecord = (value: unknown): value is Json =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/** The English entries the schema holds now (only text values). */
function englishOf(schema: Json): Record<string, string> {
  return Object.fromEntries(
    Object.entries(textMapOf(schema, 'en') ?? {}).filter(
      (entry): entry is [string, string] => typeof entry[1] === 'string',
    ),
  );
}

/** The schema with its English entries replaced by `english` (the keyword dropped when nothing is left). */
export function withEnglish(schema: Json, english: Record<string, string>): Json {
  const all = isRecord(schema[TRANSLATIONS_KEYWORD]) ? (schema[TRANSLATIONS_KEYWORD] as Json) : {};
  const { en: _dropped, ...others } = all;
  const next: Json = Object.keys(english).length > 0 ? { ...others, en: english } : others;
  const { [TRANSLATIONS_KEYWORD]: _old, ...rest } = schema;
  return Object.keys(next).length > 0 ? { ...rest, [TRANSLATIONS_KEYWORD]: next } : rest;
}

/** A long text gets a box of several lines. */
const LONG = 80;

export function TranslationsPanel({ doc, onChange }: { doc: FormDoc; onChange: (schema: Json) => void }) {
  const { t } = useTexts(formsTexts);
  const ids = useId();
  const [onlyMissing, setOnlyMissing] = useState(false);
  const [query, setQuery] = useState('');
  const texts = useMemo(() => translatableTexts(doc), [doc]);
  const english = useMemo(() => englishOf(doc.schema), [doc.schema]);
  const done = texts.filter((text) => english[text]?.trim()).length;
  const stale = useMemo(
    () => staleTranslations(doc).flatMap((entry) => (entry.lang === 'en' ? [entry.text] : [])),
    [doc],
  );
  const needle = query.trim().toLocaleLowerCase('id');
  const shown = texts.filter(
    (text) =>
      (!onlyMissing || !english[text]?.trim()) &&
      (needle === '' ||
        text.toLocaleLowerCase('id').includes(needle) ||
        (english[text] ?? '').toLocaleLowerCase('en').includes(needle)),
  );

  const set = (text: string, value: string) => {
    const next = { ...english };
    if (value === '') delete next[text];
    else next[text] = value;
    onChange(withEnglish(doc.schema, next));
  };

  return (
    <div className="studio-translations">
      <p className="hint">{t('translations.intro')}</p>
      <p role="status">{t('translations.progress', { done, total: texts.length })}</p>
      {stale.length > 0 ? (
        <section className="notice" aria-labelledby={`${ids}-stale`}>
          <h3 id={`${ids}-stale`}>{t('translations.staleTitle')}</h3>
          <p>{t('translations.staleHint')}</p>
          <ul className="studio-translations-stale">
            {stale.map((text) => (
              <li key={text}>
                <span lang="id">{text}</span> → <span lang="en">{english[text]}</span>{' '}
                <button type="button" className="button" onClick={() => set(text, '')}>
                  {t('translations.remove')}
                </button>
              </li>
            ))}
          </ul>
        </section>
      ) : null}
      <div className="studio-translations-filters">
        <label>
          {t('translations.search')}{' '}
          <input type="search" value={query} onChange={(event) => setQuery(event.target.value)} />
        </label>
        <label>
          <input
            type="checkbox"
            checked={onlyMissing}
            onChange={(event) => setOnlyMissing(event.target.checked)}
          />{' '}
          {t('translations.onlyMissing')}
        </label>
      </div>
      {shown.length === 0 ? <p>{t('translations.none')}</p> : null}
      <ol className="studio-translations-list">
        {shown.map((text) => {
          const id = `${ids}-${texts.indexOf(text)}`;
          const value = english[text] ?? '';
          return (
            <li key={text}>
              <label htmlFor={id} lang="id">
                {text}
              </label>
              {text.length > LONG ? (
                <textarea
                  id={id}
                  lang="en"
                  rows={3}
                  value={value}
                  placeholder={t('translations.placeholder')}
                  onChange={(event) => set(text, event.target.value)}
                />
              ) : (
                <input
                  id={id}
                  lang="en"
                  type="text"
                  value={value}
                  placeholder={t('translations.placeholder')}
                  onChange={(event) => set(text, event.target.value)}
                />
              )}
            </li>
          );
        })}
      </ol>
    </div>
  );
}

/**
 * The first step of opening a case: look the client up by NIK, or by name and birth date, and see the
 * cases that already exist in the caller's scope (links, with case type, stage and office by name),
 * how many other offices hold (a supervisor) or colleagues hold (a worker). A NIK already recorded in
 * the caller's office needs an explicit confirmation before going on.
 */
import { type FormEvent, useEffect, useId, useRef, useState } from 'react';
import { Link } from 'react-router';
import { errorMessage } from '../../shared/api-client';
import { formatDate, useTexts } from '../../shared/i18n/language';
import { useSession } from '../auth/session';
import { type CaseSearch, type ClientQuery, searchClient } from './api';
import { usePersonNamer } from './names';
import { peopleTexts } from './texts';

/** What the search settled: the client as searched (to fill in the next step), and any confirmation. */
export interface SearchOutcome {
  nik?: string;
  name?: string;
  birthDate?: string;
  /** The caller confirmed a new case although the NIK is already recorded in their office. */
  confirmedDuplicate: boolean;
}

const today = () => new Date().toISOString().slice(0, 10);

export function ClientSearch({
  initial,
  onContinue,
  onCancel,
  cancelLabel,
}: {
  initial?: Partial<SearchOutcome>;
  onContinue: (outcome: SearchOutcome) => void;
  onCancel: () => void;
  cancelLabel: string;
}) {
  const { t, lang } = useTexts(peopleTexts);
  const ids = useId();
  const session = useSession();
  const [by, setBy] = useState<'nik' | 'name'>(initial?.nik || !initial?.name ? 'nik' : 'name');
  const [nik, setNik] = useState(initial?.nik ?? '');
  const [name, setName] = useState(initial?.name ?? '');
  const [birthDate, setBirthDate] = useState(initial?.birthDate ?? '');
  const [problem, setProblem] = useState<string>();
  const [busy, setBusy] = useState(false);
  const [result, setResult] = useState<{ query: ClientQuery; found: CaseSearch }>();
  const [confirmed, setConfirmed] = useState(false);
  const [confirmMissing, setConfirmMissing] = useState(false);
  const confirmBox = useRef<HTMLInputElement>(null);
  const nameOf = usePersonNamer(session?.user.office);

  const run = async (query: ClientQuery) => {
    setBusy(true);
    setProblem(undefined);
    setConfirmed(false);
    setConfirmMissing(false);
    try {
      setResult({ query, found: await searchClient(query) });
    } catch (caught) {
      setResult(undefined);
      setProblem(errorMessage(caught));
    } finally {
      setBusy(false);
    }
  };

  // Sent back from the details step with a NIK the server found in the office: search it again.
  const latestRun = useRef(run);
  latestRun.current = run;
  const initialNik = initial?.nik;
  useEffect(() => {
    if (initialNik) void latestRun.current({ nik: initialNik });
  }, [initialNik]);

  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    if (by === 'nik') {
      if (!/^\d{16}$/.test(nik)) return setProblem(t('search.nikInvalid'));
      void run({ nik });
    } else {
      if (name.trim() === '') return setProblem(t('search.nameMissing'));
      if (birthDate === '') return setProblem(t('search.birthDateMissing'));
      void run({ name: name.trim(), birthDate });
    }
  };

  const found = result?.found;
  const office = session?.user.office;
  const searchedNik = result && 'nik' in result.query ? result.query.nik : undefined;
  const duplicate =
    searchedNik !== undefined &&
    ((found?.items.some((item) => item.office === office) ?? false) || (found?.othersInOffice ?? 0) > 0);
  const elsewhere = found?.elsewhere ?? [];
  const elsewhereCount = elsewhere.reduce((sum, entry) => sum + entry.count, 0);

  const next = () => {
    if (!result) return;
    if (duplicate && !confirmed) {
      setConfirmMissing(true);
      confirmBox.current?.focus();
      return;
    }
    onContinue({ ...result.query, confirmedDuplicate: duplicate && confirmed });
  };

  return (
    <div className="stack">
      <h3 id={`${ids}-title`}>{t('search.title')}</h3>
      <p className="muted">{t('search.intro')}</p>
      <form className="stack" onSubmit={submit} noValidate aria-labelledby={`${ids}-title`}>
        <fieldset className="field choice-group">
          <legend>{t('search.by')}</legend>
          {(['nik', 'name'] as const).map((value) => (
            <label key={value} className="radio-inline">
              <input
                type="radio"
                name={`${ids}-by`}
                value={value}
                checked={by === value}
                onChange={() => {
                  setBy(value);
                  setProblem(undefined);
                }}
              />
              <span>{value === 'nik' ? t('search.byNik') : t('search.byName')}</span>
            </label>
          ))}
        </fieldset>
        {by === 'nik' ? (
          <div className="field">
            <label htmlFor={`${ids}-nik`}>{t('search.nik')}</label>
            <input
              id={`${ids}-nik`}
              type="text"
              inputMode="numeric"
              autoComplete="off"
              maxLength={16}
              value={nik}
              onChange={(event) => setNik(event.target.value.trim())}
              aria-describedby={`${ids}-nik-hint`}
            />
            <p id={`${ids}-nik-hint`} className="hint">
              {t('search.nikHint')}
            </p>
          </div>
        ) : (
          <div className="field-row">
            <div className="field field-grow">
              <label htmlFor={`${ids}-name`}>{t('search.name')}</label>
              <input
                id={`${ids}-name`}
                type="text"
                autoComplete="off"
                maxLength={200}
                value={name}
                onChange={(event) => setName(event.target.value)}
              />
            </div>
            <div className="field">
              <label htmlFor={`${ids}-birthDate`}>{t('search.birthDate')}</label>
              <input
                id={`${ids}-birthDate`}
                type="date"
                max={today()}
                value={birthDate}
                onChange={(event) => setBirthDate(event.target.value)}
              />
            </div>
          </div>
        )}
        {problem ? (
          <p className="alert alert-error" role="alert">
            {problem}
          </p>
        ) : null}
        <div className="actions">
          <button type="submit" className="button button-primary" disabled={busy} aria-busy={busy}>
            {t('search.submit')}
          </button>
          <button type="button" className="button button-link" onClick={onCancel}>
            {cancelLabel}
          </button>
        </div>
      </form>

      <div aria-live="polite" className="stack">
        {found ? (
          <>
            {found.items.length > 0 ? (
              <section aria-labelledby={`${ids}-found`} className="stack">
                <h4 id={`${ids}-found`}>{t('search.found', { count: found.items.length })}</h4>
                <ul className="item-list">
                  {found.items.map((item) => (
                    <li key={item.id} className="item">
                      <Link to={`/kasus/${encodeURIComponent(item.id)}`}>{item.client.name}</Link>{' '}
                      <span className="muted">{formatDate(item.client.birthDate, lang)}</span>
                      <div className="meta">
                        {t('search.caseMeta', {
                          caseType: item.caseTypeTitle,
                          stage: item.stageTitle,
                          office: item.officeName,
                        })}
                        {item.assignee && item.office === office
                          ? ` · ${t('search.assignee', { name: nameOf(item.assignee) })}`
                          : null}
                      </div>
                    </li>
                  ))}
                </ul>
              </section>
            ) : (
              <p>{t('search.none')}</p>
            )}
            {elsewhereCount > 0 ? (
              <p className="notice">
                {t('search.elsewhere', {
                  count: elsewhereCount,
                  offices: elsewhere.map((entry) => `${entry.officeName}: ${entry.count}`).join(', '),
                })}
              </p>
            ) : null}
            {(found.othersInOffice ?? 0) > 0 ? (
              <p className="notice">{t('search.othersInOffice', { count: found.othersInOffice ?? 0 })}</p>
            ) : null}
            {duplicate ? (
              <fieldset className="panel panel-notice stack">
                <legend className="small-heading">{t('search.duplicateTitle')}</legend>
                <p>{t('search.duplicateBody')}</p>
                <div className="field field-check">
                  <input
                    id={`${ids}-confirm`}
                    ref={confirmBox}
                    type="checkbox"
                    checked={confirmed}
                    onChange={(event) => {
                      setConfirmed(event.target.checked);
                      setConfirmMissing(false);
                    }}
                    aria-invalid={confirmMissing ? true : undefined}
                    aria-describedby={confirmMissing ? `${ids}-confirm-error` : undefined}
                  />
                  <label htmlFor={`${ids}-confirm`}>{t('search.confirm')}</label>
                </div>
                {confirmMissing ? (
                  <p id={`${ids}-confirm-error`} className="field-error" role="alert">
                    {t('search.confirmMissing')}
                  </p>
                ) : null}
              </fieldset>
            ) : null}
            <div>
              <button type="button" className="button" onClick={next}>
                {t('search.continue')}
              </button>
            </div>
          </>
        ) : null}
      </div>
    </div>
  );
}

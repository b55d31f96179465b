/**
 * Opening a case, in two steps. First the client is looked up (by NIK, or by name and birth date:
 * `features/people/client-search.tsx`), so existing cases show before a duplicate is made; a NIK
 * already recorded in the office needs the caller's confirmation. Then the client (name, birth date,
 * sex, optional NIK, filled in from the search) and the case type, one of the published case types
 * (`GET /api/case-types`, fetched by the caseload). Checked in the browser first; the server's own
 * field errors (JSON Pointers such as /client/nik) land on the same fields, and a NIK the server finds
 * in the office (409 `duplicate_nik`) sends the form back to the search. On success the new case opens.
 */
import { type FormEvent, useId, useState } from 'react';
import { useNavigate } from 'react-router';
import { ApiError, errorMessage, type Page } from '../../shared/api-client';
import { SEX_LABELS, SEXES, useLabel } from '../../shared/case-labels';
import { formatDate, useI18n, useTexts } from '../../shared/i18n/language';
import { LoadError } from '../../shared/load-error';
import type { AsyncState } from '../../shared/use-async';
import { ClientSearch, type SearchOutcome } from '../people/client-search';
import { peopleTexts } from '../people/texts';
import { type CaseTypeSummary, createCase } from './api';

type Field = 'name' | 'birthDate' | 'sex' | 'nik' | 'caseType';
type FieldErrors = Partial<Record<Field, string>>;

/** Where the server's error paths point, by field. */
const PATHS: Record<string, Field> = {
  '/client/name': 'name',
  '/client/birthDate': 'birthDate',
  '/client/sex': 'sex',
  '/client/nik': 'nik',
  '/caseType': 'caseType',
};

const today = () => new Date().toISOString().slice(0, 10);

export function NewCaseForm({
  caseTypes,
  onCancel,
}: {
  caseTypes: AsyncState<Page<CaseTypeSummary>>;
  onCancel: () => void;
}) {
  const { t } = useI18n();
  const ids = useId();
  const [searched, setSearched] = useState<SearchOutcome>();
  // A NIK the server found in the office after all: back to the search with it, to confirm there.
  const [searchAgain, setSearchAgain] = useState<Partial<SearchOutcome>>();
  return (
    <section className="panel" aria-labelledby={`${ids}-title`}>
      <h2 id={`${ids}-title`}>{t('newCase.title')}</h2>
      {searched ? (
        <ClientDetails
          caseTypes={caseTypes}
          searched={searched}
          onSearchAgain={(nik) => {
            setSearchAgain(nik ? { nik } : searched);
            setSearched(undefined);
          }}
          onCancel={onCancel}
        />
      ) : (
        <ClientSearch
          key={searchAgain?.nik ?? ''}
          {...(searchAgain ? { initial: searchAgain } : {})}
          onContinue={setSearched}
          onCancel={onCancel}
          cancelLabel={t('app.cancel')}
        />
      )}
    </section>
  );
}

function ClientDetails({
  caseTypes,
  searched,
  onSearchAgain,
  onCancel,
}: {
  caseTypes: AsyncState<Page<CaseTypeSummary>>;
  searched: SearchOutcome;
  onSearchAgain: (nik?: string) => void;
  onCancel: () => void;
}) {
  const { t, lang } = useI18n();
  const people = useTexts(peopleTexts);
  const label = useLabel();
  const navigate = useNavigate();
  const ids = useId();
  const [name, setName] = useState(searched.name ?? '');
  const [birthDate, setBirthDate] = useState(searched.birthDate ?? '');
  const [sex, setSex] = useState('');
  const [nik, setNik] = useState(searched.nik ?? '');
  const [caseType, setCaseType] = useState('');
  const [errors, setErrors] = useState<FieldErrors>({});
  const [failure, setFailure] = useState<string>();
  const [busy, setBusy] = useState(false);
  const published =
    caseTypes.status === 'done' ? caseTypes.data.items.filter((type) => type.publishedVersion !== null) : [];

  const check = (): FieldErrors => {
    const found: FieldErrors = {};
    if (name.trim() === '') found.name = t('newCase.nameMissing');
    if (birthDate === '') found.birthDate = t('newCase.birthDateMissing');
    else if (birthDate > today()) found.birthDate = t('newCase.birthDateFuture');
    if (sex === '') found.sex = t('newCase.sexMissing');
    if (nik !== '' && !/^\d{16}$/.test(nik)) found.nik = t('newCase.nikInvalid');
    if (caseType === '') found.caseType = t('newCase.caseTypeMissing');
    return found;
  };

  const onSubmit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    setFailure(undefined);
    const found = check();
    setErrors(found);
    const firstField = Object.keys(found)[0];
    if (firstField) {
      setFailure(t('newCase.invalid'));
      document.getElementById(`${ids}-${firstField}`)?.focus();
      return;
    }
    setBusy(true);
    try {
      const created = await createCase({
        client: {
          name: name.trim(),
          birthDate,
          sex: sex === 'perempuan' ? 'perempuan' : 'laki-laki',
          ...(nik ? { nik } : {}),
        },
        caseType,
        ...(searched.confirmedDuplicate && nik === searched.nik ? { confirmDuplicate: true } : {}),
      });
      navigate(`/kasus/${encodeURIComponent(created.id)}`);
    } catch (caught) {
      setBusy(false);
      if (caught instanceof ApiError && caught.code === 'duplicate_nik') {
        onSearchAgain(nik);
        return;
      }
      setFailure(errorMessage(caught));
      if (caught instanceof ApiError) {
        const fromServer: FieldErrors = {};
        for (const detail of caught.details) {
          const field = PATHS[detail.path];
          if (field) fromServer[field] = detail.message;
        }
        setErrors(fromServer);
      }
    }
  };

  const describedBy = (field: Field, hint?: string) =>
    [hint, errors[field] ? `${ids}-${field}-error` : undefined].filter(Boolean).join(' ') || undefined;
  const errorText = (field: Field) =>
    errors[field] ? (
      <p id={`${ids}-${field}-error`} className="field-error">
        {errors[field]}
      </p>
    ) : null;

  const what = searched.nik
    ? `${people.t('search.nik')} ${searched.nik}`
    : `${searched.name ?? ''}, ${formatDate(searched.birthDate ?? '', lang)}`;
  return (
    <>
      <p className="inline-form">
        <span className="muted">{people.t('search.searched', { what })}</span>
        <button type="button" className="button button-link" onClick={() => onSearchAgain()}>
          {people.t('search.again')}
        </button>
      </p>
      <form className="stack" onSubmit={onSubmit} noValidate>
        <div className="field">
          <label htmlFor={`${ids}-name`}>{t('newCase.name')}</label>
          <input
            id={`${ids}-name`}
            type="text"
            autoComplete="off"
            maxLength={200}
            value={name}
            onChange={(event) => setName(event.target.value)}
            aria-invalid={errors.name ? true : undefined}
            aria-describedby={describedBy('name')}
          />
          {errorText('name')}
        </div>
        <div className="field">
          <label htmlFor={`${ids}-birthDate`}>{t('newCase.birthDate')}</label>
          <input
            id={`${ids}-birthDate`}
            type="date"
            max={today()}
            value={birthDate}
            onChange={(event) => setBirthDate(event.target.value)}
            aria-invalid={errors.birthDate ? true : undefined}
            aria-describedby={describedBy('birthDate')}
          />
          {errorText('birthDate')}
        </div>
        <fieldset className="field choice-group" aria-describedby={describedBy('sex')}>
          <legend>{t('newCase.sex')}</legend>
          {SEXES.map((value, index) => (
            <label key={value} className="radio-inline">
              <input
                id={index === 0 ? `${ids}-sex` : undefined}
                type="radio"
                name={`${ids}-sex`}
                value={value}
                checked={sex === value}
                onChange={() => setSex(value)}
              />
              <span>{label(SEX_LABELS, value)}</span>
            </label>
          ))}
          {errorText('sex')}
        </fieldset>
        <div className="field">
          <label htmlFor={`${ids}-nik`}>{t('newCase.nik')}</label>
          <input
            id={`${ids}-nik`}
            type="text"
            inputMode="numeric"
            autoComplete="off"
            maxLength={16}
            value={nik}
            onChange={(event) => setNik(event.target.value.trim())}
            aria-invalid={errors.nik ? true : undefined}
            aria-describedby={describedBy('nik', `${ids}-nik-hint`)}
          />
          <p id={`${ids}-nik-hint`} className="hint">
            {t('newCase.nikHint')}
          </p>
          {errorText('nik')}
        </div>
        <div className="field">
          <label htmlFor={`${ids}-caseType`}>{t('case.caseType')}</label>
          <select
            id={`${ids}-caseType`}
            value={caseType}
            onChange={(event) => setCaseType(event.target.value)}
            aria-invalid={errors.caseType ? true : undefined}
            aria-describedby={describedBy('caseType')}
          >
            <option value="">{t('newCase.choose')}</option>
            {published.map((type) => (
              <option key={type.id} value={type.id}>
                {type.title}
              </option>
            ))}
          </select>
          {caseTypes.status === 'loading' ? <p role="status">{t('app.loading')}</p> : null}
          {caseTypes.status === 'failed' ? (
            <LoadError error={caseTypes.error} retry={caseTypes.retry} />
          ) : null}
          {caseTypes.status === 'done' && published.length === 0 ? (
            <p className="hint">{t('newCase.noCaseTypes')}</p>
          ) : null}
          {errorText('caseType')}
        </div>
        {failure ? (
          <p className="alert alert-error" role="alert">
            {failure}
          </p>
        ) : null}
        <div className="actions">
          <button type="submit" className="button button-primary" disabled={busy} aria-busy={busy}>
            {t('newCase.submit')}
          </button>
          <button type="button" className="button button-link" onClick={onCancel}>
            {t('app.cancel')}
          </button>
        </div>
      </form>
    </>
  );
}

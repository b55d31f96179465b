/**
 * `/admin/kantor`: the offices (Bapas) cases and people belong to, each with the time zone its
 * deadlines are counted in (WIB, WITA or WIT). Offices are added and edited; a new office's id is
 * made from its name and never shown.
 */
import { type FormEvent, useCallback, useEffect, useId, useRef, useState } from 'react';
import { useTexts } from '../../../shared/i18n/language';
import { LoadError } from '../../../shared/load-error';
import { useAsync } from '../../../shared/use-async';
import { useDocumentTitle } from '../../../shared/use-document-title';
import { useUnsavedGuard } from '../use-unsaved-guard';
import { idFrom, listOffices, type Office, type OfficeFields, saveOffice } from './api';
import { type Refusal, refusalOf } from './field-errors';
import { isTimeZone, TIME_ZONE_LABELS, TIME_ZONE_LIST } from './labels';
import { focusFirstInvalid } from './service-form';
import { directoryTexts } from './texts';
import './directory.css';

type Editing = { office?: Office };

export function OfficesPage() {
  const { t } = useTexts(directoryTexts);
  useDocumentTitle(t('offices.title'));
  const [reload, setReload] = useState(0);
  const offices = useAsync(`offices:${reload}`, (signal) => listOffices(signal));
  const [editing, setEditing] = useState<Editing>();
  const [editorKey, setEditorKey] = useState(0);
  const [status, setStatus] = useState('');
  const headingRef = useRef<HTMLHeadingElement>(null);
  const dirty = useRef(false);
  const onDirty = useCallback((value: boolean) => {
    dirty.current = value;
  }, []);
  const all = offices.status === 'done' ? offices.data : [];
  const sorted = [...all].sort((a, b) => a.name.localeCompare(b.name));

  const open = (next: Editing) => {
    if (dirty.current && !window.confirm(t('form.discard'))) return;
    dirty.current = false;
    setStatus('');
    setEditing(next);
    setEditorKey((n) => n + 1);
  };

  const close = (message?: string) => {
    dirty.current = false;
    setEditing(undefined);
    if (message) {
      setStatus(message);
      setReload((n) => n + 1);
    }
    headingRef.current?.focus();
  };

  const zoneLabel = (zone: string) => (isTimeZone(zone) ? t(TIME_ZONE_LABELS[zone]) : zone);

  return (
    <>
      <div className="page-heading">
        <h1 ref={headingRef} tabIndex={-1}>
          {t('offices.title')}
        </h1>
        <button type="button" className="button button-primary" onClick={() => open({})}>
          {t('offices.addButton')}
        </button>
      </div>
      <p className="directory-intro">{t('offices.intro')}</p>
      <p role="status" className="status-success">
        {status}
      </p>
      {editing ? (
        <OfficeForm
          key={editorKey}
          {...(editing.office ? { office: editing.office } : {})}
          taken={new Set(all.map((office) => office.id))}
          onSaved={(saved, added) =>
            close(t(added ? 'offices.added' : 'offices.saved', { name: saved.name }))
          }
          onCancel={() => close()}
          onDirty={onDirty}
        />
      ) : null}
      {offices.status === 'loading' ? <p role="status">{t('loading')}</p> : null}
      {offices.status === 'failed' ? <LoadError error={offices.error} retry={offices.retry} /> : null}
      {offices.status === 'done' && sorted.length === 0 ? (
        <p className="muted">{t('offices.empty')}</p>
      ) : null}
      {sorted.length > 0 ? (
        <div className="table-wrap directory-table-wrap">
          <table className="table">
            <caption className="sr-only">{t('offices.title')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('offices.name')}</th>
                <th scope="col">{t('offices.timeZone')}</th>
                <th scope="col">{t('offices.address')}</th>
                <th scope="col">
                  <span className="sr-only">{t('table.actions')}</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {sorted.map((office) => (
                <tr key={office.id}>
                  <th scope="row">{office.name}</th>
                  <td>{zoneLabel(office.timeZone)}</td>
                  <td className="directory-address">{office.address || <span className="muted">—</span>}</td>
                  <td>
                    <button type="button" className="button button-small" onClick={() => open({ office })}>
                      {t('offices.edit')}
                      <span className="sr-only"> {office.name}</span>
                    </button>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : null}
    </>
  );
}

const FIELDS = ['name', 'timeZone', 'address'] as const;
type Field = (typeof FIELDS)[number];

/** A free id for a new office, made from its name (`bapas-kelas-i-mataram`, then `-2`…). */
function freeId(name: string, taken: ReadonlySet<string>): string {
  const base = idFrom(name, 'kantor');
  let id = base;
  for (let n = 2; taken.has(id); n++) id = `${base}-${n}`;
  return id;
}

function OfficeForm({
  office,
  taken,
  onSaved,
  onCancel,
  onDirty,
}: {
  office?: Office;
  /** The ids already in use, so a new office never replaces one. */
  taken: ReadonlySet<string>;
  onSaved: (saved: Office, added: boolean) => void;
  onCancel: () => void;
  onDirty: (dirty: boolean) => void;
}) {
  const { t } = useTexts(directoryTexts);
  const ids = useId();
  const headingRef = useRef<HTMLHeadingElement>(null);
  const initial: OfficeFields = office
    ? { name: office.name, timeZone: office.timeZone, address: office.address }
    : { name: '', timeZone: 'Asia/Jakarta', address: '' };
  const [fields, setFields] = useState<OfficeFields>(initial);
  const [refusal, setRefusal] = useState<Refusal>();
  const [busy, setBusy] = useState(false);
  const dirty = FIELDS.some((field) => fields[field] !== initial[field]);
  useUnsavedGuard(dirty);
  useEffect(() => onDirty(dirty), [dirty, onDirty]);
  useEffect(() => headingRef.current?.focus(), []);

  const set = (field: Field, value: string) => setFields((current) => ({ ...current, [field]: value }));
  const errorOf = (field: Field) => refusal?.fields[`/${field}`];

  const submit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    if (fields.name.trim() === '') {
      setRefusal({ fields: { '/name': t('offices.nameMissing') }, general: undefined });
      focusFirstInvalid(event.currentTarget);
      return;
    }
    setRefusal(undefined);
    setBusy(true);
    try {
      const body = { name: fields.name.trim(), timeZone: fields.timeZone, address: fields.address.trim() };
      const saved = await saveOffice(office?.id ?? freeId(body.name, taken), body);
      onSaved(saved, !office);
    } catch (error) {
      setRefusal(refusalOf(error, (path) => FIELDS.some((field) => path === `/${field}`)));
    } finally {
      setBusy(false);
    }
  };

  const cancel = () => {
    if (!dirty || window.confirm(t('form.discard'))) onCancel();
  };

  const errorLine = (field: Field) =>
    errorOf(field) ? (
      <p id={`${ids}-${field}-error`} className="field-error">
        {errorOf(field)}
      </p>
    ) : null;
  const invalid = (field: Field) =>
    errorOf(field) ? { 'aria-invalid': true, 'aria-describedby': `${ids}-${field}-error` } : {};

  return (
    <section className="panel directory-editor" aria-labelledby={`${ids}-title`}>
      <h2 id={`${ids}-title`} ref={headingRef} tabIndex={-1}>
        {office ? t('offices.editTitle', { name: office.name }) : t('offices.addTitle')}
      </h2>
      <form className="stack" onSubmit={submit} noValidate>
        <div className="field">
          <label htmlFor={`${ids}-name`}>
            {t('offices.name')} <span className="required-mark">{t('form.required')}</span>
          </label>
          <input
            id={`${ids}-name`}
            type="text"
            maxLength={200}
            value={fields.name}
            onChange={(event) => set('name', event.target.value)}
            {...invalid('name')}
          />
          {errorLine('name')}
        </div>
        <div className="field">
          <label htmlFor={`${ids}-zone`}>{t('offices.timeZone')}</label>
          <select
            id={`${ids}-zone`}
            value={fields.timeZone}
            aria-describedby={`${ids}-zone-hint${errorOf('timeZone') ? ` ${ids}-timeZone-error` : ''}`}
            aria-invalid={errorOf('timeZone') ? true : undefined}
            onChange={(event) => set('timeZone', event.target.value)}
          >
            {TIME_ZONE_LIST.map((zone) => (
              <option key={zone} value={zone}>
                {t(TIME_ZONE_LABELS[zone])}
              </option>
            ))}
          </select>
          <p id={`${ids}-zone-hint`} className="hint">
            {t('offices.timeZoneHint')}
          </p>
          {errorLine('timeZone')}
        </div>
        <div className="field">
          <label htmlFor={`${ids}-address`}>{t('offices.address')}</label>
          <textarea
            id={`${ids}-address`}
            rows={2}
            maxLength={1000}
            value={fields.address}
            onChange={(event) => set('address', event.target.value)}
            {...invalid('address')}
          />
          {errorLine('address')}
        </div>
        {refusal?.general ? (
          <p className="alert alert-error" role="alert">
            {refusal.general}
          </p>
        ) : null}
        <div className="actions">
          <button type="submit" className="button button-primary" disabled={busy} aria-busy={busy}>
            {busy ? t('form.saving') : office ? t('offices.save') : t('offices.add')}
          </button>
          <button type="button" className="button" onClick={cancel}>
            {t('form.cancel')}
          </button>
        </div>
      </form>
    </section>
  );
}

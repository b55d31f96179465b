/**
 * Adding or editing one service of the referral directory: name, type, address, contact, opening
 * hours and notes. The server's field errors are shown at their fields; a save answered 412 (someone
 * saved the service after this form was opened) is handed to `onConflict`, which loads theirs.
 */
import { type FormEvent, useEffect, useId, useRef, useState } from 'react';
import { ApiError } from '../../../shared/api-client';
import { useI18n, useTexts } from '../../../shared/i18n/language';
import { useUnsavedGuard } from '../use-unsaved-guard';
import { addService, type Service, type ServiceFields, saveService } from './api';
import { type Refusal, refusalOf } from './field-errors';
import { SERVICE_TYPE_LABELS, SERVICE_TYPE_LIST, type ServiceType } from './labels';
import { directoryTexts } from './texts';

const FIELDS = ['name', 'type', 'address', 'contact', 'hours', 'notes'] as const;
type Field = (typeof FIELDS)[number];
const LIMITS: Record<Field, number> = {
  name: 200,
  type: 40,
  address: 500,
  contact: 300,
  hours: 300,
  notes: 4000,
};

const blank = (type: ServiceType | undefined): ServiceFields => ({
  name: '',
  type: type ?? '',
  address: '',
  contact: '',
  hours: '',
  notes: '',
});

const fieldsOf = (service: Service): ServiceFields => ({
  name: service.name,
  type: service.type,
  address: service.address,
  contact: service.contact,
  hours: service.hours,
  notes: service.notes,
});

const same = (a: ServiceFields, b: ServiceFields) => FIELDS.every((field) => a[field] === b[field]);

export function ServiceForm({
  service,
  defaultType,
  notice,
  onSaved,
  onCancel,
  onConflict,
  onDirty,
}: {
  /** The service edited; absent for a new one. */
  service?: Service;
  defaultType?: ServiceType;
  /** Shown above the fields (why the form was loaded again). */
  notice?: string;
  onSaved: (saved: Service, added: boolean) => void;
  onCancel: () => void;
  onConflict: (id: string) => void;
  /** Told whether the form holds unsaved edits, so the page asks before replacing it. */
  onDirty: (dirty: boolean) => void;
}) {
  const { t } = useTexts(directoryTexts);
  const common = useI18n();
  const ids = useId();
  const headingRef = useRef<HTMLHeadingElement>(null);
  const initial = service ? fieldsOf(service) : blank(defaultType);
  const [fields, setFields] = useState<ServiceFields>(initial);
  const [refusal, setRefusal] = useState<Refusal>();
  const [busy, setBusy] = useState(false);
  const dirty = !same(fields, initial);
  useUnsavedGuard(dirty);
  useEffect(() => onDirty(dirty), [dirty, onDirty]);

  useEffect(() => headingRef.current?.focus(), []);

  const set = (field: Field, value: string) => setFields((current) => ({ ...current, [field]: value }));

  const check = (): Refusal | undefined => {
    const problems: Record<string, string> = {};
    if (fields.name.trim() === '') problems['/name'] = t('services.nameMissing');
    if (fields.type === '') problems['/type'] = t('services.typeMissing');
    return Object.keys(problems).length > 0 ? { fields: problems, general: undefined } : undefined;
  };

  const submit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const problems = check();
    setRefusal(problems);
    if (problems) {
      focusFirstInvalid(event.currentTarget);
      return;
    }
    const body: ServiceFields = {
      name: fields.name.trim(),
      type: fields.type,
      address: fields.address.trim(),
      contact: fields.contact.trim(),
      hours: fields.hours.trim(),
      notes: fields.notes.trim(),
    };
    setBusy(true);
    try {
      const saved = service ? await saveService(service.id, body, service.version) : await addService(body);
      onSaved(saved, !service);
    } catch (error) {
      if (service && error instanceof ApiError && error.status === 412) {
        onConflict(service.id);
        return;
      }
      setRefusal(refusalOf(error, (path) => FIELDS.some((field) => path === `/${field}`)));
    } finally {
      setBusy(false);
    }
  };

  const cancel = () => {
    if (!dirty || window.confirm(t('form.discard'))) onCancel();
  };

  const errorOf = (field: Field) => refusal?.fields[`/${field}`];
  const describe = (field: Field, hint?: boolean) =>
    [hint ? `${ids}-${field}-hint` : '', errorOf(field) ? `${ids}-${field}-error` : '']
      .filter(Boolean)
      .join(' ') || undefined;
  const errorLine = (field: Field) =>
    errorOf(field) ? (
      <p id={`${ids}-${field}-error`} className="field-error">
        {errorOf(field)}
      </p>
    ) : null;

  return (
    <section className="panel directory-editor" aria-labelledby={`${ids}-title`}>
      <h2 id={`${ids}-title`} ref={headingRef} tabIndex={-1}>
        {service ? t('services.editTitle', { name: service.name }) : t('services.addTitle')}
      </h2>
      {notice ? (
        <p className="alert alert-error" role="alert">
          {notice}
        </p>
      ) : null}
      <form className="stack" onSubmit={submit} noValidate>
        <div className="field">
          <label htmlFor={`${ids}-name`}>
            {t('services.name')} <span className="required-mark">{t('form.required')}</span>
          </label>
          <input
            id={`${ids}-name`}
            type="text"
            maxLength={LIMITS.name}
            value={fields.name}
            aria-invalid={errorOf('name') ? true : undefined}
            aria-describedby={describe('name')}
            onChange={(event) => set('name', event.target.value)}
          />
          {errorLine('name')}
        </div>
        <div className="field">
          <label htmlFor={`${ids}-type`}>
            {t('services.type')} <span className="required-mark">{t('form.required')}</span>
          </label>
          <select
            id={`${ids}-type`}
            value={fields.type}
            aria-invalid={errorOf('type') ? true : undefined}
            aria-describedby={describe('type')}
            onChange={(event) => set('type', event.target.value)}
          >
            <option value="">{t('services.pickType')}</option>
            {SERVICE_TYPE_LIST.map((type) => (
              <option key={type} value={type}>
                {common.t(SERVICE_TYPE_LABELS[type])}
              </option>
            ))}
          </select>
          {errorLine('type')}
        </div>
        <div className="field">
          <label htmlFor={`${ids}-address`}>{t('services.address')}</label>
          <textarea
            id={`${ids}-address`}
            rows={2}
            maxLength={LIMITS.address}
            value={fields.address}
            aria-invalid={errorOf('address') ? true : undefined}
            aria-describedby={describe('address')}
            onChange={(event) => set('address', event.target.value)}
          />
          {errorLine('address')}
        </div>
        <div className="field-row">
          <div className="field field-grow">
            <label htmlFor={`${ids}-contact`}>{t('services.contact')}</label>
            <input
              id={`${ids}-contact`}
              type="text"
              maxLength={LIMITS.contact}
              value={fields.contact}
              aria-invalid={errorOf('contact') ? true : undefined}
              aria-describedby={describe('contact', true)}
              onChange={(event) => set('contact', event.target.value)}
            />
            <p id={`${ids}-contact-hint`} className="hint">
              {t('services.contactHint')}
            </p>
            {errorLine('contact')}
          </div>
          <div className="field field-grow">
            <label htmlFor={`${ids}-hours`}>{t('services.hours')}</label>
            <input
              id={`${ids}-hours`}
              type="text"
              maxLength={LIMITS.hours}
              value={fields.hours}
              aria-invalid={errorOf('hours') ? true : undefined}
              aria-describedby={describe('hours', true)}
              onChange={(event) => set('hours', event.target.value)}
            />
            <p id={`${ids}-hours-hint`} className="hint">
              {t('services.hoursHint')}
            </p>
            {errorLine('hours')}
          </div>
        </div>
        <div className="field">
          <label htmlFor={`${ids}-notes`}>{t('services.notes')}</label>
          <textarea
            id={`${ids}-notes`}
            rows={3}
            maxLength={LIMITS.notes}
            value={fields.notes}
            aria-invalid={errorOf('notes') ? true : undefined}
            aria-describedby={describe('notes', true)}
            onChange={(event) => set('notes', event.target.value)}
          />
          <p id={`${ids}-notes-hint`} className="hint">
            {t('services.notesHint')}
          </p>
          {errorLine('notes')}
        </div>
        {refusal?.general ? (
          <p className="alert alert-error" role="alert">
            {refusal.general}
          </p>
        ) : null}
        <div className="actions">
          <button type="submit" className="button button-primary" disabled={busy} aria-busy={busy}>
            {busy ? t('form.saving') : service ? t('services.save') : t('services.add')}
          </button>
          <button type="button" className="button" onClick={cancel}>
            {t('form.cancel')}
          </button>
        </div>
      </form>
    </section>
  );
}

/** Moves focus to the first field marked invalid after the next render. */
export function focusFirstInvalid(form: HTMLFormElement): void {
  requestAnimationFrame(() => form.querySelector<HTMLElement>('[aria-invalid="true"]')?.focus());
}

/**
 * Closing a case: one of its case type's termination reasons, the data that reason declares (a small
 * JSON Schema whose properties become inputs: text, date, number, a checkbox, or a list for an enum
 * or oneOf), a note (required when the reason says so), and a last confirmation in a dialog that
 * names what will happen before anything is sent: no reason closes a case on one click. What is
 * required is checked here first; the server and the termination rules judge the rest.
 */
import { type FormEvent, useId, useState } from 'react';
import type { TerminationReason } from '../../shared/case-view';
import { ConfirmDialog, confirmTexts } from '../../shared/confirm-dialog';
import { formatDate, useI18n, useTexts } from '../../shared/i18n/language';
import { type DataField, dataFields } from './reason-data';

/** What the form sends: the reason, its data (only what was filled in), and the note. */
export interface Termination {
  reason: string;
  data: Record<string, unknown>;
  note: string;
}

/** Raw input values: text for text, date, number and the index of a choice; a boolean for a checkbox. */
type Values = Record<string, string | boolean>;

/** The data to send, and which required fields are empty. */
function collect(
  fields: readonly DataField[],
  values: Values,
): { data: Record<string, unknown>; empty: string[] } {
  const entries: [string, unknown][] = [];
  const empty: string[] = [];
  for (const field of fields) {
    const raw = values[field.name];
    if (field.kind === 'boolean') {
      entries.push([field.name, raw === true]);
      continue;
    }
    const text = typeof raw === 'string' ? raw.trim() : '';
    if (text === '') {
      if (field.required) empty.push(field.name);
      continue;
    }
    const value =
      field.kind === 'number'
        ? Number(text)
        : field.kind === 'choice'
          ? field.choices[Number(text)]?.value
          : text;
    entries.push([field.name, value]);
  }
  // Own properties whatever the names (fromEntries never sets a prototype).
  return { data: Object.fromEntries(entries), empty };
}

/** A value the form sends, as a person reads it: a choice by its label, yes/no, a date in words. */
function shownValue(field: DataField, value: unknown, i18n: ReturnType<typeof useI18n>): string {
  if (field.kind === 'boolean') return i18n.t(value === true ? 'app.yes' : 'app.no');
  if (field.kind === 'choice') return field.choices.find((choice) => choice.value === value)?.label ?? '';
  if (field.kind === 'date') return formatDate(String(value), i18n.lang);
  return String(value);
}

export function TerminationForm({
  reasons,
  needsApproval,
  busy,
  onSubmit,
  onCancel,
}: {
  reasons: readonly TerminationReason[];
  /** Whether closing for this reason waits for Kabapas's approval (for the caller). */
  needsApproval: (reason: TerminationReason) => boolean;
  busy: boolean;
  /** Resolves true once the server took it (closed or waiting for approval). */
  onSubmit: (termination: Termination) => Promise<boolean>;
  onCancel: () => void;
}) {
  const i18n = useI18n();
  const { t } = i18n;
  const confirmText = useTexts(confirmTexts).t;
  const ids = useId();
  const [reasonId, setReasonId] = useState('');
  const [values, setValues] = useState<Values>({});
  const [note, setNote] = useState('');
  const [problems, setProblems] = useState<Set<string>>(new Set());
  const [confirming, setConfirming] = useState<Termination>();
  const reason = reasons.find((option) => option.id === reasonId);
  const fields = dataFields(reason);
  const noteRequired = reason?.noteRequired === true;
  const approval = reason ? needsApproval(reason) : false;
  const fieldId = (name: string) => `${ids}-field-${name}`;

  const check = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const found = new Set<string>();
    if (!reason) found.add('reason');
    const { data, empty } = collect(fields, values);
    for (const name of empty) found.add(`field:${name}`);
    if (noteRequired && note.trim() === '') found.add('note');
    setProblems(found);
    if (!reason || found.size > 0) {
      const first = [...found][0] ?? '';
      const target =
        first === 'reason' ? `${ids}-reason` : first === 'note' ? `${ids}-note` : fieldId(first.slice(6));
      document.getElementById(target)?.focus();
      return;
    }
    setConfirming({ reason: reason.id, data, note: note.trim() });
  };

  const send = async (termination: Termination) => {
    // Refused (by the rules or the server): back to the form, to change what was asked.
    if (!(await onSubmit(termination))) setConfirming(undefined);
  };

  const fieldError = (key: string, message: string) =>
    problems.has(key) ? (
      <p id={`${ids}-${key}-error`} className="field-error" role="alert">
        {message}
      </p>
    ) : null;
  const describedBy = (key: string, hint?: string) =>
    [hint, problems.has(key) ? `${ids}-${key}-error` : undefined].filter(Boolean).join(' ') || undefined;

  return (
    <form className="stack termination" onSubmit={check} noValidate aria-labelledby={`${ids}-title`}>
      <h3 id={`${ids}-title`}>{t('termination.title')}</h3>
      <p className="muted">{t('termination.intro')}</p>
      {reasons.length === 0 ? <p className="notice">{t('termination.noReasons')}</p> : null}
      <fieldset className="stack plain-fieldset" disabled={confirming !== undefined}>
        <div className="field">
          <label htmlFor={`${ids}-reason`}>{t('termination.reason')}</label>
          <select
            id={`${ids}-reason`}
            value={reasonId}
            required
            onChange={(event) => {
              setReasonId(event.target.value);
              setProblems(new Set());
            }}
            aria-invalid={problems.has('reason') ? true : undefined}
            aria-describedby={describedBy('reason', reason?.description ? `${ids}-reason-hint` : undefined)}
          >
            <option value="">{t('termination.pick')}</option>
            {reasons.map((option) => (
              <option key={option.id} value={option.id}>
                {needsApproval(option) ? `${option.title} (${t('stage.needsApproval')})` : option.title}
              </option>
            ))}
          </select>
          {reason?.description ? (
            <p id={`${ids}-reason-hint`} className="hint">
              {reason.description}
            </p>
          ) : null}
          {fieldError('reason', t('termination.reasonMissing'))}
        </div>
        {fields.map((field) => {
          const key = `field:${field.name}`;
          const hint = field.description ? `${fieldId(field.name)}-hint` : undefined;
          const label = (
            <label htmlFor={fieldId(field.name)}>
              {field.title}
              {field.required ? <span className="required-mark"> ({t('termination.required')})</span> : null}
            </label>
          );
          const help = field.description ? (
            <p id={hint} className="hint">
              {field.description}
            </p>
          ) : null;
          const raw = values[field.name];
          const set = (value: string | boolean) => setValues((old) => ({ ...old, [field.name]: value }));
          if (field.kind === 'boolean') {
            return (
              <div key={field.name} className="field field-check">
                <input
                  id={fieldId(field.name)}
                  type="checkbox"
                  checked={raw === true}
                  onChange={(event) => set(event.target.checked)}
                  aria-describedby={hint}
                />
                {label}
                {help}
              </div>
            );
          }
          const common = {
            id: fieldId(field.name),
            required: field.required,
            'aria-invalid': problems.has(key) ? true : undefined,
            'aria-describedby': describedBy(key, hint),
          } as const;
          const text = typeof raw === 'string' ? raw : '';
          return (
            <div key={field.name} className="field">
              {label}
              {field.kind === 'choice' ? (
                <select {...common} value={text} onChange={(event) => set(event.target.value)}>
                  <option value="">{t('termination.pickValue')}</option>
                  {field.choices.map((choice, index) => (
                    <option key={choice.label} value={String(index)}>
                      {choice.label}
                    </option>
                  ))}
                </select>
              ) : (
                <input
                  {...common}
                  type={field.kind === 'text' ? 'text' : field.kind}
                  value={text}
                  onChange={(event) => set(event.target.value)}
                />
              )}
              {help}
              {fieldError(key, t('termination.fieldMissing', { field: field.title }))}
            </div>
          );
        })}
        {reason ? (
          <div className="field">
            <label htmlFor={`${ids}-note`}>
              {t('termination.note')}
              <span className="required-mark">
                {' '}
                ({noteRequired ? t('termination.required') : t('termination.optional')})
              </span>
            </label>
            <textarea
              id={`${ids}-note`}
              rows={3}
              maxLength={2000}
              required={noteRequired}
              value={note}
              onChange={(event) => setNote(event.target.value)}
              aria-invalid={problems.has('note') ? true : undefined}
              aria-describedby={describedBy('note')}
            />
            {fieldError('note', t('termination.noteMissing'))}
          </div>
        ) : null}
      </fieldset>

      <ConfirmDialog
        open={confirming !== undefined && reason !== undefined}
        title={approval ? confirmText('terminationRequest.title') : confirmText('termination.title')}
        confirmLabel={approval ? confirmText('terminationRequest.yes') : confirmText('termination.yes')}
        tone={approval ? 'primary' : 'danger'}
        busy={busy}
        onConfirm={() => {
          if (confirming) void send(confirming);
        }}
        onCancel={() => setConfirming(undefined)}
      >
        <p>
          {confirmText(approval ? 'terminationRequest.body' : 'termination.body', {
            reason: reason?.title ?? '',
          })}
        </p>
        {confirming && Object.keys(confirming.data).length > 0 ? (
          <>
            <p>{confirmText('termination.data')}</p>
            <ul>
              {fields
                .filter((field) => Object.hasOwn(confirming.data, field.name))
                .map((field) => (
                  <li key={field.name}>
                    {field.title}: {shownValue(field, confirming.data[field.name], i18n)}
                  </li>
                ))}
            </ul>
          </>
        ) : null}
        {confirming?.note ? (
          <p className="note-text">{confirmText('termination.note', { note: confirming.note })}</p>
        ) : null}
      </ConfirmDialog>
      <div className="actions">
        <button type="submit" className="button button-danger" disabled={reasons.length === 0 || busy}>
          {t('termination.submit')}
        </button>
        <button type="button" className="button button-link" onClick={onCancel}>
          {t('app.cancel')}
        </button>
      </div>
    </form>
  );
}

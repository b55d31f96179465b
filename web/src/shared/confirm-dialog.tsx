/**
 * The last question before a step that cannot be taken back (closing a case, sending or taking back a
 * transfer, accepting or refusing one, approving a request): a native modal `<dialog>`, so the page
 * behind is inert and focus stays inside; Escape or "Batal" cancels; focus goes back to what opened
 * it. The dialog names what will happen (its children) and may ask for a note, required when the
 * case type says so: confirming without it says what is missing instead of sending.
 *
 * Texts of its own are in the `confirm` namespace (with those of the questions the case page asks).
 */
import { type KeyboardEvent, type ReactNode, useEffect, useId, useRef, useState } from 'react';
import en from '../locales/en/confirm.json';
import id from '../locales/id/confirm.json';
import { defineNamespace } from './i18n/dictionary';
import { useTexts } from './i18n/language';

export type ConfirmKey = keyof typeof id;
const english: Record<ConfirmKey, string> = en;
export const confirmTexts = defineNamespace<ConfirmKey>('confirm', { id, en: english });

export interface ConfirmNote {
  label: string;
  required: boolean;
  value: string;
  onChange: (value: string) => void;
}

export interface ConfirmDialogProps {
  open: boolean;
  /** The question, e.g. "Tutup kasus ini?". */
  title: string;
  /** The button that takes the step, e.g. "Ya, tutup kasus". */
  confirmLabel: string;
  /** `danger` for a step that ends something (closing, refusing, cancelling). */
  tone?: 'danger' | 'primary';
  /** While the step is being sent: the buttons wait, Escape does nothing. */
  busy?: boolean;
  /** A note asked for in the dialog itself. */
  note?: ConfirmNote;
  /** What goes wrong after confirming (the dialog stays open to try again or cancel). */
  error?: string | undefined;
  onConfirm: () => void;
  onCancel: () => void;
  /** What will happen, in plain words. */
  children: ReactNode;
}

export function ConfirmDialog({
  open,
  title,
  confirmLabel,
  tone = 'primary',
  busy = false,
  note,
  error,
  onConfirm,
  onCancel,
  children,
}: ConfirmDialogProps) {
  const { t } = useTexts(confirmTexts);
  const ids = useId();
  const dialog = useRef<HTMLDialogElement>(null);
  const opener = useRef<Element | null>(null);
  const noteField = useRef<HTMLTextAreaElement>(null);
  const cancelButton = useRef<HTMLButtonElement>(null);
  const [noteMissing, setNoteMissing] = useState(false);
  const busyRef = useRef(busy);
  busyRef.current = busy;
  const cancelRef = useRef(onCancel);
  cancelRef.current = onCancel;

  useEffect(() => {
    const element = dialog.current;
    if (!element) return;
    if (open && !element.open) {
      opener.current = document.activeElement;
      setNoteMissing(false);
      element.showModal();
      // The note when one is asked for, else the safe choice: Enter right away never takes the step.
      (noteField.current ?? cancelButton.current)?.focus();
    } else if (!open && element.open) {
      element.close();
    }
  }, [open]);

  // Focus goes back to what opened the dialog, whichever way it closed.
  useEffect(() => {
    const element = dialog.current;
    if (!element) return;
    const restore = () => {
      const back = opener.current;
      opener.current = null;
      if (back instanceof HTMLElement && back.isConnected) back.focus();
    };
    element.addEventListener('close', restore);
    return () => element.removeEventListener('close', restore);
  }, []);

  // Escape asks to cancel: the parent decides (and closes the dialog through `open`).
  useEffect(() => {
    const element = dialog.current;
    if (!element) return;
    const onEscape = (event: Event) => {
      event.preventDefault();
      if (!busyRef.current) cancelRef.current();
    };
    element.addEventListener('cancel', onEscape);
    return () => element.removeEventListener('cancel', onEscape);
  }, []);

  // A modal dialog makes the page inert; Tab also wraps within it instead of leaving for the browser.
  const trapTab = (event: KeyboardEvent<HTMLDialogElement>) => {
    if (event.key !== 'Tab') return;
    const focusable = [
      ...event.currentTarget.querySelectorAll<HTMLElement>('button, textarea, input, select, a[href]'),
    ].filter((element) => !element.hasAttribute('disabled'));
    const firstOne = focusable[0];
    const lastOne = focusable.at(-1);
    if (!firstOne || !lastOne) return;
    if (event.shiftKey && document.activeElement === firstOne) {
      event.preventDefault();
      lastOne.focus();
    } else if (!event.shiftKey && document.activeElement === lastOne) {
      event.preventDefault();
      firstOne.focus();
    }
  };

  const confirm = () => {
    if (note?.required && note.value.trim() === '') {
      setNoteMissing(true);
      noteField.current?.focus();
      return;
    }
    onConfirm();
  };

  const noteError = noteMissing && note?.required && note.value.trim() === '';
  return (
    <dialog
      ref={dialog}
      className="confirm-dialog"
      onKeyDown={trapTab}
      aria-labelledby={`${ids}-title`}
      aria-describedby={`${ids}-body`}
    >
      <h2 id={`${ids}-title`}>{title}</h2>
      <div id={`${ids}-body`} className="confirm-body">
        {children}
      </div>
      {note ? (
        <div className="field">
          <label htmlFor={`${ids}-note`}>
            {note.label}
            {note.required ? <span className="required-mark"> ({t('noteRequired')})</span> : null}
          </label>
          <textarea
            id={`${ids}-note`}
            ref={noteField}
            rows={3}
            maxLength={2000}
            required={note.required}
            value={note.value}
            onChange={(event) => note.onChange(event.target.value)}
            aria-invalid={noteError ? true : undefined}
            aria-describedby={noteError ? `${ids}-note-error` : undefined}
          />
          {noteError ? (
            <p id={`${ids}-note-error`} className="field-error" role="alert">
              {t('noteMissing')}
            </p>
          ) : null}
        </div>
      ) : null}
      {error ? (
        <p className="alert alert-error" role="alert">
          {error}
        </p>
      ) : null}
      <div className="actions">
        <button
          type="button"
          className={tone === 'danger' ? 'button button-danger' : 'button button-primary'}
          disabled={busy}
          aria-busy={busy}
          onClick={confirm}
        >
          {busy ? t('busy') : confirmLabel}
        </button>
        <button type="button" ref={cancelButton} className="button" disabled={busy} onClick={onCancel}>
          {t('cancel')}
        </button>
      </div>
    </dialog>
  );
}

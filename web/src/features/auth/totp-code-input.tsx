/** The six-digit code field and form of the authenticator screens (sign-in, and adding an app on the account page). */
import type { FormEvent, Ref } from 'react';
import { useI18n } from '../../shared/i18n/language';
import { TOTP_DIGITS } from './totp';

/** The six-digit code: a phone shows digits, and the browser or the phone may fill it in. */
export function TotpCodeInput({
  id,
  value,
  onChange,
  invalid,
  describedBy,
  inputRef,
}: {
  id: string;
  value: string;
  onChange: (value: string) => void;
  invalid: boolean;
  describedBy?: string | undefined;
  inputRef?: Ref<HTMLInputElement>;
}) {
  return (
    <input
      ref={inputRef}
      id={id}
      name="one-time-code"
      type="text"
      className="totp-code"
      inputMode="numeric"
      autoComplete="one-time-code"
      enterKeyHint="done"
      spellCheck={false}
      // Room for a space or a dash in the middle, as some apps show the code.
      maxLength={TOTP_DIGITS + 1}
      value={value}
      onChange={(event) => onChange(event.target.value)}
      aria-invalid={invalid || undefined}
      aria-describedby={describedBy}
    />
  );
}

/**
 * The code form of every authenticator screen: the field with its label, the error, and the submit
 * and cancel buttons. `describedBy` names what explains the field when there is no error.
 */
export function TotpCodeForm({
  idPrefix,
  code,
  onCodeChange,
  error,
  busy,
  inputRef,
  describedBy,
  submitLabel,
  onSubmit,
  onCancel,
}: {
  idPrefix: string;
  code: string;
  onCodeChange: (value: string) => void;
  error: string | undefined;
  busy: boolean;
  inputRef: Ref<HTMLInputElement>;
  describedBy?: string | undefined;
  submitLabel: string;
  onSubmit: (event: FormEvent<HTMLFormElement>) => void;
  onCancel: () => void;
}) {
  const { t } = useI18n();
  return (
    <form className="stack" onSubmit={onSubmit} noValidate>
      <div className="field">
        <label htmlFor={`${idPrefix}-code`}>{t('login.totpCode')}</label>
        <TotpCodeInput
          id={`${idPrefix}-code`}
          inputRef={inputRef}
          value={code}
          onChange={onCodeChange}
          invalid={Boolean(error)}
          describedBy={error ? `${idPrefix}-error` : describedBy}
        />
      </div>
      {error ? (
        <p id={`${idPrefix}-error`} className="alert alert-error" role="alert">
          {error}
        </p>
      ) : null}
      <div className="actions">
        <button type="submit" className="button button-primary" disabled={busy} aria-busy={busy}>
          {submitLabel}
        </button>
        <button type="button" className="button button-link" onClick={onCancel} disabled={busy}>
          {t('app.cancel')}
        </button>
      </div>
    </form>
  );
}

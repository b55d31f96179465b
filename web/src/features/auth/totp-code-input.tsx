/** The six-digit code field and form of the authenticator screens (sign-in, and adding an app on the account page). */
import { type FormEvent, type Ref, useEffect, useRef, useState } from 'react';
import { useI18n } from '../../shared/i18n/language';
import { TOTP_DIGITS, totpCode } from './totp';

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

/**
 * The state of a code form: typing a code and sending it; a code that is not six digits is said
 * without sending, a refused one is said and the field emptied for the next. When the screen opens
 * the focus goes to `first` (the field, so the code can be typed or filled in at once; or the heading,
 * when there are steps to read before). `handled` may take a failure over (return true), as a sign-in
 * that ran out goes back to the start.
 */
export function useTotpCodeEntry({
  send,
  messageOf,
  first,
  handled,
}: {
  send: (code: string) => Promise<void>;
  messageOf: (error: unknown) => string;
  first: 'input' | 'heading';
  handled?: (error: unknown) => boolean;
}) {
  const { t } = useI18n();
  const [code, setCode] = useState('');
  const [error, setError] = useState<string>();
  const [busy, setBusy] = useState(false);
  const input = useRef<HTMLInputElement>(null);
  const heading = useRef<HTMLHeadingElement>(null);
  useEffect(() => {
    (first === 'input' ? input : heading).current?.focus();
  }, [first]);

  const onSubmit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const digits = totpCode(code);
    if (!digits) {
      setError(t('login.totpMissing'));
      input.current?.focus();
      return;
    }
    setBusy(true);
    setError(undefined);
    try {
      await send(digits);
    } catch (caught) {
      if (handled?.(caught)) return;
      setError(messageOf(caught));
      setCode('');
      setBusy(false);
      input.current?.focus();
    }
  };
  return { code, setCode, error, busy, input, heading, onSubmit };
}

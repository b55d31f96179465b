/** The six-digit code field of the authenticator screens (sign-in, and adding an app on the account page). */
import type { Ref } from 'react';
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

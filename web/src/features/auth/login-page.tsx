/**
 * `/masuk`: signs in with a username and password and goes on to the caseload (the forms for an
 * administrator), or back where the user was. The same form serves both modes (./authenticator.ts):
 * local mode's demo accounts, or the Cognito user pool in AWS, where an account's first sign-in
 * asks for a new password in place of the temporary one, and two-step sign-in asks for a code from
 * an authenticator app (or, when the pool requires it of an account without one, to add one first).
 */
import { type FormEvent, lazy, Suspense, useId, useState } from 'react';
import { Navigate, useLocation } from 'react-router';
import { errorMessage } from '../../shared/api-client';
import { useBranding } from '../../shared/branding';
import { useI18n } from '../../shared/i18n/language';
import { useDocumentTitle } from '../../shared/use-document-title';
import {
  completeNewPassword,
  type SignInNext,
  sendTotpCode,
  signIn,
  useAuthMode,
  verifyTotpSetup,
} from './authenticator';
import type { LoginState } from './require-session';
import { homePath, type Session, sessionExpired, useSession } from './session';
import type { TotpSecret } from './sign-in';
import { restartsSignIn, SignInError } from './sign-in-error';
import { TotpCodeForm, useTotpCodeEntry } from './totp-code-input';

/** The guide to adding an authenticator (with the QR encoder): loaded only when a sign-in asks for one. */
const TotpSetupGuide = lazy(async () => ({ default: (await import('./totp-setup-guide')).TotpSetupGuide }));

/** The screen after the username and password, when the sign-in asks for more. */
type Step =
  | { status: 'credentials' }
  | { status: 'newPasswordRequired' }
  | { status: 'totpRequired' }
  | ({ status: 'totpSetup' } & TotpSecret);

function returnPath(state: unknown, session: Session): string {
  const from = (state as LoginState | null)?.from;
  return typeof from === 'string' && from.startsWith('/') && !from.startsWith('/masuk') && from !== '/'
    ? from
    : homePath(session.user);
}

export function LoginPage() {
  const { t } = useI18n();
  const session = useSession();
  const mode = useAuthMode();
  const { agencyName } = useBranding();
  const location = useLocation();
  const ids = useId();
  const [username, setUsername] = useState('');
  const [password, setPassword] = useState('');
  const [error, setError] = useState<string>();
  const [busy, setBusy] = useState(false);
  const [step, setStep] = useState<Step>({ status: 'credentials' });
  useDocumentTitle(t('login.submit'));

  // Signed in (already, or just now): go on.
  if (session) return <Navigate to={returnPath(location.state, session)} replace />;

  const messageOf = (caught: unknown): string =>
    caught instanceof SignInError ? t(caught.key, { detail: caught.detail }) : errorMessage(caught);

  const onSubmit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    if (username.trim() === '' || password === '') {
      setError(t('login.missing'));
      return;
    }
    setBusy(true);
    setError(undefined);
    try {
      next(await signIn(username.trim(), password));
    } catch (caught) {
      setError(messageOf(caught));
      setBusy(false);
    }
  };

  /** Shows the screen a step asked for (signed in: the session takes the user on). */
  const next = (result: SignInNext) => {
    if (result.status === 'signedIn') return;
    setPassword('');
    setBusy(false);
    setStep(result);
  };

  /** Back to the username and password, with why (or nothing, when the user cancelled). */
  const restart = (message?: string) => {
    setStep({ status: 'credentials' });
    setError(message);
    setBusy(false);
  };

  const steps = { username: username.trim(), next, restart, messageOf };
  if (step.status === 'newPasswordRequired') return <NewPasswordForm {...steps} />;
  if (step.status === 'totpRequired') return <TotpCodeStep {...steps} />;
  if (step.status === 'totpSetup') return <TotpSetupForm {...steps} secret={step.secret} uri={step.uri} />;

  return (
    <section className="login" aria-labelledby={`${ids}-title`}>
      <h1 id={`${ids}-title`}>{t('login.title')}</h1>
      {agencyName ? <p className="login-agency">{agencyName}</p> : null}
      <p className="muted">{t('login.intro')}</p>
      {sessionExpired() && !error ? <p className="notice">{t('login.expired')}</p> : null}
      <form className="stack" onSubmit={onSubmit} noValidate>
        <div className="field">
          <label htmlFor={`${ids}-username`}>{t('login.username')}</label>
          <input
            id={`${ids}-username`}
            name="username"
            type="text"
            autoComplete="username"
            autoCapitalize="none"
            spellCheck={false}
            value={username}
            onChange={(event) => setUsername(event.target.value)}
            aria-invalid={error ? true : undefined}
            aria-describedby={error ? `${ids}-error` : undefined}
          />
        </div>
        <div className="field">
          <label htmlFor={`${ids}-password`}>{t('login.password')}</label>
          <input
            id={`${ids}-password`}
            name="password"
            type="password"
            autoComplete="current-password"
            value={password}
            onChange={(event) => setPassword(event.target.value)}
            aria-invalid={error ? true : undefined}
            aria-describedby={error ? `${ids}-error` : undefined}
          />
        </div>
        {error ? (
          <p id={`${ids}-error`} className="alert alert-error" role="alert">
            {error}
          </p>
        ) : null}
        <div>
          <button type="submit" className="button button-primary" disabled={busy} aria-busy={busy}>
            {t('login.submit')}
          </button>
        </div>
      </form>
      {mode === 'local' ? <p className="hint">{t('login.demoHint')}</p> : null}
      {mode === 'cognito' ? <p className="hint">{t('login.cognitoHint')}</p> : null}
    </section>
  );
}

/** What each screen after the password gets from the login page. */
interface StepProps {
  /** The name the user signed in with (for password managers). */
  username: string;
  /** Shows the screen the step asks for next. */
  next: (result: SignInNext) => void;
  /** Back to the username and password, saying why (nothing when the user cancelled). */
  restart: (message?: string) => void;
  messageOf: (caught: unknown) => string;
}

/** An account's first sign-in (Cognito): the temporary password is replaced by one the user chooses. */
function NewPasswordForm({ username, next, restart, messageOf }: StepProps) {
  const { t } = useI18n();
  const ids = useId();
  const [password, setPassword] = useState('');
  const [repeat, setRepeat] = useState('');
  const [error, setError] = useState<string>();
  const [busy, setBusy] = useState(false);

  const onSubmit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    if (password === '' || repeat === '') {
      setError(t('login.newPasswordMissing'));
      return;
    }
    if (password !== repeat) {
      setError(t('login.newPasswordMismatch'));
      return;
    }
    setBusy(true);
    setError(undefined);
    try {
      // Signed in, the login page sees the session and goes on; else an authenticator comes next.
      next(await completeNewPassword(password));
    } catch (caught) {
      setError(messageOf(caught));
      setBusy(false);
    }
  };

  const invalid = error ? true : undefined;
  const describedBy = error ? `${ids}-error` : `${ids}-intro`;
  return (
    <section className="login" aria-labelledby={`${ids}-title`}>
      <h1 id={`${ids}-title`}>{t('login.newPasswordTitle')}</h1>
      <p id={`${ids}-intro`} className="muted">
        {t('login.newPasswordIntro')}
      </p>
      <form className="stack" onSubmit={onSubmit} noValidate>
        {/* For password managers: the account the new password belongs to. */}
        <input name="username" type="text" autoComplete="username" value={username} readOnly hidden />
        <div className="field">
          <label htmlFor={`${ids}-new`}>{t('login.newPassword')}</label>
          <input
            id={`${ids}-new`}
            name="new-password"
            type="password"
            autoComplete="new-password"
            value={password}
            onChange={(event) => setPassword(event.target.value)}
            aria-invalid={invalid}
            aria-describedby={describedBy}
          />
        </div>
        <div className="field">
          <label htmlFor={`${ids}-repeat`}>{t('login.newPasswordRepeat')}</label>
          <input
            id={`${ids}-repeat`}
            name="repeat-password"
            type="password"
            autoComplete="new-password"
            value={repeat}
            onChange={(event) => setRepeat(event.target.value)}
            aria-invalid={invalid}
            aria-describedby={describedBy}
          />
        </div>
        {error ? (
          <p id={`${ids}-error`} className="alert alert-error" role="alert">
            {error}
          </p>
        ) : null}
        <div className="actions">
          <button type="submit" className="button button-primary" disabled={busy} aria-busy={busy}>
            {t('login.newPasswordSubmit')}
          </button>
          <button type="button" className="button button-link" onClick={() => restart()} disabled={busy}>
            {t('app.cancel')}
          </button>
        </div>
      </form>
    </section>
  );
}

/**
 * A code form of the authenticator steps: signed in once the code is taken (the login page sees the
 * session and goes on); a sign-in that ran out (Cognito's 3 minutes) goes back to the start.
 */
function useCodeForm(
  send: (code: string) => Promise<void>,
  { restart, messageOf }: StepProps,
  first: 'input' | 'heading',
) {
  return useTotpCodeEntry({
    send,
    messageOf,
    first,
    handled: (caught) => {
      if (!restartsSignIn(caught)) return false;
      restart(messageOf(caught));
      return true;
    },
  });
}

/** Two-step sign-in: the code the authenticator app shows now. */
function TotpCodeStep(props: StepProps) {
  const { t } = useI18n();
  const ids = useId();
  const { code, setCode, error, busy, input, onSubmit } = useCodeForm(sendTotpCode, props, 'input');
  return (
    <section className="login" aria-labelledby={`${ids}-title`}>
      <h1 id={`${ids}-title`}>{t('login.totpTitle')}</h1>
      <p id={`${ids}-intro`} className="muted">
        {t('login.totpIntro')}
      </p>
      <TotpCodeForm
        idPrefix={ids}
        code={code}
        onCodeChange={setCode}
        error={error}
        busy={busy}
        inputRef={input}
        describedBy={`${ids}-intro`}
        submitLabel={t('login.totpSubmit')}
        onSubmit={onSubmit}
        onCancel={() => props.restart()}
      />
      <p className="hint">{t('login.totpLost')}</p>
    </section>
  );
}

/**
 * The pool requires two-step sign-in and the account has no authenticator yet: add one (QR code or
 * key), then its first code confirms it and signs in.
 */
function TotpSetupForm({ secret, uri, ...props }: StepProps & TotpSecret) {
  const { t } = useI18n();
  const ids = useId();
  const { code, setCode, error, busy, input, heading, onSubmit } = useCodeForm(
    verifyTotpSetup,
    props,
    'heading',
  );
  return (
    <section className="login login-wide" aria-labelledby={`${ids}-title`}>
      <h1 id={`${ids}-title`} ref={heading} tabIndex={-1}>
        {t('login.totpSetupTitle')}
      </h1>
      <p className="muted">{t('login.totpSetupIntro')}</p>
      <Suspense fallback={<p role="status">{t('app.loading')}</p>}>
        <TotpSetupGuide secret={secret} uri={uri} />
      </Suspense>
      <TotpCodeForm
        idPrefix={ids}
        code={code}
        onCodeChange={setCode}
        error={error}
        busy={busy}
        inputRef={input}
        describedBy={`${ids}-title`}
        submitLabel={t('login.totpSetupSubmit')}
        onSubmit={onSubmit}
        onCancel={() => props.restart()}
      />
    </section>
  );
}

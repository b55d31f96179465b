/**
 * `/masuk`: signs in with a username and password and goes on to the caseload (the forms for an
 * administrator), or back where the user was. The same form serves both modes (./authenticator.ts):
 * local mode's demo accounts, or the Cognito user pool in AWS, where an account's first sign-in
 * asks for a new password in place of the temporary one.
 */
import { type FormEvent, useId, useState } from 'react';
import { Navigate, useLocation } from 'react-router';
import { errorMessage } from '../../shared/api-client';
import { useI18n } from '../../shared/i18n/language';
import { useDocumentTitle } from '../../shared/use-document-title';
import { completeNewPassword, signIn, useAuthMode } from './authenticator';
import type { LoginState } from './require-session';
import { homePath, type Session, sessionExpired, useSession } from './session';
import { SignInError } from './sign-in-error';

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
  const location = useLocation();
  const ids = useId();
  const [username, setUsername] = useState('');
  const [password, setPassword] = useState('');
  const [error, setError] = useState<string>();
  const [busy, setBusy] = useState(false);
  const [newPasswordRequired, setNewPasswordRequired] = useState(false);
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
      if ((await signIn(username.trim(), password)) === 'newPasswordRequired') {
        setPassword('');
        setNewPasswordRequired(true);
        setBusy(false);
      }
    } catch (caught) {
      setError(messageOf(caught));
      setBusy(false);
    }
  };

  if (newPasswordRequired) {
    return (
      <NewPasswordForm
        username={username.trim()}
        onCancel={() => {
          setNewPasswordRequired(false);
          setError(undefined);
        }}
        messageOf={messageOf}
      />
    );
  }

  return (
    <section className="login" aria-labelledby={`${ids}-title`}>
      <h1 id={`${ids}-title`}>{t('login.title')}</h1>
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

/** An account's first sign-in (Cognito): the temporary password is replaced by one the user chooses. */
function NewPasswordForm({
  username,
  onCancel,
  messageOf,
}: {
  username: string;
  onCancel: () => void;
  messageOf: (caught: unknown) => string;
}) {
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
      // Signed in: the login page sees the session and goes on.
      await completeNewPassword(password);
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
          <button type="button" className="button button-link" onClick={onCancel} disabled={busy}>
            {t('app.cancel')}
          </button>
        </div>
      </form>
    </section>
  );
}

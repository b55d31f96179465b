/**
 * `/masuk`: signs in with a username and password and goes on to the caseload (the forms for an
 * administrator), or back where the user was.
 */
import { type FormEvent, useId, useState } from 'react';
import { Navigate, useLocation } from 'react-router';
import { errorMessage } from '../../shared/api-client';
import { useI18n } from '../../shared/i18n/language';
import { useDocumentTitle } from '../../shared/use-document-title';
import { login } from './api';
import type { LoginState } from './require-session';
import { homePath, type Session, sessionExpired, setSession, useSession } from './session';

function returnPath(state: unknown, session: Session): string {
  const from = (state as LoginState | null)?.from;
  return typeof from === 'string' && from.startsWith('/') && !from.startsWith('/masuk') && from !== '/'
    ? from
    : homePath(session.user);
}

export function LoginPage() {
  const { t } = useI18n();
  const session = useSession();
  const location = useLocation();
  const ids = useId();
  const [username, setUsername] = useState('');
  const [password, setPassword] = useState('');
  const [error, setError] = useState<string>();
  const [busy, setBusy] = useState(false);
  useDocumentTitle(t('login.submit'));

  // Signed in (already, or just now): go on.
  if (session) return <Navigate to={returnPath(location.state, session)} replace />;

  const onSubmit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    if (username.trim() === '' || password === '') {
      setError(t('login.missing'));
      return;
    }
    setBusy(true);
    setError(undefined);
    try {
      setSession(await login(username.trim(), password));
    } catch (caught) {
      setError(errorMessage(caught));
      setBusy(false);
    }
  };

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
      <p className="hint">{t('login.demoHint')}</p>
    </section>
  );
}

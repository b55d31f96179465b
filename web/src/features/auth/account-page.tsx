/**
 * `/akun`: the signed-in user's account, reached from their name in the header. Where the
 * installation signs in with Cognito it has the authenticator section: whether sign-in asks for a
 * code from an authenticator app, and adding one (or moving it to another phone). Local mode has no
 * two-step sign-in, so the section is not there.
 */
import { useId, useState } from 'react';
import { useI18n } from '../../shared/i18n/language';
import { useAsync } from '../../shared/use-async';
import { useDocumentTitle } from '../../shared/use-document-title';
import { refreshSession, totpSettings, useAuthMode } from './authenticator';
import { useSession } from './session';
import type { TotpSecret, TotpSettings } from './sign-in';
import { SignInError } from './sign-in-error';
import { TotpCodeForm, useTotpCodeEntry } from './totp-code-input';
import { TotpSetupGuide } from './totp-setup-guide';

export function AccountPage() {
  const { t } = useI18n();
  const session = useSession();
  const mode = useAuthMode();
  useDocumentTitle(t('account.title'));
  return (
    <>
      <h1>{t('account.title')}</h1>
      <p className="muted">{session?.user.name}</p>
      {mode === 'cognito' ? <AuthenticatorSection /> : null}
    </>
  );
}

/** Whether the app has an authenticator now; its settings come with it (Cognito only). */
async function loadAuthenticator(): Promise<{ settings: TotpSettings; enabled: boolean } | null> {
  const settings = await totpSettings();
  return settings ? { settings, enabled: await settings.enabled() } : null;
}

/** The words for a failure here: a wrong or used code, an ended session, or "try later". */
function useFailureText(): (caught: unknown) => string {
  const { t } = useI18n();
  return (caught) => {
    const key = caught instanceof SignInError ? caught.key : undefined;
    if (
      key === 'login.totpWrong' ||
      key === 'login.totpUsed' ||
      key === 'login.expired' ||
      key === 'account.totpNotStarted'
    )
      return t(key);
    return t('account.totpFailed');
  };
}

function AuthenticatorSection() {
  const { t } = useI18n();
  const ids = useId();
  const failureText = useFailureText();
  const loaded = useAsync('authenticator', loadAuthenticator);
  /** Set once the user turned it on here (the loaded state is from before). */
  const [turnedOn, setTurnedOn] = useState(false);
  const [setup, setSetup] = useState<TotpSecret>();
  const [error, setError] = useState<string>();
  const [busy, setBusy] = useState(false);

  if (loaded.status === 'loading') return <p role="status">{t('app.loading')}</p>;
  if (loaded.status === 'failed') {
    return (
      <section className="panel section" aria-labelledby={`${ids}-title`}>
        <h2 id={`${ids}-title`}>{t('account.totpTitle')}</h2>
        <p className="alert alert-error" role="alert">
          {t('account.totpLoadFailed')}
        </p>
        <button type="button" className="button" onClick={loaded.retry}>
          {t('app.retry')}
        </button>
      </section>
    );
  }
  if (!loaded.data) return null;
  const { settings } = loaded.data;
  const enabled = loaded.data.enabled || turnedOn;

  const begin = async () => {
    setBusy(true);
    setError(undefined);
    setTurnedOn(false);
    try {
      setSetup(await settings.begin());
    } catch (caught) {
      setError(failureText(caught));
    } finally {
      setBusy(false);
    }
  };

  return (
    <section className="panel section" aria-labelledby={`${ids}-title`}>
      <h2 id={`${ids}-title`}>{t('account.totpTitle')}</h2>
      <p>{t('account.totpIntro')}</p>
      <p>
        <strong>{enabled ? t('account.totpOn') : t('account.totpOff')}</strong>
      </p>
      <p role="status" className="status-success">
        {turnedOn ? t('account.totpDone') : ''}
      </p>
      {error ? (
        <p className="alert alert-error" role="alert">
          {error}
        </p>
      ) : null}
      {setup ? (
        <AddAuthenticator
          settings={settings}
          setup={setup}
          replacing={enabled}
          onDone={() => {
            setSetup(undefined);
            setTurnedOn(true);
            // A new token at once: with an authenticator, an administrator's token carries the admin
            // role again (kawal.config.json's `mfa: "admins"`).
            void refreshSession().catch(() => undefined);
          }}
          onCancel={() => setSetup(undefined)}
        />
      ) : (
        <button type="button" className="button" onClick={begin} disabled={busy} aria-busy={busy}>
          {enabled ? t('account.totpReplace') : t('account.totpTurnOn')}
        </button>
      )}
    </section>
  );
}

/** The guide to adding the app, and its first code to confirm it. */
function AddAuthenticator({
  settings,
  setup,
  replacing,
  onDone,
  onCancel,
}: {
  settings: TotpSettings;
  setup: TotpSecret;
  replacing: boolean;
  onDone: () => void;
  onCancel: () => void;
}) {
  const { t } = useI18n();
  const ids = useId();
  const failureText = useFailureText();
  // The guide replaces the button that opened it: the focus goes to its heading.
  const { code, setCode, error, busy, input, heading, onSubmit } = useTotpCodeEntry({
    send: async (digits) => {
      await settings.confirm(digits);
      onDone();
    },
    messageOf: failureText,
    first: 'heading',
  });

  return (
    <div>
      <h3 ref={heading} tabIndex={-1} className="small-heading">
        {replacing ? t('account.totpReplace') : t('account.totpTurnOn')}
      </h3>
      <TotpSetupGuide secret={setup.secret} uri={setup.uri} />
      {replacing ? <p className="notice">{t('account.totpReplaceNote')}</p> : null}
      <TotpCodeForm
        idPrefix={ids}
        code={code}
        onCodeChange={setCode}
        error={error}
        busy={busy}
        inputRef={input}
        submitLabel={t('account.totpConfirm')}
        onSubmit={onSubmit}
        onCancel={onCancel}
      />
    </div>
  );
}

/** The frame of every page: header (app name, navigation, the user, language switch, sign out) and the page. */
import { useEffect, useRef } from 'react';
import { Link, NavLink, Outlet, useLocation, useNavigate } from 'react-router';
import { signOut, useKnownAuthMode } from '../features/auth/authenticator';
import { holdsCases, useSession } from '../features/auth/session';
import { useBranding } from '../shared/branding';
import { LANGUAGES, type MessageKey } from '../shared/i18n/dictionary';
import { useI18n } from '../shared/i18n/language';

const LANGUAGE_NAMES = { id: 'Bahasa Indonesia', en: 'English' } as const;

function roleKey(role: string): MessageKey | undefined {
  if (role === 'admin') return 'role.admin';
  if (role === 'supervisor') return 'role.supervisor';
  if (role === 'worker') return 'role.worker';
  return undefined;
}

/**
 * After moving to another page the focus goes to the new page's `h1`, so a screen reader announces
 * where the person is and the keyboard starts from the top of the page, not from the link left behind.
 * The heading may come after the page's data: it is waited for (a few seconds at most). Focus the
 * person already put inside the new page stays where it is.
 */
function useFocusOnNavigation(): void {
  const { pathname } = useLocation();
  const shown = useRef<string | undefined>(undefined);
  useEffect(() => {
    // The first page of a visit: the browser starts at the top by itself.
    const before = shown.current;
    shown.current = pathname;
    if (before === undefined || before === pathname) return;
    const main = document.getElementById('main');
    if (!main) return;
    const focusHeading = (): boolean => {
      const heading = main.querySelector('h1');
      if (!heading) return false;
      const active = document.activeElement;
      if (active && active !== document.body && main.contains(active)) return true;
      if (!heading.hasAttribute('tabindex')) heading.setAttribute('tabindex', '-1');
      heading.focus();
      return true;
    };
    if (focusHeading()) return;
    const observer = new MutationObserver(() => {
      if (focusHeading()) observer.disconnect();
    });
    observer.observe(main, { childList: true, subtree: true });
    const timer = setTimeout(() => observer.disconnect(), 8000);
    return () => {
      observer.disconnect();
      clearTimeout(timer);
    };
  }, [pathname]);
}

export function Layout() {
  const { t, lang, setLang } = useI18n();
  const branding = useBranding();
  const session = useSession();
  const navigate = useNavigate();
  const { pathname } = useLocation();
  // Only Cognito has account settings (the authenticator); asking does not make a local page read /config.json.
  const hasAccountPage = useKnownAuthMode() === 'cognito';
  useFocusOnNavigation();
  const roles = session?.user.roles.map((role) => {
    const key = roleKey(role);
    return key ? t(key) : role;
  });

  const leave = () => {
    signOut();
    navigate('/masuk', { replace: true });
  };

  return (
    <>
      <a className="skip-link" href="#main">
        {t('app.skipToContent')}
      </a>
      <header className="app-header">
        <div className="app-header-inner">
          <Link to="/" className="app-name" title={branding.agencyName}>
            {branding.appName}
          </Link>
          {session ? (
            <nav aria-label={t('app.mainNav')}>
              {holdsCases(session.user) ? <NavLink to="/kasus">{t('caseload.title')}</NavLink> : null}
              {session.user.roles.includes('supervisor') ? (
                <NavLink to="/dasbor">{t('dashboard.nav')}</NavLink>
              ) : null}
              <NavLink to="/formulir">{t('forms.title')}</NavLink>
              {session.user.roles.includes('admin') ? <NavLink to="/admin">{t('studio.nav')}</NavLink> : null}
            </nav>
          ) : null}
          <div className="app-header-tools">
            {session ? (
              <p className="user">
                <span className="sr-only">{t('header.account')}: </span>
                {hasAccountPage ? (
                  <Link to="/akun" className="user-name" title={t('account.link')}>
                    {session.user.name}
                  </Link>
                ) : (
                  <span className="user-name">{session.user.name}</span>
                )}
                {roles && roles.length > 0 ? <span className="user-role">{roles.join(', ')}</span> : null}
              </p>
            ) : null}
            {/* biome-ignore lint/a11y/useSemanticElements: a labelled group of toggle buttons, not a form fieldset */}
            <div className="language-switch" role="group" aria-label={t('header.language')}>
              {LANGUAGES.map((option) => (
                <button
                  key={option}
                  type="button"
                  lang={option}
                  title={LANGUAGE_NAMES[option]}
                  aria-pressed={lang === option}
                  onClick={() => setLang(option)}
                >
                  {option.toUpperCase()}
                </button>
              ))}
            </div>
            {session ? (
              <button type="button" className="button button-quiet" onClick={leave}>
                {t('header.logout')}
              </button>
            ) : null}
          </div>
        </div>
      </header>
      <main id="main" tabIndex={-1}>
        {session?.needsAuthenticator && pathname !== '/akun' ? (
          <p className="notice admin-mfa-notice">
            {t('account.adminNeedsAuthenticator')}{' '}
            <Link to="/akun">{t('account.adminAddAuthenticator')}</Link>
          </p>
        ) : null}
        <Outlet />
      </main>
    </>
  );
}

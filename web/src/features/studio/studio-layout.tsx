/**
 * The administrator's studio: its own lazily loaded part of the app under `/admin`, with a section
 * navigation. Only administrators see it; anyone else gets a plain refusal (the API refuses them too).
 */
import { NavLink, Outlet } from 'react-router';
import { useTexts } from '../../shared/i18n/language';
import { useDocumentTitle } from '../../shared/use-document-title';
import { useSession } from '../auth/session';
import type { StudioKey } from './texts';
import { studioTexts } from './texts';
import './studio.css';

export const STUDIO_SECTIONS: readonly { path: string; label: StudioKey }[] = [
  { path: 'formulir', label: 'nav.forms' },
  { path: 'aturan', label: 'nav.rulesets' },
  { path: 'jenis-kasus', label: 'nav.caseTypes' },
  { path: 'layanan', label: 'nav.services' },
  { path: 'kantor', label: 'nav.offices' },
  { path: 'kalender', label: 'nav.calendar' },
  { path: 'paket', label: 'nav.packs' },
  { path: 'pengguna', label: 'nav.users' },
];

export function StudioLayout() {
  const { t } = useTexts(studioTexts);
  const session = useSession();
  useDocumentTitle(t('title'));
  if (!session?.user.roles.includes('admin'))
    return (
      <div className="page">
        <h1 tabIndex={-1}>{t('title')}</h1>
        <p className="alert alert-error">{t('adminOnly')}</p>
      </div>
    );
  return (
    <div className="studio">
      <nav className="studio-nav" aria-label={t('nav')}>
        <ul>
          {STUDIO_SECTIONS.map((section) => (
            <li key={section.path}>
              <NavLink to={`/admin/${section.path}`}>{t(section.label)}</NavLink>
            </li>
          ))}
        </ul>
      </nav>
      <div className="studio-main">
        <Outlet />
      </div>
    </div>
  );
}

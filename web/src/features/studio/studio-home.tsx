/** `/admin`: what the studio is for, and its sections. */
import { Link } from 'react-router';
import { useTexts } from '../../shared/i18n/language';
import { STUDIO_SECTIONS } from './studio-layout';
import { studioTexts } from './texts';

export function StudioHome() {
  const { t } = useTexts(studioTexts);
  return (
    <>
      <h1 tabIndex={-1}>{t('title')}</h1>
      <p>{t('home.intro')}</p>
      <ul className="card-list">
        {STUDIO_SECTIONS.map((section) => (
          <li key={section.path} className="card">
            <Link to={`/admin/${section.path}`} className="card-title">
              {t(section.label)}
            </Link>
          </li>
        ))}
      </ul>
    </>
  );
}
